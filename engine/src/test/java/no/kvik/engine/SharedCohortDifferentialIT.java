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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
 * The OECD follow-ups with a shared cohort (issue #17, cohort: the macro split into {@code oecd_follow_up_cohort} and
 * the follow-up, the cohort built once into a table by {@link SharedCohorts} and read through a temp macro) against
 * main's macro at aeb2262 (frozen in {@code fixtures/rewrites-aeb2262/cohort/}, renamed {@code main_*}), on seeded
 * random registries (600 patients) built to break the cohort: first stays per patient and year at year and period ends
 * (discharged at midnight, a second before it, or within a day), equal
 * discharge times (the episode id breaks the tie), ages 44-46 and NULL, discharge statuses 2, 9 and NULL, care levels,
 * open stays and discharges before admissions, codes lower-case, dotted, blank, NULL or of no set; deaths, acute stays,
 * GP contacts and dispensings on and around each window's last day. Each of the 15 indicators' statements (its SQL
 * file with its own parameters, min_age 45; one follow-up per cohort also 18) over 8 periods (years, a month at a year
 * end, ranges cutting years, two days across a year end), run through the shared cohort as the engine runs it, equals
 * main's macro's rows as a multiset ({@code EXCEPT ALL} both ways); each cohort is built once per set, period and age.
 * (The new macro alone, without the engine, is compared with main's by RewriteDifferentialIT.)
 * {@code -Dkvik.cohortdiff.seed=N} draws other registries.
 */
class SharedCohortDifferentialIT {
    private static final long SEED = Long.getLong("kvik.cohortdiff.seed", 20261207L);
    private static final int PATIENTS = 600;
    private static final String FIXTURE = "/fixtures/rewrites-aeb2262/cohort/table_oecd_follow_up_cases.sql";
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2022-01-01", "2023-01-01"), period("2023-01-01", "2024-01-01"), period("2024-01-01", "2025-01-01"),
            period("2023-12-01", "2024-01-01"), period("2024-01-01", "2024-02-01"), period("2022-07-01", "2023-07-01"),
            period("2021-01-01", "2024-01-01"), period("2023-12-31", "2024-01-02"));
    /** The follow-ups also run with min_age 18 (one per cohort: the age is the cohort's, not the follow-up's). */
    private static final List<String> YOUNGER_TOO = List.of("oecd_ami_30d_readmission", "oecd_chf_acei_arb_and_beta_blocker_1y");
    /** Days near which stays end: year, month and period ends. */
    private static final List<LocalDate> ANCHORS = PERIODS.stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1]))
            .distinct().toList();

    private static Connection connection;
    private static Engine engine;
    private static List<Indicator> followUps;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        followUps = Catalogue.load(home.indicators(), contracts).all().stream()
                .filter(i -> i.meta().cohort() != null && "oecd_follow_up_cohort".equals(i.meta().cohort().macro())).toList();
        assertEquals(15, followUps.size(), "the 9 AMI and 6 CHF follow-ups declare the shared cohort");
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture());
        }
        insertRegistries(new Random(SEED));
        engine = new Engine(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void everyFollowUpThroughTheSharedCohortAgreesWithMainsMacro() throws Exception {
        List<String> failures = new ArrayList<>();
        long compared = 0;
        long followed = 0;
        int before = SharedCohorts.builds();
        SharedCohorts cohorts = SharedCohorts.of(engine.databaseId());
        for (int minAge : new int[] {45, 18}) {
            for (LocalDate[] p : PERIODS) {
                for (Indicator indicator : followUps) {
                    if (minAge != 45 && !YOUNGER_TOO.contains(indicator.id())) continue;
                    Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(Map.of("min_age", String.valueOf(minAge))));
                    params.put("period_start", p[0]);
                    params.put("period_end", p[1]);
                    String old = "CREATE OR REPLACE TEMP TABLE old_rows AS SELECT * FROM main_oecd_follow_up_cases("
                            + "'" + params.get("outcome") + "', '" + params.get("diagnosis_set") + "', '" + params.get("atc_sets")
                            + "', DATE '" + p[0] + "', DATE '" + p[1] + "', " + params.get("window_days") + ", " + minAge + ")";
                    try (Statement st = connection.createStatement()) {
                        st.execute(old);
                    }
                    String statement = "CREATE OR REPLACE TEMP TABLE new_rows AS SELECT * FROM (\n"
                            + indicator.sql().jdbcText() + "\n)";
                    cohorts.around(connection, indicator, params, () -> execute(indicator, statement, params));
                    long[] d = differences();
                    if (d[0] + d[1] > 0) {
                        failures.add(indicator.id() + " " + p[0] + ".." + p[1] + " min_age " + minAge + ": " + d[0]
                                + " only main's, " + d[1] + " only new");
                    }
                    compared += d[2];
                    followed += d[3];
                }
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " calls differ, the first 5:");
        assertTrue(compared > 3000, "too few cases compared: " + compared);
        assertTrue(followed > 500 && followed < compared - 500, "too few cases followed or not: " + followed + " of " + compared);
        // two cohorts (AMI, CHF) per period and age; the 8 or 5 others of each read them
        assertEquals(2 * PERIODS.size() * 2, SharedCohorts.builds() - before, "cohorts built");
    }

    private static boolean execute(Indicator indicator, String statement, Map<String, Object> params) throws SQLException {
        try (PreparedStatement ps = engine.prepareChecked(indicator, statement, params)) {
            return ps.execute();
        }
    }

    /** Rows only in main's output, only in the new one, main's rows, and main's rows followed (numerator 1). */
    private static long[] differences() throws SQLException {
        return SeededRegistries.differences(connection, "old_rows", "new_rows");
    }

    /** Patients with 1-6 stays ending near the anchors, and their deaths, GP contacts and dispensings. */
    private static void insertRegistries(Random random) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT icd10_code FROM icd10_code_sets WHERE code_set IN ('OECD_AMI', 'OECD_CHF') ORDER BY 1")) {
            while (rs.next()) codes.add(rs.getString(1));
        }
        List<String> atcs = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT atc_prefix FROM atc_code_sets WHERE code_set LIKE 'OECD_%' ORDER BY 1")) {
            while (rs.next()) atcs.add(rs.getString(1));
        }
        assertTrue(codes.size() > 3 && atcs.size() > 3, "the OECD code sets");
        List<String> stays = new ArrayList<>();
        List<String> deaths = new ArrayList<>();
        List<String> gp = new ArrayList<>();
        List<String> dispensings = new ArrayList<>();
        int[] offsets = {-1, 0, 1, 6, 7, 8, 29, 30, 31, 364, 365, 366};
        for (int p = 0; p < PATIENTS; p++) {
            String patient = "'P" + p + "'";
            int age = switch (random.nextInt(8)) {
                case 0 -> 44;
                case 1 -> 45;
                case 2 -> 46;
                case 3 -> 17 + random.nextInt(3);
                default -> 47 + random.nextInt(50);
            };
            String sex = random.nextBoolean() ? "'1'" : "'2'";
            List<LocalDate> discharges = new ArrayList<>();
            LocalDateTime last = null;
            for (int s = 1 + random.nextInt(6); s > 0; s--) {
                // a discharge within a day either side of an anchor, at the previous stay's very time, or weeks after it
                LocalDateTime discharge;
                int how = random.nextInt(10);
                boolean tie = last != null && how == 0;
                if (tie) discharge = last;
                else if (last != null && how < 3) discharge = last.plusMinutes(random.nextInt(90 * 1440));
                else {
                    // at the anchor's midnight itself, a second before it, or within a day either side
                    LocalDateTime midnight = ANCHORS.get(random.nextInt(ANCHORS.size())).atStartOfDay();
                    int near = random.nextInt(6);
                    discharge = near == 0 ? midnight : near == 1 ? midnight.minusSeconds(1)
                            : midnight.plusMinutes(random.nextInt(2880) - 1440);
                }
                last = discharge;
                LocalDateTime admission = discharge.minusMinutes(random.nextInt(12) == 0 ? -300 : random.nextInt(20 * 1440));
                boolean open = random.nextInt(40) == 0;
                String code = codes.get(random.nextInt(codes.size()));
                String diagnosis = switch (random.nextInt(14)) {
                    case 0 -> "NULL";
                    case 1 -> "''";
                    case 2 -> "'J189'";
                    case 3 -> "'" + code.toLowerCase(Locale.ROOT) + "'";
                    case 4 -> "' " + code + " '";
                    default -> "'" + code + "'";
                };
                String status = switch (random.nextInt(10)) {
                    case 0, 1 -> "'2'";
                    case 2 -> "'9'";
                    case 3 -> "NULL";
                    default -> "'1'";
                };
                String careLevel = switch (random.nextInt(8)) {
                    case 0 -> "'2'";
                    case 1 -> "NULL";
                    default -> "'1'";
                };
                String urgency = random.nextInt(3) == 0 ? "'4'" : "'1'";
                String stayAge = random.nextInt(30) == 0 ? "NULL" : String.valueOf(age);
                // a stay discharged at the previous one's time gets an id sorting before it ('A' < 'E'): only the
                // episode id, not the order of delivery, may choose between the two
                stays.add("('" + (tie ? "A" : "E") + stays.size() + "', " + patient + ", '" + (974700000 + random.nextInt(4)) + "', "
                        + ts(admission) + ", " + (open ? "NULL" : ts(discharge)) + ", " + careLevel + ", " + urgency + ", "
                        + diagnosis + ", '0301', " + stayAge + ", " + sex + ", " + status + ", " + admission.getYear() + ")");
                if (!open) discharges.add(discharge.toLocalDate());
            }
            if (discharges.isEmpty()) continue;
            if (random.nextInt(3) == 0) {
                LocalDate day = discharges.get(random.nextInt(discharges.size())).plusDays(offsets[random.nextInt(offsets.length)]);
                deaths.add("(" + patient + ", DATE '" + day + "', 'I219', '0301', " + day.getYear() + ")");
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                LocalDate day = discharges.get(random.nextInt(discharges.size())).plusDays(offsets[random.nextInt(offsets.length)]);
                gp.add("('G" + gp.size() + "', " + patient + ", '0301', DATE '" + day + "', 'GP1', true, 'K74', " + age
                        + ", " + sex + ", " + day.getYear() + ")");
            }
            for (int k = random.nextInt(5); k > 0; k--) {
                LocalDate day = discharges.get(random.nextInt(discharges.size())).plusDays(offsets[random.nextInt(offsets.length)]);
                String atc = random.nextInt(6) == 0 ? "N02BE01" : atcs.get(random.nextInt(atcs.size())) + "01";
                dispensings.add("('D" + dispensings.size() + "', " + patient + ", DATE '" + day + "', '" + atc
                        + "', 1.0, NULL, '0301', " + age + ", " + sex + ", " + day.getYear() + ")");
            }
        }
        insert(connection, "npr_somatic_given (episode_id, patient_id, provider_org, admission_time, discharge_time, care_level, "
                + "urgency, main_diagnosis, residence_municipality, age, sex, discharge_status, _year)", stays);
        insert(connection, "death_given (patient_id, death_date, underlying_cause, residence_municipality, _year)", deaths);
        insert(connection, "kpr_gp_contact_given (contact_id, patient_id, municipality, contact_date, gp_id, own_gp, icpc2, age, sex, "
                + "_year)", gp);
        insert(connection, "prescription_given (dispensing_id, patient_id, dispensing_date, atc, ddd, prescriber_category, "
                + "residence_municipality, age, sex, _year)", dispensings);
    }




    private static String fixture() throws IOException {
        return SeededRegistries.resource(SharedCohortDifferentialIT.class, FIXTURE);
    }
}
