package no.kvik.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.reference.ReferenceData;
import no.kvik.store.SqlDependencies;

/**
 * The SQL hash of an indicator's definition, as manifests, {@code definitions.json}, the subscriber workbook,
 * revisions and the catalogue version show it: it covers the indicator's own SQL file and every reference SQL file
 * ({@code sql/reference}: macros, views, code sets) it reads, directly or through each other, as
 * {@link SqlDependencies} finds them (an upper bound: a column that shares a macro's name pulls that file in too),
 * and every reference CSV file ({@code data/reference}) whose {@code ref_*} table those read: the code lists that
 * say what an AMI or a statin is live there. Most indicators' files only call a macro, so a hash of that file alone
 * missed a change of the rule itself, and the SQL alone a change of its code list. A whole file counts: a code set
 * added for another indicator marks every indicator reading that file as changed (an upper bound again).
 *
 * <p>The text hashed has one line per file in the format of {@code sha256sum}: {@code <sha256 of the file>, two
 * spaces, <path from the kvik folder with />}, the indicator's file first, then the reference files (CSV and SQL) in
 * path order; so {@code cd $KVIK_HOME && sha256sum sql/indicators/... data/reference/... sql/reference/... | sha256sum}
 * gives the same hash.
 *
 * <p>One instance per release: it keeps each file's hash once read (the files do not change under a release); not
 * thread-safe.
 */
public final class DefinitionHash {
    private final Path root;
    private final SqlDependencies dependencies;
    /** The reference CSV files of the kvik folder, each read as the table {@link ReferenceData#tableName} names. */
    private final List<Path> referenceCsv;
    /**
     * Each file's SHA-256, read once: most indicators share the same reference files (the 400 kB ICD-10 code list),
     * and a release hashes every indicator's files for the catalogue version as well as the released ones'.
     */
    private final Map<Path, String> fileHashes = new HashMap<>();

    private DefinitionHash(Path root, SqlDependencies dependencies, List<Path> referenceCsv) {
        this.root = root;
        this.dependencies = dependencies;
        this.referenceCsv = List.copyOf(referenceCsv);
    }

    /** Reads the reference SQL files of {@code home} once. */
    public static DefinitionHash of(KvikHome home) throws IOException, SQLException {
        return of(home, SqlDependencies.of(home.sql().resolve("reference")));
    }

    /** With the reference SQL of {@code home} already read into {@code dependencies}. */
    public static DefinitionHash of(KvikHome home, SqlDependencies dependencies) throws SQLException {
        return new DefinitionHash(home.root().toAbsolutePath().normalize(), dependencies,
                ReferenceData.csvFiles(home.reference()));
    }

    /**
     * The files the hash covers: the indicator's SQL file, then the reference files it reads (SQL, and the CSV files of
     * the {@code ref_*} tables its SQL or those read), in path order.
     */
    public List<Path> files(Indicator indicator) throws IOException {
        String sql = Files.readString(indicator.sqlFile(), StandardCharsets.UTF_8);
        SqlDependencies.Closure closure = dependencies.closure(sql);
        List<Path> references = new ArrayList<>(closure.files());
        for (Path csv : referenceCsv) if (closure.names().contains(ReferenceData.tableName(csv))) references.add(csv);
        references.sort(Comparator.comparing(this::relative));
        List<Path> files = new ArrayList<>(List.of(indicator.sqlFile()));
        files.addAll(references);
        return List.copyOf(files);
    }

    /** SHA-256 of the {@code sha256sum} lines of {@link #files}. */
    public String sqlSha256(Indicator indicator) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Path file : files(indicator)) {
            lines.append(fileHash(file)).append("  ").append(relative(file)).append('\n');
        }
        return ReleaseFiles.sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String fileHash(Path file) throws IOException {
        String hash = fileHashes.get(file);
        if (hash == null) {
            hash = ReleaseFiles.sha256(file);
            fileHashes.put(file, hash);
        }
        return hash;
    }

    /** The file's path from the kvik folder with {@code /} separators (no absolute path enters a release). */
    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new IllegalArgumentException(file + " is outside the kvik folder " + root + "; its hash would name an absolute path");
        }
        return root.relativize(absolute).toString().replace('\\', '/');
    }
}
