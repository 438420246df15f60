package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import no.kvik.sql.DuckDb;

/**
 * A user's CSV or Parquet table loaded into an in-memory DuckDB table {@code input} with a 1-based
 * {@code __row} number, plus the checks that name file, row and field. The file path is bound as a
 * parameter; column names come from DuckDB's own DESCRIBE and are quoted as identifiers.
 */
final class TableInput implements AutoCloseable {
    private final Path file;
    private final boolean csv;
    private final Connection connection;
    private final Map<String, String> types = new LinkedHashMap<>();

    private TableInput(Path file, Connection connection) {
        this.file = file;
        this.csv = !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
        this.connection = connection;
    }

    static TableInput open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String reader = name.endsWith(".parquet") ? "read_parquet(?)" : "read_csv(?)";
        try {
            Connection c = DuckDb.open();
            TableInput t = new TableInput(file, c);
            try (PreparedStatement ps = c.prepareStatement(
                    "CREATE TEMP TABLE input AS SELECT row_number() OVER () AS __row, * FROM " + reader)) {
                ps.setString(1, file.toString());
                ps.execute();
            } catch (SQLException e) {
                c.close();
                throw new InputDataException("file " + file + ": cannot be read as "
                        + (reader.startsWith("read_parquet") ? "Parquet" : "CSV") + ": " + e.getMessage(), e);
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT column_name, column_type FROM (DESCRIBE input)")) {
                while (rs.next()) {
                    t.types.put(rs.getString(1), rs.getString(2));
                }
            }
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    Path file() {
        return file;
    }

    /** The quoted identifier of a column that must exist. */
    String column(String name) {
        if (!types.containsKey(name) || name.equals("__row")) {
            throw new IllegalArgumentException("file " + file + ": no column '" + name + "' (columns: "
                    + String.join(", ", types.keySet().stream().filter(k -> !k.equals("__row")).toList()) + ")");
        }
        return quote(name);
    }

    String type(String name) {
        column(name);
        return types.get(name);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Fails on the first row where the column is missing. */
    void requireNotNull(String name) {
        firstBad(name, column(name) + " IS NULL", "is missing");
    }

    /** Fails on the first row where the column is missing or not a number. */
    void requireNumeric(String name) {
        requireNotNull(name);
        String c = column(name);
        firstBad(name, "TRY_CAST(" + c + " AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST(" + c + " AS DOUBLE))",
                "is not a finite number");
    }

    /**
     * Fails on the first row that is not a number in a text column whose other values nearly all are (at
     * least 90 %): a stray 'NA' or typo, which would otherwise turn a numeric covariate into categories.
     */
    void requireNoStrayText(String name) {
        String c = column(name);
        String sql = "SELECT count(*), count(TRY_CAST(" + c + " AS DOUBLE)) FROM input WHERE " + c + " IS NOT NULL";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long all = rs.getLong(1);
            long numbers = rs.getLong(2);
            if (numbers == all || numbers < 0.9 * all) return;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
        firstBad(name, "TRY_CAST(" + c + " AS DOUBLE) IS NULL", "is not a number, while at least 90 % of the column "
                + "is: correct it, or list the column in --categorical to model its values as categories");
    }

    /** Fails on the first row where the numeric column is negative. */
    void requireNonNegative(String name) {
        firstBad(name, "CAST(" + column(name) + " AS DOUBLE) < 0", "is negative");
    }

    /** Fails on the first row where the numeric column is not 0 or 1. */
    void requireBinary(String name) {
        firstBad(name, "CAST(" + column(name) + " AS DOUBLE) NOT IN (0, 1)", "is not 0 or 1");
    }

    /** Fails on the first row where numerator &gt; denominator. */
    void requireAtMost(String numerator, String denominator) {
        String sql = "SELECT __row, CAST(" + column(numerator) + " AS VARCHAR), CAST(" + column(denominator)
                + " AS VARCHAR) FROM input WHERE CAST(" + column(numerator) + " AS DOUBLE) > CAST("
                + column(denominator) + " AS DOUBLE) ORDER BY __row LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                throw new InputDataException("file " + file + ", " + where(rs.getLong(1)) + ", field " + numerator
                        + ": numerator " + rs.getString(2) + " exceeds denominator " + denominator + " = "
                        + rs.getString(3) + " for a proportion");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    private void firstBad(String name, String condition, String problem) {
        String sql = "SELECT __row, CAST(" + column(name) + " AS VARCHAR) FROM input WHERE " + condition
                + " ORDER BY __row LIMIT 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                String v = rs.getString(2);
                throw new InputDataException("file " + file + ", " + where(rs.getLong(1)) + ", field " + name + ": "
                        + (v == null ? "value" : "'" + v + "'") + " " + problem);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    /** "row 7 (line 8)" for CSV with its header line, "row 7" for Parquet. */
    private String where(long row) {
        return csv ? "row " + row + " (line " + (row + 1) + ")" : "row " + row;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }
}
