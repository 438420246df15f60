package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OECD follow-up macro ({@code sql/reference/table_oecd_follow_up_cases.sql}) joins only the source of the
 * indicator's own outcome (issue #17, oecdfollow): each of the 15 indicators' given/expect cases still gives its
 * expected rows when the follow-up sources of the other outcomes fail on any row read (their views replaced by ones
 * whose patient_id is {@code error(...)}). The macro as it was (one CASE over four EXISTS) read every source for
 * every outcome and fails here. {@code npr_somatic} is the cohort's own source, so it is never made to fail.
 */
class OecdFollowUpSourcesTest {
    /** The follow-up source each outcome reads besides the cohort's npr_somatic (readmission: npr_somatic only). */
    private static final Map<String, String> SOURCE_OF_OUTCOME = Map.of(
            "death", "death", "gp_contact", "kpr_gp_contact", "dispensed", "prescription", "readmission", "npr_somatic");
    private static final List<String> FOLLOW_UP_SOURCES = List.of("death", "kpr_gp_contact", "prescription");

    private static Catalogue catalogue;
    private static IndicatorTestRunner runner;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        catalogue = Catalogue.load(home.indicators(), contracts);
        runner = new IndicatorTestRunner(home, contracts);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    @Test
    void eachFollowUpReadsOnlyItsOwnOutcomesSource() throws Exception {
        List<Indicator> followUps = catalogue.all().stream()
                .filter(i -> i.sqlFile().endsWith("shared/oecd_follow_up_cases.sql")).toList();
        assertEquals(15, followUps.size(), "the 9 AMI and 6 CHF follow-ups share the macro's caller");
        Map<String, String> originalViews = new LinkedHashMap<>();
        try (Statement st = runner.connection().createStatement()) {
            for (String source : FOLLOW_UP_SOURCES) originalViews.put(source, viewSql(st, source));
        }
        for (Indicator indicator : followUps) {
            String outcome = (String) indicator.parameterValues(Map.of()).get("outcome");
            String ownSource = SOURCE_OF_OUTCOME.get(outcome);
            List<String> failing = FOLLOW_UP_SOURCES.stream().filter(s -> !s.equals(ownSource)).toList();
            assertFalse(indicator.meta().tests().isEmpty(), indicator.id());
            try (Statement st = runner.connection().createStatement()) {
                for (String source : failing) {
                    st.execute("CREATE OR REPLACE VIEW " + source + " AS SELECT * EXCLUDE (_errors, _source_file) "
                            + "REPLACE (CAST(error('" + source + " was read by a follow-up of outcome " + outcome
                            + "') AS VARCHAR) AS patient_id) FROM " + source + "_given WHERE _errors IS NULL");
                }
            }
            try {
                for (IndicatorTest test : indicator.meta().tests()) {
                    runner.run(indicator, test);
                    // the case gave rows to every failing source: reading one would have thrown
                    try (Statement st = runner.connection().createStatement()) {
                        for (String source : failing) {
                            assertTrue(count(st, "SELECT count(*) FROM " + source + "_given WHERE _errors IS NULL") > 0,
                                    indicator.id() + ": its case gives no " + source + " rows, so it cannot tell");
                        }
                    }
                }
            } finally {
                try (Statement st = runner.connection().createStatement()) {
                    for (String sql : originalViews.values()) st.execute(sql.replaceFirst("(?i)^CREATE VIEW", "CREATE OR REPLACE VIEW"));
                }
            }
        }
    }

    @Test
    void anUnknownOutcomeOrAtcSetIsStillAnError() throws Exception {
        Indicator statin = catalogue.get("oecd_ami_statin_1y");
        // leaves its given rows: a cohort of three AMI stays in 2023, two with a statin (its expected rows)
        runner.run(statin, statin.meta().tests().get(0));
        // sum(numerator), not count(*): the outcome's value must be computed for its error to be raised
        String call = "SELECT * FROM oecd_follow_up_cases(%s, 'OECD_AMI', %s, DATE '2023-01-01', DATE '2024-01-01', 365, 45)";
        assertEquals(3, count("SELECT count(*) FROM (" + call.formatted("'dispensed'", "'OECD_AMI_STATIN'") + ")"));
        assertEquals(2, count("SELECT sum(numerator) FROM (" + call.formatted("'dispensed'", "'OECD_AMI_STATIN'") + ")"));
        SQLException unknownOutcome = assertThrows(SQLException.class,
                () -> count("SELECT sum(numerator) FROM (" + call.formatted("'survival'", "''") + ")"));
        assertTrue(unknownOutcome.getMessage().contains("oecd_follow_up_cases: unknown outcome survival"),
                unknownOutcome.getMessage());
        SQLException unknownSet = assertThrows(SQLException.class, () -> count(
                "SELECT sum(numerator) FROM (" + call.formatted("'dispensed'", "'OECD_AMI_STATIN NO_SUCH_SET'") + ")"));
        assertTrue(unknownSet.getMessage().contains(
                "atc_sets 'OECD_AMI_STATIN NO_SUCH_SET' names a set that atc_code_sets does not have"), unknownSet.getMessage());
    }

    /** On a statement of its own: DuckDB's JDBC statement is closed after a query that failed. */
    private static long count(String sql) throws SQLException {
        try (Statement st = runner.connection().createStatement()) {
            return count(st, sql);
        }
    }

    private static String viewSql(Statement st, String view) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT sql FROM duckdb_views() WHERE view_name = '" + view + "' AND NOT internal")) {
            assertTrue(rs.next(), "no view " + view);
            return rs.getString(1);
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
