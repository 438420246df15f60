package no.kvik.testutil;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A query's rows with every value as text ({@link ResultSet#getString}), for tests comparing stored data. */
public final class TextRows {
    private TextRows() {
    }

    /** Every remaining row of {@code rs}, each value as {@code getString} gives it (null stays null). */
    public static List<List<String>> of(ResultSet rs) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) row.add(rs.getString(i));
            rows.add(row);
        }
        return rows;
    }
}
