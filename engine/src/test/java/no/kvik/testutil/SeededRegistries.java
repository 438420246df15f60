package no.kvik.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the differential ITs share to fill seeded adversarial registries and read the rules they froze: rows as SQL
 * value lists inserted in batches, timestamps as SQL literals, periods, test resources as text, old and new rows
 * compared as multisets.
 */
public final class SeededRegistries {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private SeededRegistries() {
    }

    /** Inserts {@code rows} (each a parenthesised SQL value list) into {@code table}, 500 a statement. */
    public static void insert(Connection connection, String table, List<String> rows) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO " + table + " VALUES " + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
        }
    }

    /** {@code t} as a SQL timestamp literal. */
    public static String ts(LocalDateTime t) {
        return "TIMESTAMP '" + TIMESTAMP.format(t) + "'";
    }

    /** The period [start, end) as two dates. */
    public static LocalDate[] period(String start, String end) {
        return new LocalDate[] {LocalDate.parse(start), LocalDate.parse(end)};
    }

    /**
     * The old rule's rows against the new one's as multisets: rows only in {@code oldRows}, only in {@code newRows},
     * {@code oldRows}' rows and those of them with numerator 1 (so a comparison that saw no cases cannot pass).
     */
    public static long[] differences(Connection connection, String oldRows, String newRows) throws SQLException {
        try (Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT "
                + "(SELECT count(*) FROM (FROM " + oldRows + " EXCEPT ALL FROM " + newRows + ")), "
                + "(SELECT count(*) FROM (FROM " + newRows + " EXCEPT ALL FROM " + oldRows + ")), "
                + "(SELECT count(*) FROM " + oldRows + "), (SELECT count(*) FROM " + oldRows + " WHERE numerator = 1)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /** A test resource's text (a frozen rule under fixtures/rewrites-*). */
    public static String resource(Class<?> owner, String path) throws IOException {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
