package no.kvik.engine;

import static no.kvik.testutil.SeededRegistries.insert;
import static no.kvik.testutil.SeededRegistries.period;
import static no.kvik.testutil.SeededRegistries.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import no.kvik.testutil.SeededRegistries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cancer pathway family with a shared case table (issue #17, pathfam: {@code cancer_pathway_cases} split into
 * {@code cancer_pathway_cohort(period_start, period_end)}, every type's completed pathways with the type, and a filter
 * by type; the cohort built once into a table by {@link SharedCohorts} and read through a temp macro) against main's
 * macro at 27e9a39 (frozen in {@code fixtures/rewrites-27e9a39/pathfam/}, renamed {@code main_cancer_pathway_cases}),
 * on seeded random registries (1,200 patients) built to break the split: pathways of every type of
 * ref_cancer_pathways and of an unknown, a lower-case, a blank and a NULL type; one patient's pathways of two types
 * (and of one type twice) starting on the same day; first treatments on and a day either side of the periods' edges
 * (year, tertial and leap-day ends), on the lead time's last day and a day over, before the pathway start; later
 * treatments of the same pathway before, inside and after the period; equal treatment days and admission times
 * (the episode id, delivered in reverse, breaks the tie); episodes without a start or a treatment date. Each of the
 * 27 indicators' statements (its SQL file with its own parameters) over 9 periods, run through the shared cohort as
 * the engine runs it, equals main's macro's rows as a multiset ({@code EXCEPT ALL} both ways); the cohort is built
 * once per period. {@code -Dkvik.pathwaydiff.seed=N} draws other registries.
 */
class PathwayFamilyDifferentialIT {
    private static final long SEED = Long.getLong("kvik.pathwaydiff.seed", 20261208L);
    private static final int PATIENTS = 1200;
    private static final String COHORT = "cancer_pathway_cohort";
    private static final String FIXTURE = "/fixtures/rewrites-27e9a39/pathfam/table_cancer_pathway_cases.sql";
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2023-01-01", "2024-01-01"), period("2023-01-01", "2023-05-01"), period("2023-05-01", "2023-09-01"),
            period("2023-09-01", "2024-01-01"), period("2019-01-01", "2025-01-01"), period("2022-12-31", "2023-01-02"),
            period("2024-02-29", "2024-03-01"), period("2022-07-01", "2023-07-01"), period("2024-01-01", "2025-01-01"));
    /** Days near which pathways start and end: the periods' edges. */
    private static final List<LocalDate> ANCHORS = PERIODS.stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1]))
            .distinct().toList();

    private static Connection connection;
    private static Engine engine;
    private static List<Indicator> family;
    private static final Map<String, Integer> LEAD_DAYS = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        family = Catalogue.load(home.indicators(), contracts).all().stream()
                .filter(i -> i.meta().cohort() != null && COHORT.equals(i.meta().cohort().macro())).toList();
        assertEquals(27, family.size(), "the 26 per-type pathway indicators and the all-types one declare the cohort");
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture());
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pathway, CAST(standard_lead_time_days AS INTEGER) FROM ref_cancer_pathways ORDER BY 1")) {
            while (rs.next()) LEAD_DAYS.put(rs.getString(1), rs.getInt(2));
        }
        assertEquals(26, LEAD_DAYS.size(), "the pathway types of ref_cancer_pathways");
        insertRegistry(new Random(SEED));
        engine = new Engine(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void everyPathwayIndicatorThroughTheSharedCohortAgreesWithMainsMacro() throws Exception {
        List<String> failures = new ArrayList<>();
        long compared = 0;
        long within = 0;
        Set<String> typesWithRows = new HashSet<>();
        int before = SharedCohorts.builds();
        SharedCohorts cohorts = SharedCohorts.of(engine.databaseId());
        for (LocalDate[] p : PERIODS) {
            for (Indicator indicator : family) {
                Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(Map.of()));
                params.put("period_start", p[0]);
                params.put("period_end", p[1]);
                Object type = params.get("cancer_pathway");
                try (Statement st = connection.createStatement()) {
                    st.execute("CREATE OR REPLACE TEMP TABLE old_rows AS SELECT * FROM main_cancer_pathway_cases("
                            + (type == null ? "NULL" : "'" + type + "'") + ", DATE '" + p[0] + "', DATE '" + p[1] + "')");
                }
                String statement = "CREATE OR REPLACE TEMP TABLE new_rows AS SELECT * FROM (\n"
                        + indicator.sql().jdbcText() + "\n)";
                cohorts.around(connection, indicator, params, () -> execute(indicator, statement, params));
                long[] d = differences();
                if (d[0] + d[1] > 0) {
                    failures.add(indicator.id() + " " + p[0] + ".." + p[1] + ": " + d[0] + " only main's, " + d[1] + " only new");
                }
                compared += d[2];
                within += d[3];
                if (type != null && d[2] > 0) typesWithRows.add(type.toString());
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " calls differ, the first 5:");
        assertTrue(compared > 5000, "too few cases compared: " + compared);
        assertTrue(within > 1000 && within < compared - 1000, "too few cases within the lead time or not: " + within + " of " + compared);
        assertEquals(LEAD_DAYS.keySet(), typesWithRows, "every pathway type has cases in some period");
        assertEquals(PERIODS.size(), SharedCohorts.builds() - before, "one cohort per period, read by the 27");
    }

    private static boolean execute(Indicator indicator, String statement, Map<String, Object> params) throws SQLException {
        try (PreparedStatement ps = engine.prepareChecked(indicator, statement, params)) {
            return ps.execute();
        }
    }

    /** Rows only in main's output, only in the new one, main's rows, and main's rows within the lead time. */
    private static long[] differences() throws SQLException {
        return SeededRegistries.differences(connection, "old_rows", "new_rows");
    }

    /** Patients with 1-3 pathways of 1-4 episodes each, starting and treated near the periods' edges. */
    private static void insertRegistry(Random random) throws SQLException {
        List<String> types = new ArrayList<>(LEAD_DAYS.keySet());
        List<String> episodes = new ArrayList<>();
        for (int p = 0; p < PATIENTS; p++) {
            String patient = "'P" + p + "'";
            int age = random.nextInt(95);
            String sex = random.nextBoolean() ? "'1'" : "'2'";
            LocalDate start = null;
            String type = null;
            for (int w = 1 + random.nextInt(3); w > 0; w--) {
                // another type on the same start day, the same type on another day, or a pathway of its own
                int how = random.nextInt(5);
                LocalDate anchor = ANCHORS.get(random.nextInt(ANCHORS.size()));
                if (start == null || how >= 2) start = anchor.minusDays(random.nextInt(90) - 10);
                if (type == null || how != 1) type = drawType(random, types);
                else start = start.plusDays(1 + random.nextInt(3));
                Integer lead = LEAD_DAYS.get(type);
                int leadDays = lead == null ? 30 : lead;
                LocalDateTime previous = null;
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    LocalDate treated = switch (random.nextInt(9)) {
                        case 0 -> start.plusDays(leadDays);
                        case 1 -> start.plusDays(leadDays + 1);
                        case 2 -> start.plusDays(leadDays - 1);
                        case 3 -> start.minusDays(random.nextInt(3));
                        case 4, 5 -> anchor.plusDays(random.nextInt(3) - 1);
                        default -> start.plusDays(random.nextInt(130));
                    };
                    LocalDateTime admitted = treated.atTime(random.nextInt(24), random.nextInt(60));
                    // the previous episode's very day and time: the episode id, delivered in reverse, breaks the tie
                    boolean tie = previous != null && random.nextInt(5) == 0;
                    if (tie) admitted = previous;
                    previous = admitted;
                    String startValue = random.nextInt(25) == 0 ? "NULL" : "DATE '" + start + "'";
                    String treatedValue = random.nextInt(12) == 0 ? "NULL" : "DATE '" + admitted.toLocalDate() + "'";
                    String typeValue = type == null ? "NULL" : "'" + type + "'";
                    episodes.add("('" + (tie ? "A" : "E") + (100000 - episodes.size()) + "', " + patient + ", '"
                            + (974700000 + random.nextInt(4)) + "', " + ts(admitted) + ", " + ts(admitted.plusHours(3))
                            + ", '3', '4', 'C349', '" + (random.nextBoolean() ? "0301" : "5001") + "', " + age + ", " + sex
                            + ", '1', " + typeValue + ", " + startValue + ", " + treatedValue + ", " + admitted.getYear() + ")");
                }
            }
        }
        insert(connection, "npr_somatic_given (episode_id, patient_id, provider_org, admission_time, discharge_time, care_level, urgency, "
                + "main_diagnosis, residence_municipality, age, sex, discharge_status, cancer_pathway, pathway_start_date, "
                + "pathway_treatment_date, _year)", episodes);
    }

    /** Mostly a few types (so that one patient's pathways collide), every type now and then, and types of no row. */
    private static String drawType(Random random, List<String> types) {
        return switch (random.nextInt(20)) {
            case 0 -> null;
            case 1 -> "kidney";
            case 2 -> "";
            case 3 -> "UNKNOWN";
            case 4, 5, 6, 7, 8, 9 -> types.get(random.nextInt(3));
            default -> types.get(random.nextInt(types.size()));
        };
    }




    private static String fixture() throws IOException {
        return SeededRegistries.resource(PathwayFamilyDifferentialIT.class, FIXTURE);
    }
}
