package no.kvik.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;

/**
 * Registers every {@code data/reference/*.csv} as a DuckDB table {@code ref_<file name>} (all columns
 * VARCHAR, so codes keep their leading zeros), then runs the curated reference views and macros of
 * {@code sql/reference/*.sql} in file-name order.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** Registers the CSV tables and the curated SQL views of a kvik home. Returns the table names. */
    public static List<String> registerAll(Connection connection, KvikHome home) throws SQLException {
        List<String> names = register(connection, home.reference());
        registerViews(connection, home.sql().resolve("reference"));
        return names;
    }

    /** Registers the CSV tables of {@code referenceDir}; returns the names of the tables created. */
    public static List<String> register(Connection connection, Path referenceDir) throws SQLException {
        return register(connection, referenceDir, csv -> true);
    }

    /** As {@link #register(Connection, Path)}, only the CSV files {@code wanted} accepts. */
    public static List<String> register(Connection connection, Path referenceDir, Predicate<Path> wanted)
            throws SQLException {
        List<Path> files = list(referenceDir, ".csv").stream().filter(wanted).toList();
        List<String> names = files.stream().map(ReferenceData::tableName).toList();
        try (Statement st = connection.createStatement()) {
            for (int i = 0; i < files.size(); i++) {
                // the path is a literal in DDL: DuckDB cannot bind parameters in CREATE TABLE AS,
                // and it comes from our own folder listing, quoted for SQL
                st.execute(createTableSql(files.get(i)));
            }
        }
        return names;
    }

    /** The statement that registers one reference CSV as its {@code ref_*} table (all columns VARCHAR). */
    public static String createTableSql(Path csv) {
        return "CREATE OR REPLACE TABLE " + tableName(csv) + " AS SELECT * FROM read_csv("
                + sqlString(csv.toAbsolutePath().toString())
                + ", header = true, all_varchar = true, delim = ',', quote = '\"')";
    }

    /** The reference CSV files of {@code referenceDir}, in the order {@link #register} reads them. */
    public static List<Path> csvFiles(Path referenceDir) throws SQLException {
        return list(referenceDir, ".csv");
    }

    /** The curated reference SQL files of {@code dir}, in the order {@link #registerViews} runs them. */
    public static List<Path> sqlFiles(Path dir) throws SQLException {
        return list(dir, ".sql");
    }

    /** Runs every {@code *.sql} file of {@code dir} (a missing folder is fine: there are no views then). */
    public static void registerViews(Connection connection, Path dir) throws SQLException {
        registerViews(connection, dir, file -> true);
    }

    /** As {@link #registerViews(Connection, Path)}, only the files {@code wanted} accepts (in the same order). */
    public static void registerViews(Connection connection, Path dir, Predicate<Path> wanted) throws SQLException {
        if (!Files.isDirectory(dir)) return;
        for (Path file : list(dir, ".sql")) {
            if (!wanted.test(file)) continue;
            String sql;
            try {
                sql = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SQLException("cannot read " + file + ": " + e.getMessage(), e);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(file + ": " + e.getMessage(), e);
            }
        }
        LevelTables.checkUniqueKeys(connection);
    }

    public static String tableName(Path csv) {
        String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        return "ref_" + base.toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static List<Path> list(Path dir, String suffix) throws SQLException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList());
        } catch (IOException e) {
            throw new SQLException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
