package no.kvik.engine;

import static no.kvik.testutil.SeededRegistries.insert;
import static no.kvik.testutil.SeededRegistries.period;
import static no.kvik.testutil.SeededRegistries.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The waiting-time families with their shared cohorts (issue #17, waitfam: the 11 somatic waiting-time and
 * deadline-breach indicators read {@code somatic_care_start_cohort}, the 9 mental-health/TSB ones
 * {@code mental_care_start_cohort}, each built once into a table by {@link SharedCohorts} and read through a temp
 * macro) against main's text at 27e9a39 (frozen in {@code fixtures/rewrites-27e9a39/waitfam/}, macros renamed
 * {@code main_*}; a case file main did not change reads main's macro by that name), on seeded adversarial registries:
 * somatic starts of care at and a second or minutes around year, month and period edges, care_start true, false and
 * NULL, referral and deadline dates NULL, on the start day, after it, or a referral after the start, diagnoses at
 * and beside the specialty chapters' edges (lower case, dotted, blank, NULL), NULL units and ages; mental-health
 * referrals with several episodes (equal start dates, the episode id breaking the tie), the same referral in two
 * sectors, an unknown and a NULL sector, a NULL unit, first episodes just before a period and later ones inside it.
 * Every indicator's statement (its SQL file with its own parameters) over 9 periods, run as the engine runs it (through
 * the shared cohort) and as kvik test runs it (the macro itself), equals main's rows as a multiset (EXCEPT ALL both
 * ways); each cohort is built once per period for its whole family. {@code -Dkvik.waitfam.seed=N} draws other data.
 */
class WaitFamilyDifferentialIT {
    private static final long SEED = Long.getLong("kvik.waitfam.seed", 20261207L);
    private static final String MAIN = "/fixtures/rewrites-27e9a39/waitfam/";
    private static final List<String> COHORTS = List.of("somatic_care_start_cohort", "mental_care_start_cohort");
    /** main's macros the unchanged case files call, renamed as in the fixtures. */
    private static final List<String> RENAMED = List.of("waiting_time_somatic_cases", "waiting_time_cases",
            "deadline_breach_cases");
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2022-01-01", "2023-01-01"), period("2023-01-01", "2024-01-01"), period("2024-01-01", "2025-01-01"),
            period("2019-01-01", "2025-01-01"), period("2023-12-01", "2024-01-01"), period("2024-01-01", "2024-02-01"),
            period("2023-06-15", "2023-06-16"), period("2023-12-31", "2024-01-02"), period("2022-07-01", "2023-07-01"));
    private static final List<LocalDate> ANCHORS = PERIODS.stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1]))
            .distinct().toList();
    private static final List<String> CODES = List.of("M179", "m17.9", " S82.1", "T14", "T149", "T15", "T1", "H00",
            "H59", "h59.9", "H5A", "H60", "H95", "H96", "J29", "J30", "J39", "J40", "K14", "K20", "k93.8", "K94", "I219",
            "", " ", "C509", "H", "K");
    private static final List<String> SECTORS = List.of("PHV_V", "PHV_BU", "TSB");

    private static Connection connection;
    private static Engine engine;
    private static KvikHome home;
    private static List<Indicator> family;

    @BeforeAll
    static void load() throws Exception {
        home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        family = Catalogue.load(home.indicators(), contracts).all().stream()
                .filter(i -> i.meta().cohort() != null && COHORTS.contains(i.meta().cohort().macro()))
                .sorted(Comparator.comparing(Indicator::id)).toList();
        assertEquals(20, family.size(), "the 11 somatic and 9 mental-health waiting-time and breach indicators share a cohort");
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            for (String f : List.of("table_waiting_time_somatic_cases.sql", "table_waiting_time_cases.sql",
                    "table_deadline_breach_cases.sql")) {
                st.execute(fixture(f));
            }
        }
        Random random = new Random(SEED);
        insertSomatic(random);
        insertMental(random);
        engine = new Engine(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void everyIndicatorThroughItsSharedCohortAgreesWithMain() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Long> compared = new LinkedHashMap<>();
        int before = SharedCohorts.builds();
        SharedCohorts cohorts = SharedCohorts.of(engine.databaseId());
        for (LocalDate[] p : PERIODS) {
            for (Indicator indicator : family) {
                Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(Map.of()));
                params.put(Indicator.PERIOD_START, p[0]);
                params.put(Indicator.PERIOD_END, p[1]);
                execute("CREATE OR REPLACE TEMP TABLE old_rows AS " + bind(indicator, mainText(indicator), params));
                String statement = "CREATE OR REPLACE TEMP TABLE new_rows AS SELECT * FROM (\n" + indicator.sql().jdbcText() + "\n)";
                cohorts.around(connection, indicator, params, () -> {
                    try (PreparedStatement ps = engine.prepareChecked(indicator, statement, params)) {
                        return ps.execute();
                    }
                });
                long[] d = differences();
                if (d[0] + d[1] > 0) failures.add(indicator.id() + " " + p[0] + ".." + p[1] + " through the cohort: " + d[0] + " only main's, " + d[1] + " only new");
                // the SQL alone (kvik test, the console): the cohort macro itself
                execute("CREATE OR REPLACE TEMP TABLE new_rows AS " + bind(indicator, indicator.sql().text(), params));
                long[] alone = differences();
                if (alone[0] + alone[1] > 0) failures.add(indicator.id() + " " + p[0] + ".." + p[1] + " alone: " + alone[0] + " only main's, " + alone[1] + " only new");
                compared.merge(indicator.id(), d[2], Long::sum);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " statements differ, the first 5:");
        for (Map.Entry<String, Long> e : compared.entrySet()) assertTrue(e.getValue() > 30, "too few cases of " + e.getKey() + ": " + e.getValue());
        // one cohort per family and period, the family's other indicators read it
        assertEquals(COHORTS.size() * PERIODS.size(), SharedCohorts.builds() - before, "cohorts built");
    }

    /** main's text of the indicator's SQL: the frozen file where this branch rewrote it, else its file calling main's macro. */
    private static String mainText(Indicator indicator) throws IOException {
        String name = indicator.sqlFile().getFileName().toString();
        try (InputStream in = WaitFamilyDifferentialIT.class.getResourceAsStream(MAIN + name)) {
            if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = Files.readString(indicator.sqlFile());
        for (String macro : RENAMED) text = text.replace("FROM " + macro + "(", "FROM main_" + macro + "(");
        assertTrue(text.contains("FROM main_"), indicator.id() + ": neither frozen nor calling one of main's macros");
        return text;
    }

    /** The SQL text with its parameters as typed literals (longest names first). */
    private static String bind(Indicator indicator, String text, Map<String, Object> params) {
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(Comparator.comparing(String::length).reversed());
        for (String name : names) {
            text = text.replace("$" + name, indicator.parameterTypes().get(name).sqlLiteral(params.get(name)));
        }
        return text.strip().replaceAll(";$", "");
    }

    private static void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Rows only in main's output, only in the new one, main's rows, and main's rows with numerator 1. */
    private static long[] differences() throws SQLException {
        return SeededRegistries.differences(connection, "old_rows", "new_rows");
    }

    /** A time at an anchor's midnight, a second before it, or within a day either side. */
    private static LocalDateTime nearAnchor(Random random) {
        LocalDateTime midnight = ANCHORS.get(random.nextInt(ANCHORS.size())).atStartOfDay();
        return switch (random.nextInt(5)) {
            case 0 -> midnight;
            case 1 -> midnight.minusSeconds(1);
            default -> midnight.plusMinutes(random.nextInt(2880) - 1440);
        };
    }

    private static void insertSomatic(Random random) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (int e = 0; e < 4000; e++) {
            LocalDateTime admission = nearAnchor(random);
            LocalDate day = admission.toLocalDate();
            String referral = switch (random.nextInt(7)) {
                case 0 -> "NULL";
                case 1 -> date(day);
                case 2 -> date(day.plusDays(3));
                default -> date(day.minusDays(random.nextInt(200)));
            };
            String deadline = switch (random.nextInt(6)) {
                case 0, 1 -> "NULL";
                case 2 -> date(day);
                default -> date(day.plusDays(random.nextInt(5) - 2));
            };
            String careStart = new String[] {"true", "true", "true", "false", "NULL"}[random.nextInt(5)];
            String diagnosis = random.nextInt(25) == 0 ? "NULL" : "'" + CODES.get(random.nextInt(CODES.size())) + "'";
            String unit = random.nextInt(30) == 0 ? "NULL" : "'97470000" + random.nextInt(4) + "'";
            String age = random.nextInt(30) == 0 ? "NULL" : String.valueOf(random.nextInt(100));
            rows.add("('S" + e + "', 'P" + random.nextInt(900) + "', " + unit + ", " + ts(admission) + ", "
                    + ts(admission.plusHours(2)) + ", '" + (1 + random.nextInt(3)) + "', '4', " + diagnosis + ", '0301', "
                    + age + ", '" + (1 + random.nextInt(2)) + "', '1', " + referral + ", " + deadline + ", " + careStart
                    + ", " + admission.getYear() + ")");
        }
        insert(connection, "npr_somatic_given (episode_id, patient_id, provider_org, admission_time, discharge_time, care_level, "
                + "urgency, main_diagnosis, residence_municipality, age, sex, discharge_status, referral_date, deadline_date, "
                + "care_start, _year)", rows);
    }

    /** Referrals of 1-4 episodes; a few of the same patient, unit and date in a second sector. */
    private static void insertMental(Random random) throws SQLException {
        List<String> rows = new ArrayList<>();
        int episode = 0;
        for (int r = 0; r < 1500; r++) {
            String patient = "'M" + random.nextInt(500) + "'";
            String unit = random.nextInt(25) == 0 ? "NULL" : "'97480000" + random.nextInt(3) + "'";
            LocalDate first = nearAnchor(random).toLocalDate();
            LocalDate referral = first.minusDays(random.nextInt(120));
            String deadline = switch (random.nextInt(5)) {
                case 0 -> "NULL";
                case 1 -> date(first);
                default -> date(first.plusDays(random.nextInt(7) - 3));
            };
            int sectors = random.nextInt(6) == 0 ? 2 : 1;
            for (int s = 0; s < sectors; s++) {
                String sector = switch (random.nextInt(14)) {
                    case 0 -> "NULL";
                    case 1 -> "'OTHER'";
                    default -> "'" + SECTORS.get(random.nextInt(SECTORS.size())) + "'";
                };
                LocalDate start = first;
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    // later episodes continue the referral: on the same day (the id decides) or days later, across an edge
                    String id = (random.nextBoolean() ? "A" : "E") + episode++;
                    rows.add("('" + id + "', " + patient + ", " + unit + ", " + sector + ", '1', " + date(referral) + ", "
                            + date(referral.plusDays(random.nextInt(20))) + ", " + deadline + ", " + date(start) + ", NULL, NULL, "
                            + "'F32', '0301', " + (random.nextInt(30) == 0 ? "NULL" : String.valueOf(random.nextInt(90)))
                            + ", '" + (1 + random.nextInt(2)) + "', NULL, " + start.getYear() + ")");
                    if (random.nextInt(3) > 0) start = start.plusDays(random.nextInt(3));
                }
            }
        }
        insert(connection, "npr_mental_given (episode_id, patient_id, provider_org, sector, care_level, referral_date, assessment_date, "
                + "deadline_date, start_date, end_date, end_reason, main_diagnosis, residence_municipality, age, sex, "
                + "epicrisis_sent_time, _year)", rows);
    }



    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }


    private static String fixture(String name) throws IOException {
        return SeededRegistries.resource(WaitFamilyDifferentialIT.class, MAIN + name);
    }
}
