package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reduced table's sums do not depend on the order DuckDB meets the terms in (issue #17, whole catalogue at scale
 * 1: the five-year relative survival indicators, whose denominators are expected survivals, differed in the last
 * digit between a run on one thread and on two). Whole terms are summed exactly, fractions in ascending order.
 */
class ReducedSumOrderTest {

    /** One month and unit; summed in this order by doubles: 1e16 + 1 = 1e16 (ties to even), - 1e16 = 0, + 1 + 0.5 = 1.5. */
    private static final double[] TERMS = {1e16, 1.0, -1e16, 1.0, 0.5};
    /** The same terms in another order: a plain double sum gives 2.0. */
    private static final double[] REORDERED = {-1e16, 0.5, 1e16, 1.0, 1.0};

    @Test
    void sumsAreTheSameInAnyRowOrder() throws Exception {
        // the two plain sums differ, so equal reduced sums are not a coincidence of the data
        assertNotEquals(plainSum(TERMS), plainSum(REORDERED));
        assertEquals(1.5, plainSum(TERMS));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (double[] order : List.of(TERMS, REORDERED)) {
                cases(c, order);
                new Engine(c).reduceFrom("cases", false, "reduced");
                // whole terms exactly (1e16 + 1 - 1e16 + 1 = 2), then the fraction 0.5
                assertEquals(List.of(2.5), column(c, "SELECT den FROM reduced"));
                assertEquals(List.of(2.5), column(c, "SELECT s1 FROM reduced"));
                // squares: 1 + 1 whole; 0.25, 1e32, 1e32 (at or above 1e30: with the fractions) ascending: 2e32
                assertEquals(List.of(2e32), column(c, "SELECT s2 FROM reduced"));
                assertEquals(List.of(5.0), column(c, "SELECT num FROM reduced"));
            }
        }
    }

    @Test
    void wholeNumbersGiveThePlainSumAndNoValuesGiveNull() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            cases(c, new double[] {3, 1, 2});
            new Engine(c).reduceFrom("cases", false, "reduced");
            assertEquals(List.of(6.0), column(c, "SELECT den FROM reduced"));
            assertEquals(List.of(14.0), column(c, "SELECT s2 FROM reduced"));
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE cases SET value = NULL");
            }
            new Engine(c).reduceFrom("cases", false, "reduced");
            assertEquals(List.of(1L), longs(c, "SELECT count(*) FILTER (WHERE s1 IS NULL AND s2 IS NULL) FROM reduced"));
        }
    }

    private static double plainSum(double[] terms) {
        double s = 0;
        for (double d : terms) s += d;
        return s;
    }

    private static void cases(Connection c, double[] terms) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE cases (event_date DATE, provider_org VARCHAR, residence_municipality VARCHAR, "
                    + "residence_county VARCHAR, central_id VARCHAR, sex VARCHAR, age INTEGER, numerator DOUBLE, "
                    + "denominator DOUBLE, value DOUBLE)");
            for (double d : terms) {
                st.execute("INSERT INTO cases VALUES (DATE '2024-03-05', '974', '0301', '03', NULL, 'K', 70, 1, " + d
                        + ", " + d + ")");
            }
        }
    }

    private static List<Double> column(Connection c, String sql) throws Exception {
        List<Double> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getDouble(1));
        }
        return out;
    }

    private static List<Long> longs(Connection c, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }
}
