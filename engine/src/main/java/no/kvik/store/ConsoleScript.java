package no.kvik.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.IngestViews;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.ParameterType;

/**
 * A self-contained DuckDB script that runs one indicator query against a store in the DuckDB CLI or any DuckDB client,
 * with no kvik code in between: the {@code ref_*} tables, registry views and curated reference views and macros the
 * query needs (the macros it calls and the ones those call), created as {@link Store#open} creates them, then the query
 * as a prepared statement and its execution with the given parameter values.
 *
 * <p>What is needed is read from the SQL texts (every identifier outside comments that names a store object), so it
 * is an upper bound; objects come in the order {@link Store#open} creates them, which is the order they depend on.
 */
public final class ConsoleScript {
    /** The name of the prepared statement in the script. */
    public static final String STATEMENT = "kvik_indicator";

    private static final Pattern DEFINED = Pattern.compile(
            "(?i)CREATE\\s+OR\\s+REPLACE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?(?:VIEW|MACRO|TABLE)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A parameter of the query: its type and the value the script executes it with (converted, not null). */
    public record Parameter(ParameterType type, Object value) {
    }

    private ConsoleScript() {
    }

    /**
     * The script for {@code sql} (an indicator query with {@code $name} parameters) on the live deliveries of the store
     * at {@code storeDir}. {@code title} opens the script as a comment (what it is, how it was made).
     */
    public static String of(String title, String sql, Map<String, Parameter> parameters, Path storeDir, KvikHome home)
            throws SQLException, IOException {
        Contracts contracts = Contracts.load(home.contracts());
        StoreManifest manifest = Files.isRegularFile(storeDir.resolve(StoreManifest.FILE_NAME))
                ? StoreManifest.read(storeDir) : StoreManifest.empty();

        // every object a text may name → what creates it
        Map<String, Path> referenceTables = new LinkedHashMap<>();
        for (Path csv : ReferenceData.csvFiles(home.reference())) referenceTables.put(ReferenceData.tableName(csv), csv);
        Map<String, Contract> registryViews = new LinkedHashMap<>();
        for (Contract c : contracts.all()) {
            registryViews.put(c.id(), c);
            registryViews.put(c.id() + "_all", c);
        }
        Map<Path, String> referenceSql = new LinkedHashMap<>();
        Map<String, Path> referenceObjects = new LinkedHashMap<>();
        for (Path file : ReferenceData.sqlFiles(home.sql().resolve("reference"))) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            referenceSql.put(file, text);
            Matcher m = DEFINED.matcher(text);
            while (m.find()) referenceObjects.put(m.group(1).toLowerCase(Locale.ROOT), file);
        }

        // the closure of what the query names, through the reference files it needs
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> texts = new ArrayDeque<>(List.of(sql));
        Set<Path> filesRead = new LinkedHashSet<>();
        while (!texts.isEmpty()) {
            for (String name : identifiers(texts.pop())) {
                if (!needed.add(name)) continue;
                Path file = referenceObjects.get(name);
                if (file != null && filesRead.add(file)) texts.push(referenceSql.get(file));
            }
        }

        StringBuilder out = new StringBuilder();
        title.lines().forEach(line -> out.append("-- ").append(line).append('\n'));
        out.append("-- store: ").append(storeDir.toAbsolutePath().normalize()).append(" (manifest generation ")
                .append(manifest.generation()).append("); reference data: ").append(home.reference().toAbsolutePath())
                .append('\n');
        out.append("-- Run: duckdb < this-file.sql, or paste it into any DuckDB client (it creates only views, macros\n"
                + "-- and the ref_* tables it reads, in the session's in-memory database). The views read the Parquet\n"
                + "-- files of this manifest generation: after a later ingest (and kvik store gc) make the script again.\n"
                + "-- Other values: EXECUTE " + STATEMENT + "(name := value, ...) again, every parameter named.\n");
        out.append("\n-- reference tables (data/reference/*.csv, all columns VARCHAR)\n");
        for (Map.Entry<String, Path> t : referenceTables.entrySet()) {
            if (needed.contains(t.getKey())) out.append(ReferenceData.createTableSql(t.getValue())).append(";\n");
        }
        out.append("\n-- registry views over the store's live Parquet files: <contract>_all every stored row, <contract> "
                + "the usable rows\n");
        for (Contract c : contracts.all()) {
            if (needed.contains(c.id()) || needed.contains(c.id() + "_all")) {
                out.append(Store.allView(c, Store.liveFiles(storeDir, manifest, c))).append(";\n");
                out.append(Store.usableView(c)).append(";\n");
            }
        }
        if (needed.contains(IngestViews.FILES) || needed.contains(IngestViews.REJECTIONS)) {
            out.append("\n-- the files delivered and rejected, as this manifest generation lists them\n");
            for (String view : DeliveryViews.create(manifest, contracts)) out.append(view).append(";\n");
        }
        out.append("\n-- curated reference views and macros (sql/reference) the query uses, directly or through each other\n");
        for (Map.Entry<Path, String> f : referenceSql.entrySet()) {
            if (!filesRead.contains(f.getKey())) continue;
            out.append("-- ").append(home.sql().relativize(f.getKey())).append('\n');
            out.append(f.getValue().strip());
            if (!f.getValue().strip().endsWith(";")) out.append(';');
            out.append('\n');
        }
        out.append("\n-- the indicator query\nPREPARE ").append(STATEMENT).append(" AS\n").append(sql.strip()).append(";\n");
        List<String> arguments = new ArrayList<>();
        parameters.forEach((name, p) -> arguments.add(name + " := " + p.type().sqlLiteral(p.value())));
        out.append("EXECUTE ").append(STATEMENT).append('(').append(String.join(", ", arguments)).append(");\n");
        return out.toString();
    }

    /** The lower-cased identifiers of an SQL text outside {@code --} comments and string literals. */
    static Set<String> identifiers(String sql) {
        String code = sql.replaceAll("--[^\n]*", " ").replaceAll("'([^']|'')*'", "''");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) names.add(m.group().toLowerCase(Locale.ROOT));
        return names;
    }
}
