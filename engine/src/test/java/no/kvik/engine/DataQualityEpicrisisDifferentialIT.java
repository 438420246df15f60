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
import java.util.Map;
import java.util.Random;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import no.kvik.sql.SqlTemplate;
import no.kvik.testutil.SeededRegistries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NPR data-quality indicators and the somatic discharge letters as rewritten for issue #17 (branch dqepi: the
 * validity shares' checks counted once per day, unit and checks in a shared cohort and given back one row per
 * record; the reporting rates and the rejected-files share reading each unit's days instead of every record; the
 * discharge letters' stays a shared cohort of the 1- and 7-day limits) against their text on main at 27e9a39 (frozen
 * in {@code fixtures/rewrites-27e9a39/dqepi/}, the epicrisis macro renamed {@code main_epicrisis_somatic_cases}), on
 * seeded random registries built to break the rewrite: records dated at tertial, year and period edges (midnight, a
 * second before, within a day), records of no unit alone in a tertial, discharge times NULL (the admission day then) and both times NULL, every checked field
 * NULL or flagged alone and together, reasons on look-alike fields ({@code main_diagnosis_text}), blank reasons; org
 * numbers of expected reporters, unknown and NULL; files of a unit or of all, accepted and rejected (on version or
 * not), yearly and by tertial; inpatient and outpatient stays, discharge statuses 9 and NULL, births and newborns in
 * every case and padding, diagnoses NULL, letters sent before, on, and 1, 7 and 8 days after the discharge day or
 * never. Each indicator's statement with its own parameters (and the validity shares with other field lists and
 * {@code only_reported} both ways, the letters with limits 0, 1, 7 and 30) over 10 periods, run as the engine runs it
 * (JDBC-bound, through the shared cohort where the metadata declares one), equals the old text's rows bound alike as a
 * multiset ({@code EXCEPT ALL} both ways); each cohort is built once per period.
 * {@code -Dkvik.dqepidiff.seed=N} draws other registries.
 */
class DataQualityEpicrisisDifferentialIT {
    private static final long SEED = Long.getLong("kvik.dqepidiff.seed", 20261207L);
    private static final String FIXTURES = "/fixtures/rewrites-27e9a39/dqepi/";
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2022-01-01", "2023-01-01"), period("2023-01-01", "2024-01-01"), period("2023-05-01", "2023-09-01"),
            period("2023-04-30", "2023-09-02"), period("2022-03-15", "2023-06-10"), period("2023-12-31", "2024-01-02"),
            period("2021-01-01", "2025-01-01"), period("2023-01-01", "2023-05-01"), period("2024-09-01", "2025-01-01"),
            period("2025-09-01", "2026-09-01"));
    /** Days near which records fall: tertial starts and the periods' ends (not the last period's: beyond them only records of no unit). */
    private static final List<LocalDate> ANCHORS = java.util.stream.Stream.concat(
            PERIODS.subList(0, PERIODS.size() - 1).stream().flatMap(p -> java.util.stream.Stream.of(p[0], p[1])),
            java.util.stream.Stream.of(2021, 2022, 2023, 2024, 2025).flatMap(y -> java.util.stream.Stream.of(
                    LocalDate.of(y, 1, 1), LocalDate.of(y, 5, 1), LocalDate.of(y, 9, 1)))).distinct().toList();
    private static final List<String> FIELDS = List.of("main_diagnosis", "procedures", "provider_org", "residence_municipality");

    private static Connection connection;
    private static Engine engine;
    private static Catalogue catalogue;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        catalogue = Catalogue.load(home.indicators(), contracts);
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture("table_epicrisis_somatic_cases.sql"));
        }
        insertRegistries(new Random(SEED));
        engine = new Engine(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void theValiditySharesAgreeWithMainsText() throws Exception {
        String old = fixture("npr_somatic_field_validity.sql");
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String id : List.of("dq_valid_main_diagnosis_share", "dq_valid_procedure_codes_share", "dq_valid_unit_references_share")) {
            variants.add(Map.of("id", id));
        }
        // other field lists, only_reported both ways (the three indicators give main_diagnosis and unit references
        // without it, procedures with it)
        variants.add(Map.of("id", "dq_valid_unit_references_share", "checked_fields", "main_diagnosis procedures", "only_reported", "true"));
        variants.add(Map.of("id", "dq_valid_unit_references_share", "checked_fields",
                "main_diagnosis procedures provider_org residence_municipality", "only_reported", "false"));
        variants.add(Map.of("id", "dq_valid_unit_references_share", "checked_fields", "residence_municipality", "only_reported", "true"));
        variants.add(Map.of("id", "dq_valid_procedure_codes_share", "only_reported", "false"));
        long[] totals = compareAll(old, variants, "npr_somatic_field_checks");
        assertTrue(totals[0] > 20000, "too few records compared: " + totals[0]);
        assertTrue(totals[1] > 5000 && totals[1] < totals[0] - 5000, "too few valid or invalid records: " + totals[1] + " of " + totals[0]);
    }

    @Test
    void theReportingRatesAgreeWithMainsText() throws Exception {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String id : List.of("dq_reporting_units_somatic_share", "dq_reporting_units_mental_share", "dq_reporting_private_specialists_share")) {
            variants.add(Map.of("id", id));
        }
        long[] totals = compareAll(fixture("npr_reporting_units.sql"), variants, null);
        assertTrue(totals[0] > 1000, "too few reporter tertials compared: " + totals[0]);
        assertTrue(totals[1] > 300 && totals[1] < totals[0] - 300, "too few reported or not: " + totals[1] + " of " + totals[0]);
    }

    @Test
    void theRejectedFilesShareAgreesWithMainsText() throws Exception {
        long[] totals = compareAll(fixture("dq_files_rejected_wrong_version_share.sql"),
                List.of(Map.of("id", "dq_files_rejected_wrong_version_share")), null);
        assertTrue(totals[0] > 300, "too few unit tertials compared: " + totals[0]);
    }

    @Test
    void theDischargeLettersAgreeWithMainsMacro() throws Exception {
        Indicator oneDay = catalogue.get("epicrisis_somatic_1d");
        String old = oneDay.sql().text().replace("epicrisis_somatic_cases(", "main_epicrisis_somatic_cases(");
        List<Map<String, Object>> variants = new ArrayList<>();
        variants.add(Map.of("id", "epicrisis_somatic_1d"));
        variants.add(Map.of("id", "epicrisis_somatic_7d"));
        for (String days : List.of("0", "30")) variants.add(Map.of("id", "epicrisis_somatic_7d", "within_days", days));
        long[] totals = compareAll(old, variants, oneDay.meta().cohort() == null ? null : oneDay.meta().cohort().macro());
        assertTrue(totals[0] > 5000, "too few stays compared: " + totals[0]);
        assertTrue(totals[1] > 1000 && totals[1] < totals[0] - 1000, "too few letters in time or not: " + totals[1] + " of " + totals[0]);
    }

    /**
     * Runs every variant (an indicator id and parameter values over its defaults) over every period, old text against
     * the indicator's statement through the engine, and asserts equal multisets; with {@code cohortMacro}, that the
     * indicators declare it and that it is built once per period. Returns the old rows compared and those with
     * numerator 1.
     */
    private static long[] compareAll(String oldText, List<Map<String, Object>> variants, String cohortMacro) throws Exception {
        SqlTemplate oldSql = SqlTemplate.parse(oldText);
        List<String> failures = new ArrayList<>();
        long compared = 0;
        long positive = 0;
        int before = SharedCohorts.builds();
        SharedCohorts cohorts = SharedCohorts.of(engine.databaseId());
        for (LocalDate[] p : PERIODS) {
            for (Map<String, Object> variant : variants) {
                Indicator indicator = catalogue.get((String) variant.get("id"));
                if (cohortMacro != null) assertEquals(cohortMacro, indicator.meta().cohort().macro(), indicator.id());
                Map<String, String> given = new LinkedHashMap<>();
                variant.forEach((k, v) -> { if (!k.equals("id")) given.put(k, (String) v); });
                Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(given));
                params.put("period_start", p[0]);
                params.put("period_end", p[1]);
                // the old text's statement, bound as the engine binds it
                try (PreparedStatement ps = new SqlTemplate(oldText, "CREATE OR REPLACE TEMP TABLE old_rows AS SELECT * FROM (\n"
                        + oldSql.jdbcText() + "\n)", oldSql.occurrences()).prepare(connection, params, indicator.parameterTypes())) {
                    ps.execute();
                }
                String statement = "CREATE OR REPLACE TEMP TABLE new_rows AS SELECT * FROM (\n" + indicator.sql().jdbcText() + "\n)";
                cohorts.around(connection, indicator, params, () -> {
                    try (PreparedStatement ps = engine.prepareChecked(indicator, statement, params)) {
                        return ps.execute();
                    }
                });
                long[] d = differences();
                if (d[0] + d[1] > 0) {
                    failures.add(variant + " " + p[0] + ".." + p[1] + ": " + d[0] + " only main's, " + d[1] + " only new");
                }
                compared += d[2];
                positive += d[3];
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " calls differ, the first 5:");
        if (cohortMacro != null) assertEquals(PERIODS.size(), SharedCohorts.builds() - before, "cohorts built: one per period");
        return new long[] {compared, positive};
    }

    /** Rows only in main's output, only in the new one, main's rows, and main's rows with numerator 1. */
    private static long[] differences() throws SQLException {
        return SeededRegistries.differences(connection, "old_rows", "new_rows");
    }

    /** Somatic episodes (with their flags and files), mental episodes, private specialists' contacts and files. */
    private static void insertRegistries(Random random) throws SQLException {
        List<String> somaticOrgs = orgs("SELECT reporter_orgnr FROM ref_npr_expected_reporters WHERE registry = 'npr_somatic' ORDER BY 1");
        List<String> mentalOrgs = orgs("SELECT reporter_orgnr FROM ref_npr_expected_reporters WHERE registry = 'npr_mental' ORDER BY 1");
        List<String> specialists = orgs("SELECT reporter_orgnr FROM ref_npr_private_specialists ORDER BY 1");
        assertTrue(somaticOrgs.size() > 5 && mentalOrgs.size() > 3 && specialists.size() > 5, "the expected reporters");
        List<String> somatic = new ArrayList<>();
        List<String> mental = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String[] reasons = {"invalid_code:main_diagnosis", "missing:main_diagnosis", "invalid_code:procedures",
                "unknown_reference:provider_org", "invalid_code:residence_municipality", "invalid_code:main_diagnosis_text",
                "invalid_code:sex", "invalid_value:discharge_time", "missing:residence_municipality"};
        String[] diagnoses = {"I219", "O800", "o82", " O84.1", "O85", "Z380", " z38", "Z39", "J189", "O8", "Z3"};
        for (int k = 0; k < 6000; k++) {
            // some units deliver only part of the years: tertials with no record of theirs
            String org = switch (random.nextInt(20)) {
                case 0 -> "NULL";
                case 1 -> "'999999999'";
                default -> "'" + somaticOrgs.get(random.nextInt(Math.min(somaticOrgs.size(), 12))) + "'";
            };
            LocalDateTime discharge = near(random);
            if (org.contains(somaticOrgs.get(0)) && discharge.getYear() == 2023) org = "'" + somaticOrgs.get(1) + "'";
            LocalDateTime admission = discharge.minusMinutes(random.nextInt(6) == 0 ? 0 : random.nextInt(20 * 1440));
            boolean noDischarge = random.nextInt(10) == 0;
            boolean noTimes = random.nextInt(60) == 0;
            List<String> flagged = new ArrayList<>();
            for (int r = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0; r > 0; r--) flagged.add(reasons[random.nextInt(reasons.length)]);
            String errors = flagged.isEmpty() ? (random.nextInt(100) == 0 ? "''" : "NULL") : "'" + String.join("; ", flagged) + "'";
            String diagnosis = random.nextInt(12) == 0 ? "NULL" : "'" + diagnoses[random.nextInt(diagnoses.length)] + "'";
            String procedures = random.nextInt(3) == 0 ? "NULL" : "'AAA00 NCSP1'";
            String municipality = random.nextInt(15) == 0 ? "NULL" : "'0301'";
            String careLevel = random.nextInt(4) == 0 ? "'2'" : random.nextInt(30) == 0 ? "NULL" : "'1'";
            String status = switch (random.nextInt(12)) {
                case 0 -> "'9'";
                case 1 -> "NULL";
                case 2 -> "'2'";
                default -> "'1'";
            };
            int[] sentAfter = {-1, 0, 0, 1, 1, 2, 7, 7, 8, 30, 31};
            String sent = random.nextInt(6) == 0 ? "NULL"
                    : ts(discharge.toLocalDate().plusDays(sentAfter[random.nextInt(sentAfter.length)]).atStartOfDay()
                            .plusMinutes(random.nextInt(1440)));
            String sex = random.nextInt(20) == 0 ? "NULL" : random.nextBoolean() ? "'1'" : "'2'";
            String age = random.nextInt(20) == 0 ? "NULL" : String.valueOf(random.nextInt(100));
            String file = random.nextInt(3) == 0 ? "'npr_somatic_" + discharge.getYear() + ".csv'"
                    : "'npr_somatic_" + org.replace("'", "") + "_" + discharge.getYear() + "_v5.0.csv'";
            somatic.add("('S" + k + "', 'P" + random.nextInt(3000) + "', " + org + ", "
                    + (noTimes ? "NULL" : ts(admission)) + ", " + (noTimes || noDischarge ? "NULL" : ts(discharge)) + ", "
                    + careLevel + ", '1', " + diagnosis + ", " + procedures + ", " + municipality + ", " + age + ", " + sex
                    + ", " + status + ", " + sent + ", " + discharge.getYear() + ", " + errors + ", " + file + ")");
        }
        // records of no unit alone in 2026's first tertial (after every anchor): no unit reports, but the span of delivered
        // records reaches it
        for (int k = 0; k < 3; k++) {
            somatic.add("('N" + k + "', 'PN" + k + "', NULL, TIMESTAMP '2026-02-0" + (k + 1) + " 10:00:00', TIMESTAMP '2026-02-0" + (k + 1)
                    + " 12:00:00', '1', '1', 'J189', NULL, '0301', 50, '1', '1', NULL, 2026, NULL, 'npr_somatic_2026.csv')");
            mental.add("('MN" + k + "', 'QN" + k + "', NULL, 'PHV_V', '3', DATE '2026-03-0" + (k + 1) + "', '0301', 2026, NULL, 'npr_mental_2026.csv')");
        }
        for (int k = 0; k < 2500; k++) {
            String org = random.nextInt(15) == 0 ? "NULL" : "'" + mentalOrgs.get(random.nextInt(mentalOrgs.size())) + "'";
            LocalDate start = near(random).toLocalDate();
            String startDate = random.nextInt(50) == 0 ? "NULL" : "DATE '" + start + "'";
            String file = "'npr_mental_" + start.getYear() + (random.nextBoolean() ? "T1" : "") + ".csv'";
            String errors = random.nextInt(10) == 0 ? "'invalid_code:main_diagnosis'" : "NULL";
            mental.add("('M" + k + "', 'Q" + k + "', " + org + ", 'PHV_V', '3', " + startDate + ", '0301', " + start.getYear() + ", "
                    + errors + ", " + file + ")");
        }
        for (int k = 0; k < 2500; k++) {
            String org = random.nextInt(15) == 0 ? "'999000000'" : "'" + specialists.get(random.nextInt(specialists.size())) + "'";
            LocalDate day = near(random).toLocalDate();
            contacts.add("('C" + k + "', " + org + ", DATE '" + day + "', " + day.getYear() + ")");
        }
        for (int k = 0; k < 120; k++) {
            int year = 2021 + random.nextInt(4);
            int tertial = random.nextInt(4);
            LocalDate from = tertial == 3 ? LocalDate.of(year, 1, 1) : LocalDate.of(year, 1 + 4 * tertial, 1);
            LocalDate to = tertial == 3 ? from.plusYears(1) : from.plusMonths(4);
            String contract = switch (random.nextInt(5)) {
                case 0 -> "npr_mental";
                case 1 -> "kostra";
                default -> "npr_somatic";
            };
            String unit = random.nextInt(8) == 0 ? "NULL" : "'" + (contract.equals("npr_mental") ? mentalOrgs : somaticOrgs)
                    .get(random.nextInt(Math.min(12, contract.equals("npr_mental") ? mentalOrgs.size() : somaticOrgs.size()))) + "'";
            boolean rejected = random.nextInt(4) != 0;
            files.add("('" + contract + "', '" + contract + "_" + k + "_v4.0.csv', " + unit + ", DATE '" + from + "', DATE '" + to
                    + "', '4.0', " + rejected + ", " + (rejected ? "'message version 4.0 not accepted (accepted: 5.0)'" : "NULL") + ")");
        }
        insert(connection, "npr_somatic_given (episode_id, patient_id, provider_org, admission_time, discharge_time, care_level, urgency, "
                + "main_diagnosis, procedures, residence_municipality, age, sex, discharge_status, epicrisis_sent_time, _year, "
                + "_errors, _source_file)", somatic);
        insert(connection, "npr_mental_given (episode_id, patient_id, provider_org, sector, care_level, start_date, residence_municipality, "
                + "_year, _errors, _source_file)", mental);
        insert(connection, "npr_private_specialist_given (contact_id, provider_org, contact_date, _year)", contacts);
        insert(connection, no.kvik.contract.IngestViews.FILES + " (contract_id, source_file, reporting_unit, period_start, period_end, "
                + "message_version, rejected, reason)", files);
    }

    /** A time at an anchor's midnight, a second before it, within a day either side, or anywhere in 2021-2024. */
    private static LocalDateTime near(Random random) {
        LocalDateTime midnight = ANCHORS.get(random.nextInt(ANCHORS.size())).atStartOfDay();
        return switch (random.nextInt(6)) {
            case 0 -> midnight;
            case 1 -> midnight.minusSeconds(1);
            case 2, 3 -> midnight.plusMinutes(random.nextInt(2880) - 1440);
            default -> LocalDateTime.of(2021, 1, 1, 0, 0).plusMinutes(random.nextInt(4 * 365 * 1440));
        };
    }

    private static List<String> orgs(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }




    private static String fixture(String name) throws IOException {
        return SeededRegistries.resource(DataQualityEpicrisisDifferentialIT.class, FIXTURES + name);
    }
}
