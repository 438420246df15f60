package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The count cube's cells come in one order, whatever order DuckDB's threads finish the GROUPING SETS groups in: 300,000
 * case rows (three row groups' worth) on a four-thread connection, cubed ten times. Without the ORDER BY the cells came
 * back in 26 different orders in 30 such queries.
 */
class OecdCountsOrderTest {
    private static final int ROWS = 300_000;

    /** The case row's registry sex code: null, unknown '9', male '1', female '2' (the SQL below says the same). */
    private static String sex(int i) {
        if (i % 7 == 0) return null;
        if (i % 11 == 0) return "9";
        return i % 2 == 0 ? "1" : "2";
    }

    /** The case row's OECD age group, null (under 45) for one tenth. */
    private static String age(int i) {
        int k = (i / 3) % 10;
        return k == 9 ? null : Strata.AGE_GROUPS.get(k);
    }

    private static boolean died(int i) {
        return i % 5 == 0;
    }

    @Test
    void cellsComeInSexAndAgeOrderOnAMultiThreadedConnection() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = 4");
            String ages = "['" + String.join("', '", Strata.AGE_GROUPS) + "']";
            st.execute("CREATE TABLE cases AS SELECT "
                    + "CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN '9' WHEN i % 2 = 0 THEN '1' ELSE '2' END AS sex, "
                    + "CASE WHEN (i // 3) % 10 = 9 THEN NULL ELSE " + ages + "[CAST((i // 3) % 10 + 1 AS BIGINT)] END AS cov_age_group, "
                    + "CAST(i % 5 = 0 AS DOUBLE) AS numerator, 1.0 AS denominator FROM range(" + ROWS + ") r(i)");
            List<StratumCounts> expected = expectedCells();
            assertEquals(4 * 10 + 4 + 10 + 1, expected.size());
            for (int k = 0; k < 10; k++) assertEquals(expected, OecdData.cells(c, "cases"), "query " + (k + 1));
        }
    }

    /**
     * The cube summed in Java row by row: cells (sex × age), sex margins, age margins and the total, each by raw sex
     * code '1', '2', '9', null and age group, null last.
     */
    private static List<StratumCounts> expectedCells() {
        List<String> sexes = Arrays.asList("1", "2", "9", null);
        List<String> ageGroups = new ArrayList<>(Strata.AGE_GROUPS);
        ageGroups.add(null);
        Map<String, double[]> sums = new TreeMap<>();
        for (int i = 0; i < ROWS; i++) {
            for (String key : List.of(sex(i) + "|" + age(i), sex(i) + "|*", "*|" + age(i), "*|*")) {
                double[] v = sums.computeIfAbsent(key, x -> new double[2]);
                v[0]++;
                if (died(i)) v[1]++;
            }
        }
        List<StratumCounts> out = new ArrayList<>();
        for (String s : sexes) for (String a : ageGroups) out.add(cell(sums, s, a, label(s), a));
        for (String s : sexes) out.add(cell(sums, s, "*", label(s), Strata.ALL_AGES));
        for (String a : ageGroups) out.add(cell(sums, "*", a, Strata.BOTH, a));
        out.add(cell(sums, "*", "*", Strata.BOTH, Strata.ALL_AGES));
        return out;
    }

    private static StratumCounts cell(Map<String, double[]> sums, String sex, String age, String sexLabel, String ageLabel) {
        double[] v = sums.get(sex + "|" + age);
        return new StratumCounts(sexLabel, ageLabel, v[0], v[1]);
    }

    private static String label(String raw) {
        return Strata.sexOf(raw) != null ? Strata.sexOf(raw) : "[" + raw + "]";
    }
}
