package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The case-mix fit from cases counted once per combination of covariate values (issue #17) against R's glm on the
 * reference cases (risk_reference.R, the fixtures CaseMixTest uses) and against CaseMix's fit that reads the rows:
 * the same levels, patterns in the same order and so the same coefficients to the last bit.
 */
class PatternCountsTest {

    private static Connection cases() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (PreparedStatement ps = c.prepareStatement("CREATE TABLE cases AS SELECT * FROM read_csv(?)")) {
            ps.setString(1, Path.of(PatternCountsTest.class.getResource("/fixtures/stats/risk_cases.csv").toURI())
                    .toString());
            ps.execute();
        }
        return c;
    }

    /** The cases of {@code relation} counted per (age, sex, admission), in an order unlike SQL's (descending). */
    private static PatternCounts count(Connection c, String relation) throws Exception {
        List<Object[]> keys = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CAST(age AS DOUBLE), "
                + "CAST(sex AS VARCHAR), CAST(admission AS VARCHAR), count(*), sum(CAST(died AS DOUBLE)) FROM " + relation
                + " GROUP BY ALL ORDER BY ALL DESC")) {
            while (rs.next()) {
                keys.add(new Object[] {rs.getDouble(1), rs.getString(2), rs.getString(3)});
                n.add(rs.getLong(4));
                y.add(rs.getDouble(5));
            }
        }
        return new PatternCounts(List.of("age", "sex", "admission"), new boolean[] {false, true, true}, keys,
                n.stream().mapToLong(Long::longValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void countedFitMatchesRAndTheFitOnTheRowsBitForBit() throws Exception {
        try (Connection c = cases()) {
            CaseMix.CountedFit counted = CaseMix.fitCounted(count(c, "cases"), List.of("age", "sex", "admission"),
                    Map.of(), Map.of());
            assertEquals(328, counted.patterns().size());
            assertEquals(3000, counted.cases());
            List<Map<String, String>> coef = Fixtures.csv("risk_expected_coef.csv");
            for (int j = 0; j < coef.size(); j++) {
                assertEquals(coef.get(j).get("name"), counted.model().names().get(j));
                assertClose(num(coef.get(j).get("estimate")), counted.model().fit().coefficients()[j], 1e-8, "beta");
            }
            List<Map<String, String>> units = Fixtures.csv("risk_expected_units.csv");
            assertClose(num(units.get(0).get("national_rate")), counted.nationalRate(), 1e-12, "national rate");
            CaseMix.Fit rows = CaseMix.fit(c, new CaseMix.Spec("cases", "unit", "died", List.of("age", "sex", "admission"),
                    Map.of(), Set.of()));
            assertEquals(rows.design(), counted.design());
            assertPatternsEqual(rows.patterns(), counted.patterns());
            assertArrayEquals(rows.model().fit().coefficients(), counted.model().fit().coefficients(), 0.0);
            assertEquals(rows.nationalRate(), counted.nationalRate(), 0.0);
        }
    }

    /** A merged level (the recode) and a given reference: the same as the rows with the level replaced in SQL. */
    @Test
    void recodedLevelsAndGivenReferenceAsOnTheRecodedRows() throws Exception {
        try (Connection c = cases()) {
            c.createStatement().execute("CREATE TABLE merged AS SELECT unit, died, age, sex, CASE WHEN admission = "
                    + "'transfer' THEN 'emergency' ELSE admission END AS admission FROM cases");
            List<String> covariates = List.of("age", "sex", "admission");
            CaseMix.CountedFit counted = CaseMix.fitCounted(count(c, "cases"), covariates,
                    Map.of("admission", "elective"), Map.of("admission", Map.of("transfer", "emergency")));
            CaseMix.Fit rows = CaseMix.fit(c, new CaseMix.Spec("merged", "unit", "died", covariates,
                    Map.of("admission", "elective"), Set.of()));
            assertEquals(List.of("(Intercept)", "age", "sex=M", "admission=emergency"), counted.model().names());
            assertPatternsEqual(rows.patterns(), counted.patterns());
            assertArrayEquals(rows.model().fit().coefficients(), counted.model().fit().coefficients(), 0.0);
            // sex alone after the merge: one level of 3000 cases
            PatternCounts sexOnly = count(c, "cases").project(List.of("sex"), Map.of("sex", Map.of("F", "M")));
            assertEquals(1, sexOnly.keys().size());
            assertEquals(3000, sexOnly.cases()[0]);
        }
    }

    /**
     * SQL's order of text (UTF-8 bytes: capitals before lower case, Å after z) and of numbers, checked against
     * DuckDB's own ORDER BY of the same values; ties in frequency go to the first level in that order.
     */
    @Test
    void ordersAsDuckDbAndBreaksFrequencyTiesByThatOrder() throws Exception {
        List<String> levels = List.of("z", "Å", "a", "B", "10", "9");
        List<String> duck = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM (VALUES ('z'), ('Å'), ('a'), ('B'), ('10'), ('9')) t(v) ORDER BY v")) {
            while (rs.next()) duck.add(rs.getString(1));
        }
        assertEquals(List.of("10", "9", "B", "a", "z", "Å"), duck);
        List<Object[]> keys = new ArrayList<>();
        for (String l : levels) keys.add(new Object[] {l, 2.0});
        keys.add(new Object[] {"a", -1.5});
        PatternCounts counts = new PatternCounts(List.of("x", "w"), new boolean[] {true, false}, keys,
                new long[] {3, 3, 2, 1, 1, 1, 1}, new double[] {1, 2, 1, 0, 1, 0, 1});
        assertEquals(duck, counts.byValue("x").keySet().stream().map(String.class::cast).toList());
        // a: 2 + 1 cases, z and Å 3 each: the tie at 3 goes to "a" (first in SQL order), then z
        Covariate x = counts.categoricalCovariate("x", null);
        assertEquals("a", x.reference());
        assertEquals(List.of("a", "10", "9", "B", "z", "Å"), x.levels());
        PatternCounts patterns = counts.project(List.of("x", "w"), Map.of());
        assertEquals(List.of("10", "9", "B", "a", "a", "z", "Å"), patterns.keys().stream().map(k -> (String) k[0]).toList());
        assertEquals(-1.5, (Double) patterns.keys().get(3)[1]);
        assertEquals(2.0, (Double) patterns.keys().get(4)[1]);
    }

    private static void assertPatternsEqual(Patterns expected, Patterns actual) {
        assertEquals(expected.names(), actual.names());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.x()[i], actual.x()[i], 0.0, "pattern " + i);
        assertArrayEquals(expected.trials(), actual.trials(), 0.0);
        assertArrayEquals(expected.events(), actual.events(), 0.0);
    }
}
