package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential check of issue #17's case-query rewrites: the SQL as it stood on main at 82c1a7a (frozen in
 * fixtures/rewrites-82c1a7a, macros renamed main_*) and the current SQL run in one in-memory DuckDB on seeded random
 * registries built to break them (stays spanning year and period ends, transfers just within and beyond the pathway
 * gap, equal admission times, pathways over several years, discharges before admissions, NULL/blank/dotted/lower-case
 * diagnoses, deaths and follow-up contacts on the window's last day and the day after), for many periods (months,
 * years, ranges cutting years) and parameters; both outputs must be equal as multisets (EXCEPT ALL both ways). The
 * old text is the oracle: a difference means the rewrite changed what is counted. When one of these six rules is
 * changed on purpose (a new counting rule, not a faster form), this check no longer applies to it: drop that rule's
 * test here (and its fixture) in the same commit, saying why; for a faster form of the same rule, freeze the text it
 * replaces as the new oracle.
 */
class RewriteDifferentialIT {
    private static final String MAIN = "/fixtures/rewrites-82c1a7a/";
    /** The registries' seed; another (-Dkvik.difftest.seed=N on the mvn line) draws other registries. */
    private static final long SEED = Long.getLong("kvik.difftest.seed", 20261207L);
    private static final int PATIENTS = 600;
    /** Small worlds for the all-cause survival's bounds (see allCause30dSurvivalAgreesInSmallWorlds). */
    private static final int WORLDS = Integer.getInteger("kvik.difftest.worlds", 40);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private static Connection connection;
    private static KvikHome home;

    /** Periods [start, end): years, months at year ends, ranges cutting years, a few days across a year end. */
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2021-01-01", "2022-01-01"), period("2022-01-01", "2023-01-01"),
            period("2023-01-01", "2024-01-01"), period("2024-01-01", "2025-01-01"),
            period("2023-01-01", "2023-02-01"), period("2023-12-01", "2024-01-01"),
            period("2024-01-01", "2024-02-01"), period("2024-02-01", "2024-03-01"),
            period("2022-07-01", "2023-07-01"), period("2021-01-01", "2024-01-01"),
            period("2023-12-15", "2024-01-15"), period("2023-12-31", "2024-01-02"));

    @BeforeAll
    static void load() throws Exception {
        home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            // main's macros beside the current ones, each calling main's icd10_in_set
            for (String file : List.of("macro_icd10_in_set.sql", "table_survival_cases.sql",
                    "table_readmission_67_cases.sql", "table_oecd_follow_up_cases.sql")) {
                st.execute(renamedToMain(fixture(file)));
            }
        }
        new Registries(new Random(SEED), codes("icd10_code_sets", "icd10_code"), codes("atc_code_sets", "atc_prefix"))
                .insert(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void icd10InSetAgreesOnEveryDiagnosisAndSet() throws Exception {
        String sets = "(SELECT DISTINCT code_set FROM icd10_code_sets UNION ALL SELECT 'NO_SUCH_SET' "
                + "UNION ALL SELECT CAST(NULL AS VARCHAR))";
        String codes = "(SELECT DISTINCT main_diagnosis AS code FROM npr_somatic UNION ALL SELECT 'i21.0' "
                + "UNION ALL SELECT ' I21.0 ' UNION ALL SELECT '')";
        String old = "SELECT c.code, s.code_set, main_icd10_in_set(c.code, s.code_set) AS hit FROM " + codes
                + " c, " + sets + " s";
        String now = old.replace("main_icd10_in_set(", "icd10_in_set(");
        Differences d = differences(old, now);
        assertEquals(0, d.onlyOld + d.onlyNew, "icd10_in_set: " + d);
        assertTrue(scalar("SELECT count(*) FROM (" + old + ") WHERE hit") > 100, "too few codes in a set");
    }

    @Test
    void allCause30dSurvivalAgrees() throws Exception {
        String oldSql = fixture("all_cause_30d_survival.sql");
        String newSql = Files.readString(home.indicators().resolve("somatic/all_cause_30d_survival.sql"));
        Tally tally = new Tally();
        for (LocalDate[] p : PERIODS) {
            for (int[] gapAndDays : new int[][] {{8, 30}, {0, 30}, {24, 30}, {8, 0}, {8, 365}}) {
                Map<String, String> values = Map.of("period_start", date(p[0]), "period_end", date(p[1]),
                        "pathway_gap_hours", String.valueOf(gapAndDays[0]),
                        "survival_days", String.valueOf(gapAndDays[1]), "min_age", "18");
                Differences d = differences(bind(oldSql, values), bind(newSql, values));
                tally.add(values, d);
            }
        }
        tally.assertAgreed(1000);
    }

    /**
     * The same on many small worlds of three patients each: the rewrite bounds the stays it reads by limits over all
     * patients, so in the large world one patient's long stay across a period start widens the bound for everyone
     * and hides a wrong bound (a mutant whose lower bound ignored the pathway gap passed there).
     */
    @Test
    void allCause30dSurvivalAgreesInSmallWorlds() throws Exception {
        String oldSql = inWorld(fixture("all_cause_30d_survival.sql"));
        String newSql = inWorld(Files.readString(home.indicators().resolve("somatic/all_cause_30d_survival.sql")));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE world_somatic AS FROM npr_somatic_given LIMIT 0");
            st.execute("CREATE OR REPLACE TABLE world_death AS FROM death_given LIMIT 0");
        }
        Registries registries = new Registries(new Random(SEED + 1), codes("icd10_code_sets", "icd10_code"),
                codes("atc_code_sets", "atc_prefix"));
        Tally tally = new Tally();
        for (int world = 0; world < WORLDS; world++) {
            try (Statement st = connection.createStatement()) {
                st.execute("DELETE FROM world_somatic");
                st.execute("DELETE FROM world_death");
            }
            registries.insert(connection, 3, "world_somatic", "world_death", false);
            for (LocalDate[] p : PERIODS) {
                Map<String, String> values = Map.of("period_start", date(p[0]), "period_end", date(p[1]),
                        "pathway_gap_hours", "8", "survival_days", "30", "min_age", "18");
                Differences d = differences(bind(oldSql, values), bind(newSql, values));
                tally.add("world " + world + " " + values, d);
            }
        }
        tally.assertAgreed(100);
    }

    /** The comparisons of one test: the cases compared and the calls whose outputs differed. */
    private static final class Tally {
        private final List<String> failures = new ArrayList<>();
        private long compared;

        void add(Object label, Differences d) {
            compared += d.oldRows;
            if (d.onlyOld + d.onlyNew > 0) failures.add(label + ": " + d);
        }

        /** Every comparison agreed, over more than {@code minimum} cases (so the data reached the rule). */
        void assertAgreed(long minimum) {
            assertEquals(List.of(), failures);
            assertTrue(compared > minimum, "too few cases compared: " + compared);
        }
    }

    private static String inWorld(String sql) {
        return sql.replaceAll("\\bnpr_somatic\\b", "world_somatic").replaceAll("\\bdeath\\b", "world_death");
    }

    @Test
    void survivalCasesAgree() throws Exception {
        Tally tally = new Tally();
        for (LocalDate[] p : PERIODS) {
            for (String set : List.of("AMI_30d_survival", "HIPFX_30d_survival", "STROKE_30d_survival", "NO_SUCH_SET")) {
                for (int lookback : new int[] {365, 0, 30}) {
                    String call = "survival_cases('" + set + "', " + date(p[0]) + ", " + date(p[1]) + ", " + lookback
                            + ", 30, 18)";
                    Differences d = differences("SELECT * FROM main_" + call, "SELECT * FROM " + call);
                    tally.add(call, d);
                }
            }
        }
        tally.assertAgreed(300);
    }

    @Test
    void readmission67CasesAgree() throws Exception {
        Tally tally = new Tally();
        for (LocalDate[] p : PERIODS) {
            for (String prefix : List.of("READM67_", "READM67_Brudd", "READM67_Astma/KOLS", "NO_SUCH_", "")) {
                for (int gapHours : new int[] {8, 0}) {
                    String call = "readmission_67_cases('" + prefix + "', " + date(p[0]) + ", " + date(p[1])
                            + ", 67, " + gapHours + ", 30)";
                    Differences d = differences("SELECT * FROM main_" + call, "SELECT * FROM " + call);
                    tally.add(call, d);
                }
            }
        }
        tally.assertAgreed(300);
    }

    @Test
    void oecdFollowUpCasesAgree() throws Exception {
        Tally tally = new Tally();
        String[][] outcomes = {{"death", ""}, {"readmission", ""}, {"gp_contact", ""},
                {"dispensed", "OECD_AMI_STATIN"}, {"dispensed", "OECD_CHF_ACEI_ARB OECD_CHF_BETA_BLOCKER"}};
        for (LocalDate[] p : PERIODS) {
            for (String[] outcome : outcomes) {
                for (String set : List.of("OECD_AMI", "OECD_CHF")) {
                    for (int window : new int[] {30, 365}) {
                        String call = "oecd_follow_up_cases('" + outcome[0] + "', '" + set + "', '" + outcome[1]
                                + "', " + date(p[0]) + ", " + date(p[1]) + ", " + window + ", 45)";
                        Differences d = differences("SELECT * FROM main_" + call, "SELECT * FROM " + call);
                        tally.add(call, d);
                    }
                }
            }
        }
        tally.assertAgreed(300);
    }

    @Test
    void mhDischargeFollowUpCasesAgree() throws Exception {
        String oldSql = fixture("mh_discharge_follow_up_cases.sql");
        String newSql = Files.readString(home.indicators().resolve("shared/mh_discharge_follow_up_cases.sql"));
        Tally tally = new Tally();
        for (LocalDate[] p : PERIODS) {
            for (String sector : List.of("PHV_V", "PHV_BU", "TSB")) {
                for (String levels : List.of("'3 2'", "'1'")) {
                    for (int window : new int[] {7, 30}) {
                        Map<String, String> values = Map.of("period_start", date(p[0]), "period_end", date(p[1]),
                                "care_sector", "'" + sector + "'", "window_days", String.valueOf(window),
                                "outcome_care_levels", levels);
                        Differences d = differences(bind(oldSql, values), bind(newSql, values));
                        tally.add(values, d);
                    }
                }
            }
        }
        tally.assertAgreed(300);
    }

    /** Rows only in the old output, only in the new, and the old output's size. */
    record Differences(long onlyOld, long onlyNew, long oldRows) {
    }

    private static Differences differences(String oldQuery, String newQuery) throws SQLException {
        // each query run once, into a temporary table the three counts read
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE old_rows AS " + oldQuery);
            st.execute("CREATE OR REPLACE TEMP TABLE new_rows AS " + newQuery);
        }
        return new Differences(
                scalar("SELECT count(*) FROM (FROM old_rows EXCEPT ALL FROM new_rows)"),
                scalar("SELECT count(*) FROM (FROM new_rows EXCEPT ALL FROM old_rows)"),
                scalar("SELECT count(*) FROM old_rows"));
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The query with its $parameters replaced by SQL literals (the comment headers' mentions included). */
    private static String bind(String sql, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$([a-z_0-9]+)").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("no value for $" + m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip().replaceAll(";$", "");
    }

    private static String renamedToMain(String sql) {
        return sql.replaceAll("\\b(icd10_in_set|survival_cases|readmission_67_cases|oecd_follow_up_cases)\\(",
                "main_$1(");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = RewriteDifferentialIT.class.getResourceAsStream(MAIN + name)) {
            if (in == null) throw new IOException("missing test resource " + MAIN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String[]> codes(String view, String column) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT code_set, " + column + " FROM " + view + " ORDER BY 1, 2")) {
            while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        return out;
    }

    private static LocalDate[] period(String start, String end) {
        return new LocalDate[] {LocalDate.parse(start), LocalDate.parse(end)};
    }

    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }

    /** Seeded random registries full of the edge cases the rewrites could get wrong. */
    private record Registries(Random random, List<String[]> icd10, List<String[]> atc) {
        /** Anchors near which stays begin: year, month and period ends. */
        private static final List<LocalDateTime> ANCHORS = List.of(
                at("2021-01-01"), at("2022-01-01"), at("2023-01-01"), at("2024-01-01"), at("2025-01-01"),
                at("2023-02-01"), at("2023-07-01"), at("2023-12-01"), at("2023-12-15"), at("2024-01-15"),
                at("2024-02-01"), at("2024-03-01"), at("2022-07-01"), at("2024-01-02"), at("2023-12-31"));
        /**
         * Minutes from a discharge to the next admission: within, at and beyond the pathway gaps (0, 8 and 24 h), at
         * and around the 30-day readmission window's end (exactly at it thrice as often: once was too rare to catch a
         * window closed at `<`), a year later, and overlapping.
         */
        private static final long[] GAPS = {0, 1, 60, 479, 480, 481, 540, 1439, 1440, 1441, 2880, 7200, 41760,
                43199, 43200, 43200, 43200, 43201, 44640, 288000, 576000, -120};
        /** Minutes of a stay; negative: a discharge before the admission. */
        private static final long[] LENGTHS = {0, 30, 180, 1440, 4320, 14400, 43200, 57600, -300};

        private static LocalDateTime at(String day) {
            return LocalDate.parse(day).atStartOfDay();
        }

        void insert(Connection connection) throws SQLException {
            insert(connection, PATIENTS, "npr_somatic_given", "death_given", true);
        }

        /** Inserts `patients` patients' stays and deaths into the two tables, and their other contacts if asked. */
        void insert(Connection connection, int patients, String somaticTable, String deathTable, boolean others)
                throws SQLException {
            List<String> somatic = new ArrayList<>();
            List<String> deaths = new ArrayList<>();
            List<String> dispensings = new ArrayList<>();
            List<String> gpContacts = new ArrayList<>();
            List<String> mhContacts = new ArrayList<>();
            int episode = 0;
            for (int p = 0; p < patients; p++) {
                String patient = "'P" + p + "'";
                int stays = 1 + random.nextInt(random.nextInt(8) == 0 ? 16 : 5);
                LocalDateTime admission = pick(ANCHORS).plusMinutes(random.nextInt(8) == 0
                        ? random.nextInt(120 * 1440) - 60 * 1440 : random.nextInt(144 * 60) - 72 * 60);
                int age = random.nextInt(6) == 0 ? 64 + random.nextInt(6) : 15 + random.nextInt(86);
                String sex = random.nextBoolean() ? "'1'" : "'2'";
                List<LocalDateTime> dischargeDays = new ArrayList<>();
                for (int s = 0; s < stays; s++) {
                    long length = LENGTHS[random.nextInt(LENGTHS.length)];
                    LocalDateTime discharge = admission.plusMinutes(length);
                    LocalDateTime boundary = null;
                    if (random.nextInt(3) == 0) {
                        // a discharge up to 10 hours before a period boundary, the next admission near it
                        boundary = pick(ANCHORS);
                        discharge = boundary.minusMinutes(random.nextInt(601));
                        admission = discharge.minusMinutes(Math.abs(length));
                    }
                    boolean openEnded = random.nextInt(60) == 0;
                    dischargeDays.add(discharge);
                    somatic.add("('E" + (episode++) + "', " + patient + ", '" + (974700000 + random.nextInt(4)) + "', "
                            + ts(admission) + ", " + (openEnded ? "NULL" : ts(discharge)) + ", "
                            + pickOf("'1'", 12, "'2'", 2, "'3'", 1, "NULL", 0) + ", "
                            + pickOf("'1'", 8, "'2'", 3, "NULL", 1, "NULL", 0) + ", " + diagnosis() + ", "
                            + pickOf("'I10 E119'", 3, "NULL", 2, "'C509 I500 N183'", 2, "''", 1) + ", '0301', "
                            + (age + s / 4) + ", " + sex + ", "
                            + pickOf("'1'", 10, "'2'", 4, "'9'", 2, "NULL", 1) + ", " + admission.getYear() + ")");
                    // the next stay: a transfer within or beyond the gap, at the same time, or much later
                    if (boundary != null) {
                        admission = boundary.plusMinutes(random.nextInt(661) - 60);
                    } else {
                        admission = random.nextInt(10) == 0 ? admission
                                : (openEnded ? admission : discharge).plusMinutes(GAPS[random.nextInt(GAPS.length)]);
                    }
                }
                LocalDateTime around = pick(dischargeDays);
                LocalDate aroundDay = around.toLocalDate();
                if (random.nextInt(5) < 2) {
                    int[] offsets = {-1, 0, 1, 29, 30, 31, 45, 46, 364, 365, 366};
                    LocalDate death = (random.nextBoolean() ? aroundDay : pick(ANCHORS).toLocalDate())
                            .plusDays(offsets[random.nextInt(offsets.length)]);
                    deaths.add("(" + patient + ", DATE '" + death + "', 'I219', '0301', " + death.getYear() + ")");
                }
                int[] followOffsets = {-1, 0, 1, 7, 8, 29, 30, 31, 364, 365, 366};
                for (int k = random.nextInt(4); k > 0; k--) {
                    LocalDate day = pick(dischargeDays).toLocalDate().plusDays(followOffsets[random.nextInt(11)]);
                    String[] code = pick(atc);
                    String atcCode = random.nextInt(5) == 0 ? "'N02BE01'"
                            : "'" + (random.nextBoolean() ? code[1] : code[1].toLowerCase(Locale.ROOT) + "01 ") + "'";
                    dispensings.add("('D" + dispensings.size() + "', " + patient + ", DATE '" + day + "', " + atcCode
                            + ", 1.0, NULL, '0301', " + age + ", " + sex + ", " + day.getYear() + ")");
                }
                for (int k = random.nextInt(3); k > 0; k--) {
                    LocalDate day = pick(dischargeDays).toLocalDate().plusDays(followOffsets[random.nextInt(11)]);
                    gpContacts.add("('G" + gpContacts.size() + "', " + patient + ", '0301', DATE '" + day
                            + "', 'GP1', true, 'K74', " + age + ", " + sex + ", " + day.getYear() + ")");
                }
                // mental health contacts of the same patients: admissions and the contacts after them
                LocalDate contact = pick(ANCHORS).toLocalDate().plusDays(random.nextInt(21) - 10);
                String[] sectors = {"'PHV_V'", "'PHV_BU'", "'TSB'"};
                for (int k = 1 + random.nextInt(5); k > 0; k--) {
                    String level = pickOf("'1'", 4, "'2'", 2, "'3'", 3, "NULL", 0);
                    LocalDate discharged = contact.plusDays(random.nextInt(3) == 0 ? 0 : random.nextInt(20));
                    mhContacts.add("('M" + mhContacts.size() + "', 'ME" + mhContacts.size() + "', " + patient
                            + ", '974700001', " + sectors[random.nextInt(3)] + ", " + level + ", DATE '" + contact
                            + "', " + (level.equals("'1'") ? "DATE '" + discharged + "'" : "NULL") + ", "
                            + random.nextBoolean() + ", " + (random.nextInt(4) != 0) + ", '0301', " + age + ", " + sex
                            + ", " + contact.getYear() + ")");
                    contact = discharged.plusDays(followOffsets[random.nextInt(11)] % 32);
                }
            }
            insertRows(connection, somaticTable + " (episode_id, patient_id, provider_org, admission_time, "
                    + "discharge_time, care_level, urgency, main_diagnosis, secondary_diagnoses, "
                    + "residence_municipality, age, sex, discharge_status, _year)", somatic);
            insertRows(connection, deathTable + " (patient_id, death_date, underlying_cause, residence_municipality, "
                    + "_year)", deaths);
            if (!others) return;
            insertRows(connection, "prescription_given (dispensing_id, patient_id, dispensing_date, atc, ddd, "
                    + "prescriber_category, residence_municipality, age, sex, _year)", dispensings);
            insertRows(connection, "kpr_gp_contact_given (contact_id, patient_id, municipality, contact_date, gp_id, "
                    + "own_gp, icpc2, age, sex, _year)", gpContacts);
            insertRows(connection, "npr_mh_contact_given (contact_id, episode_id, patient_id, provider_org, sector, "
                    + "care_level, contact_date, discharge_date, acute, direct, residence_municipality, age, sex, "
                    + "_year)", mhContacts);
        }

        /** A code of a set, as delivered (lower case, dotted, padded), or no code of any set, blank or NULL. */
        private String diagnosis() {
            int kind = random.nextInt(20);
            if (kind == 0) return "NULL";
            if (kind == 1) return "''";
            if (kind == 2) return "'Z999'";
            if (kind == 3) return "'I21.'";
            String code = pick(icd10)[1];
            return switch (kind) {
                case 4, 5 -> "'" + code.toLowerCase(Locale.ROOT) + "'";
                case 6, 7 -> "'" + code.substring(0, 3) + "." + code.substring(3) + "'";
                case 8 -> "' " + code + " '";
                default -> "'" + code + "'";
            };
        }

        private String pickOf(String a, int wa, String b, int wb, String c, int wc, String d, int wd) {
            int r = random.nextInt(wa + wb + wc + wd);
            if (r < wa) return a;
            if (r < wa + wb) return b;
            return r < wa + wb + wc ? c : d;
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private static String ts(LocalDateTime t) {
            return "TIMESTAMP '" + TS.format(t) + "'";
        }

        private static void insertRows(Connection connection, String table, List<String> rows) throws SQLException {
            try (Statement st = connection.createStatement()) {
                for (int from = 0; from < rows.size(); from += 500) {
                    st.execute("INSERT INTO " + table + " VALUES "
                            + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
                }
            }
        }
    }
}
