package no.kvik.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.sql.DuckDb;
import no.kvik.store.StoreManifest;

/**
 * A copy of a store whose Parquet files hold the same rows in another order: every file of every live delivery and
 * every person key segment is rewritten in a seeded random order and in small row groups, so that DuckDB's parallel
 * scan (which hands row groups to its threads) meets them in yet another order. The manifest stays valid as it is: it
 * names the files by path and counts their rows (and digests the source files, not the Parquet), and both are kept.
 * Results computed on the copy must equal those on the original: a difference is a dependence on row order.
 *
 * <p>Run from the command line (test classpath): {@code java no.kvik.testutil.StoreShuffler STORE COPY SEED [ROWS]}.
 */
public final class StoreShuffler {
    /**
     * Rows per row group of a rewritten file: the fewest DuckDB's Parquet writer puts in one (its vector size; a
     * smaller ROW_GROUP_SIZE still gives groups of 2048), so a scale-0.02 registry file spans some twenty.
     */
    public static final int DEFAULT_ROW_GROUP_ROWS = 2048;

    private StoreShuffler() {
    }

    /** What a shuffle did: how many Parquet files it rewrote and how many rows they hold. */
    public record Shuffled(Path store, int files, long rows) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: StoreShuffler STORE COPY SEED [ROW_GROUP_ROWS]");
            System.exit(2);
        }
        int rowGroup = args.length == 4 ? Integer.parseInt(args[3]) : DEFAULT_ROW_GROUP_ROWS;
        Shuffled s = shuffle(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), rowGroup);
        System.out.println("shuffled " + s.files() + " Parquet files, " + s.rows() + " rows, into " + s.store());
    }

    /**
     * Copies {@code store} to {@code copy} (which must not exist) and rewrites the copy's Parquet files, each with its
     * rows in the order of a hash of their position and {@code seed}, in row groups of {@code rowGroupRows} rows.
     */
    public static Shuffled shuffle(Path store, Path copy, long seed, int rowGroupRows) {
        if (Files.exists(copy)) throw new IllegalArgumentException(copy + ": exists; the shuffled copy needs a new folder");
        if (rowGroupRows < 1) throw new IllegalArgumentException("row group rows must be at least 1, was " + rowGroupRows);
        StoreManifest manifest = StoreManifest.read(store);
        try {
            copyTree(store, copy);
            List<String> files = new ArrayList<>(manifest.files());
            if (manifest.persons() != null) files.addAll(manifest.persons().files());
            long rows = 0;
            try (Connection c = DuckDb.open(DuckDb.Settings.DEFAULTS.withThreads(1))) {
                for (String relative : files) rows += rewrite(c, copy.resolve(relative), seed, rowGroupRows);
            }
            return new Shuffled(copy, files.size(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shuffle " + store + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites one Parquet file in place with the same columns and rows in another order; returns its row count. */
    private static long rewrite(Connection c, Path file, long seed, int rowGroupRows) throws SQLException, IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".shuffle-tmp");
        String source = literal(file.toAbsolutePath().toString());
        try (Statement st = c.createStatement()) {
            // file_row_number decides ties of the hash, so the order is a function of the file and the seed alone
            st.execute("COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet(" + source
                    + ", file_row_number = true) ORDER BY hash(file_row_number, " + seed + "), file_row_number) TO "
                    + literal(tmp.toAbsolutePath().toString()) + " (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupRows + ")");
            long before = count(st, source);
            long after = count(st, literal(tmp.toAbsolutePath().toString()));
            if (before != after) throw new IllegalStateException(file + ": " + after + " rows after shuffle, " + before + " before");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return after;
        }
    }

    private static long count(Statement st, String fileLiteral) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + fileLiteral + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Copies every file below {@code from} except reader leases (a copy has no readers yet). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path relative = from.relativize(p);
                if (relative.getNameCount() > 1 && relative.getName(0).toString().equals("readers")) continue;
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
