package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * digit between a run on one thread and on two). Sums of fractions are taken in ascending order of their terms;
 * sums of whole numbers stay plain (exact in any order).
 */
class ReducedSumOrderTest {

    /** Case rows of one month and unit; denominators summed in this (insertion) order give 1.5, in ascending order 0.0. */
    private static final double[] FRACTIONAL = {1e16, 1.0, -1e16, 1.0, 0.5};

    @Test
    void fractionsAreSummedInAscendingOrderWhateverTheRowOrder() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            cases(c, FRACTIONAL);
            new Engine(c).reduceFrom("cases", false, "reduced");
            double[] sorted = FRACTIONAL.clone();
            java.util.Arrays.sort(sorted);
            double ascending = 0;
            for (double d : sorted) ascending += d;
            double inserted = 0;
            for (double d : FRACTIONAL) inserted += d;
            // the two orders give different doubles (1.5 and 0.0), so the assertion tells which order was used
            assertEquals(1.5, inserted);
            assertEquals(0.0, ascending);
            assertEquals(List.of(ascending), column(c, "SELECT den FROM reduced"));
            assertEquals(List.of(ascending), column(c, "SELECT s1 FROM reduced"));
            assertEquals(List.of(s2(sorted)), column(c, "SELECT s2 FROM reduced"));
            // the ordered table has the plain table's columns: no exact_sums left behind
            assertEquals(List.of(0.0), column(c, "SELECT count(*) FILTER (WHERE column_name = 'exact_sums') "
                    + "FROM duckdb_columns() WHERE table_name = 'reduced'"));
        }
    }

    @Test
    void wholeNumbersKeepThePlainSum() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            cases(c, new double[] {3, 1, 2});
            new Engine(c).reduceFrom("cases", false, "reduced");
            assertEquals(List.of(6.0), column(c, "SELECT den FROM reduced"));
            assertEquals(List.of(0.0), column(c, "SELECT count(*) FILTER (WHERE column_name = 'exact_sums') "
                    + "FROM duckdb_columns() WHERE table_name = 'reduced'"));
        }
    }

    private static double s2(double[] ascendingValues) {
        double[] squares = new double[ascendingValues.length];
        for (int k = 0; k < squares.length; k++) squares[k] = ascendingValues[k] * ascendingValues[k];
        java.util.Arrays.sort(squares);
        double s = 0;
        for (double d : squares) s += d;
        return s;
    }

    private static void cases(Connection c, double[] denominators) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE cases (event_date DATE, provider_org VARCHAR, residence_municipality VARCHAR, "
                    + "residence_county VARCHAR, central_id VARCHAR, sex VARCHAR, age INTEGER, numerator DOUBLE, "
                    + "denominator DOUBLE, value DOUBLE)");
            for (double d : denominators) {
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
}
