package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The expected table sums p̂ per group as list_sum(list_sort(list(p))) (issue #17) where it used
 * sum(p ORDER BY p): both add the same values in ascending order, so E is the same to the bit. Checked on 2,000
 * groups of 1–60 probabilities of mixed magnitudes, inserted in random order; the plain sum in arrival order differs
 * in some group, so the check can tell orders apart.
 */
class ExpectedSumOrderTest {
    @Test
    void sortedListSumEqualsOrderedSumToTheBit() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SELECT setseed(0.17)");
            st.execute("CREATE TABLE p AS SELECT g, 1 / (1 + exp(-(random() * 12 - 9))) AS p "
                    + "FROM range(2000) r(g), range(60) k(i) WHERE i < 1 + (g % 60) ORDER BY random()");
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE ordered IS DISTINCT FROM listed), "
                    + "count(*) FILTER (WHERE ordered <> arrival) FROM (SELECT g, sum(p ORDER BY p) AS ordered, "
                    + "list_sum(list_sort(list(p))) AS listed, sum(p) AS arrival FROM p GROUP BY g)")) {
                rs.next();
                assertEquals(2000, rs.getLong(1));
                assertEquals(0, rs.getLong(2), "groups whose sorted-list sum differs from the ordered sum");
                assertTrue(rs.getLong(3) > 0, "the plain sum should differ somewhere, or the check tells nothing");
            }
        }
    }
}
