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
import java.util.Random;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential check of issue #17's rewrite of {@code somatic_specialty} (branch waitlist): the macro as it stood on
 * main at aeb2262 (frozen in fixtures/rewrites-aeb2262/waitlist, renamed main_somatic_specialty) and the current one,
 * in one in-memory DuckDB, on every diagnosis of a seeded adversarial registry (codes at and around every chapter
 * edge, one- and two-character codes that compare as text between the edges, dots, blanks, lower case, multi-byte
 * first characters, NULL and empty codes, and random strings over those characters), directly and through the two
 * case files that call it (fristbrudd and waiting time by specialty) for every specialty, an unknown one, and periods
 * cut at year, month and day edges with admissions on and around them, care_start true/false/NULL and
 * deadline/referral dates NULL. Outputs must be equal as multisets (EXCEPT ALL both ways). The old text is the oracle;
 * when the rule itself changes on purpose, drop this check in the same commit, saying why.
 */
class WaitListRewriteDifferentialIT {
    private static final String MAIN = "/fixtures/rewrites-aeb2262/waitlist/";
    private static final long SEED = Long.getLong("kvik.difftest.seed", 20261207L);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Codes at and around the chapter edges, and the normalisation's cases (dots, blanks, case, non-ASCII). */
    private static final List<String> EDGE_CODES = List.of("", " ", ".", "M", "m", "S", "s", "T", "T0", "T00",
            "T0A", "T09", "T1", "T1 ", "T14", "T149", "T15", "T2", "H", "H0", "H00", "H5", "H59", "H599", "H5A", "H6",
            "H60", "H95", "H959", "H96", "J2", "J29", "J3", "J30", "J39", "J399", "J4", "K", "K1", "K14", "K19", "K2",
            "K20", "K93", "K938", "K94", " s82.1", "h60.0", "k40.9", ".M.1.7", "T.1.4", "T 14", " T14 ", "\u216F17",
            "\u017F82", "\u00E917", "Å00", "m17.9 ", "..", "I219", "C509", "Z380", "O800", "A", "9", "M\tX");
    private static final String ALPHABET = "MmSsTtHhJjKkIZ0123456789. \u216F\u017F\u00E9\t";
    private static final List<String> STARTS = List.of("", " ", ".", "M", "m", "S", " s", "T", "t1", "T0", "H",
            "h5", "H6", "H9", "J", "j3", "K", "k2", "K9", ".K");
    private static final List<String> SPECIALTIES = List.of("ORTHOPAEDICS", "EYE", "ENT", "DIGESTIVE", "OTHER");
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2022-01-01", "2023-01-01"), period("2023-01-01", "2024-01-01"),
            period("2024-01-01", "2025-01-01"), period("2019-01-01", "2025-01-01"),
            period("2023-12-01", "2024-01-01"), period("2024-01-01", "2024-02-01"),
            period("2023-06-15", "2023-06-16"), period("2023-12-31", "2024-01-02"));
    /** Anchors admissions fall on and around (minutes either side). */
    private static final List<LocalDate> ANCHORS = List.of(LocalDate.parse("2023-01-01"),
            LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"), LocalDate.parse("2023-12-01"),
            LocalDate.parse("2024-02-01"), LocalDate.parse("2023-06-15"), LocalDate.parse("2023-06-16"),
            LocalDate.parse("2024-01-02"), LocalDate.parse("2019-01-01"));

    private static Connection connection;
    private static KvikHome home;

    @BeforeAll
    static void load() throws Exception {
        home = KvikHome.locate();
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, Contracts.load(home.contracts()));
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture("macro_somatic_specialty.sql"));
        }
        insertEpisodes(new Random(SEED));
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void somaticSpecialtyAgreesOnEveryDiagnosis() throws Exception {
        String old = "SELECT d, main_somatic_specialty(d) AS specialty FROM (SELECT DISTINCT main_diagnosis AS d "
                + "FROM npr_somatic UNION ALL SELECT CAST(NULL AS VARCHAR))";
        Differences d = differences(old, old.replace("main_somatic_specialty(", "somatic_specialty("));
        assertEquals(0, d.onlyOld + d.onlyNew, "somatic_specialty: " + d);
        // the data reach every specialty and the NULL branch
        for (String specialty : SPECIALTIES.subList(0, 4)) {
            assertTrue(scalar("SELECT count(*) FROM (" + old + ") WHERE specialty = '" + specialty + "'") > 10,
                    "too few codes of " + specialty);
        }
        assertTrue(scalar("SELECT count(*) FROM (" + old + ") WHERE specialty IS NULL") > 10, "too few other codes");
    }

    @Test
    void specialtyBreachCasesAgree() throws Exception {
        assertCaseFileAgrees("shared/somatic_specialty_breach_cases.sql");
    }

    @Test
    void specialtyWaitingCasesAgree() throws Exception {
        assertCaseFileAgrees("shared/somatic_specialty_waiting_cases.sql");
    }

    /** The case file with main's macro against the same file with the current one, every period and specialty. */
    private static void assertCaseFileAgrees(String file) throws Exception {
        // the case files as they stood at 27e9a39, calling somatic_specialty themselves: since branch waitfam the
        // current ones read the specialty from the shared cohort, checked against these texts by WaitFamilyDifferentialIT
        String now = fixtureAt("/fixtures/rewrites-27e9a39/waitfam/", file.substring(file.lastIndexOf('/') + 1));
        String old = now.replace("somatic_specialty(s.", "main_somatic_specialty(s.");
        assertTrue(!old.equals(now), file + " no longer calls somatic_specialty: this check does not apply");
        List<String> failures = new ArrayList<>();
        long compared = 0;
        for (LocalDate[] p : PERIODS) {
            for (String specialty : SPECIALTIES) {
                String start = "DATE '" + p[0] + "'", end = "DATE '" + p[1] + "'", sp = "'" + specialty + "'";
                Differences d = differences(bind(old, start, end, sp), bind(now, start, end, sp));
                compared += d.oldRows;
                if (d.onlyOld + d.onlyNew > 0) failures.add(file + " " + p[0] + ".." + p[1] + " " + specialty + ": " + d);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(compared > 1000, "too few cases compared: " + compared);
    }

    private static String bind(String sql, String start, String end, String specialty) {
        return sql.replace("$period_start", start).replace("$period_end", end).replace("$specialty", specialty)
                .strip().replaceAll(";$", "");
    }

    /** Episodes with every edge code several times and random codes, admitted on and around the anchors. */
    private static void insertEpisodes(Random random) throws SQLException {
        List<String> codes = new ArrayList<>();
        for (int k = 0; k < 4; k++) codes.addAll(EDGE_CODES);
        for (int k = 0; k < 3000; k++) {
            // most random codes start as a chapter of some specialty does, so the case files keep them
            StringBuilder code = new StringBuilder(STARTS.get(random.nextInt(STARTS.size())));
            for (int n = random.nextInt(5); n > 0; n--) code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            codes.add(code.toString());
        }
        List<String> rows = new ArrayList<>();
        int episode = 0;
        for (String code : codes) {
            for (int copy = 1 + random.nextInt(2); copy > 0; copy--) {
                LocalDateTime admission = ANCHORS.get(random.nextInt(ANCHORS.size())).atStartOfDay()
                        .plusMinutes(random.nextInt(5) == 0 ? random.nextInt(3) - 1 : random.nextInt(4 * 1440) - 2 * 1440);
                LocalDate day = admission.toLocalDate();
                String referral = random.nextInt(6) == 0 ? "NULL" : "DATE '" + day.minusDays(random.nextInt(200)) + "'";
                String deadline = random.nextInt(6) == 0 ? "NULL"
                        : "DATE '" + day.plusDays(random.nextInt(5) - 2) + "'";
                String careStart = new String[] {"true", "true", "true", "false", "NULL"}[random.nextInt(5)];
                String diagnosis = random.nextInt(40) == 0 ? "NULL" : "'" + code.replace("'", "''") + "'";
                rows.add("('W" + episode++ + "', 'P" + random.nextInt(300) + "', '97470000" + random.nextInt(4) + "', "
                        + "TIMESTAMP '" + admission.format(TS) + "', TIMESTAMP '" + admission.plusHours(2).format(TS)
                        + "', '" + (1 + random.nextInt(3)) + "', '4', " + diagnosis + ", '0301', " + (18 + random.nextInt(80))
                        + ", '" + (1 + random.nextInt(2)) + "', '1', " + referral + ", " + deadline + ", " + careStart
                        + ", " + admission.getYear() + ")");
            }
        }
        try (Statement st = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO npr_somatic_given (episode_id, patient_id, provider_org, admission_time, "
                        + "discharge_time, care_level, urgency, main_diagnosis, residence_municipality, age, sex, "
                        + "discharge_status, referral_date, deadline_date, care_start, _year) VALUES "
                        + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
        }
    }

    /** Rows only in the old output, only in the new, and the old output's size. */
    record Differences(long onlyOld, long onlyNew, long oldRows) {
    }

    private static Differences differences(String oldQuery, String newQuery) throws SQLException {
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

    private static String fixture(String name) throws IOException {
        return fixtureAt(MAIN, name);
    }

    private static String fixtureAt(String folder, String name) throws IOException {
        try (InputStream in = WaitListRewriteDifferentialIT.class.getResourceAsStream(folder + name)) {
            if (in == null) throw new IOException("missing test resource " + folder + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LocalDate[] period(String start, String end) {
        return new LocalDate[] {LocalDate.parse(start), LocalDate.parse(end)};
    }
}
