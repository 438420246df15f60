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
import java.util.ArrayList;
import java.util.List;
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
 * Differential check of issue #17's rewrite of {@code cancer_pathway_new_patients_included} (branch cancerpath): its
 * text on main at aeb2262 (frozen in fixtures/rewrites-aeb2262/cancerpath) and the current one run in one in-memory
 * DuckDB on seeded random registries built to break the rewrite (main diagnoses in every form the trimmed,
 * upper-cased first letter reads: lower case, dotted, padded with spaces, non-breaking and ideographic spaces, a tab,
 * a C with cedilla, C44 outside every pathway, other letters, blank and NULL; episodes 364, 365 and 366 days apart,
 * on the same day and at the same time; pathway starts on and around the inclusion window's ends; episodes at year
 * and period ends), over years, months and ranges cutting years, with several look-backs and windows. Both outputs
 * must be equal as multisets (EXCEPT ALL both ways): the old text is the oracle. For a faster form of the same rule,
 * freeze the text it replaces; for a new rule, drop the test with the fixture, saying why.
 */
class CancerPathDifferentialIT {
    private static final String MAIN = "/fixtures/rewrites-aeb2262/cancerpath/";
    /** The registries' seed; another (-Dkvik.difftest.seed=N on the mvn line) draws other registries. */
    private static final long SEED = Long.getLong("kvik.difftest.seed", 20261207L);
    private static final int PATIENTS = 1500;

    private static final List<LocalDate[]> PERIODS = List.of(
            period("2021-01-01", "2022-01-01"), period("2022-01-01", "2023-01-01"),
            period("2023-01-01", "2024-01-01"), period("2024-01-01", "2025-01-01"),
            period("2023-01-01", "2023-02-01"), period("2023-12-01", "2024-01-01"),
            period("2024-01-01", "2024-02-01"), period("2022-07-01", "2023-07-01"),
            period("2021-01-01", "2024-01-01"), period("2023-12-31", "2024-01-02"),
            period("2019-01-01", "2025-01-01"));

    private static Connection connection;
    private static KvikHome home;

    @BeforeAll
    static void load() throws Exception {
        home = KvikHome.locate();
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, Contracts.load(home.contracts()));
        ReferenceData.registerAll(connection, home);
        insertRegistry(new Random(SEED));
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void newPatientsIncludedAgrees() throws Exception {
        String oldSql = fixture("cancer_pathway_new_patients_included.sql");
        String newSql = Files.readString(home.indicators().resolve("somatic/cancer_pathway_new_patients_included.sql"));
        List<String> failures = new ArrayList<>();
        long compared = 0;
        long included = 0;
        for (LocalDate[] p : PERIODS) {
            for (int[] lookbackAndWindow : new int[][] {{365, 60}, {0, 60}, {30, 0}, {365, 7}}) {
                Map<String, String> values = Map.of("period_start", date(p[0]), "period_end", date(p[1]),
                        "lookback_days", String.valueOf(lookbackAndWindow[0]),
                        "inclusion_window_days", String.valueOf(lookbackAndWindow[1]));
                String oldQuery = bind(oldSql, values);
                long[] d = differences(oldQuery, bind(newSql, values));
                compared += d[2];
                included += scalar("SELECT count(*) FROM (" + oldQuery + ") WHERE numerator = 1");
                if (d[0] + d[1] > 0) failures.add(values + ": only old " + d[0] + ", only new " + d[1]);
            }
        }
        assertEquals(List.of(), failures);
        // the data reach the rule: many new patients, included and not
        assertTrue(compared > 5000, "too few new patients compared: " + compared);
        assertTrue(included > 500 && included < compared - 500, "too few of either outcome: " + included);
    }

    /** Rows only in the old output, only in the new, and the old output's size. */
    private static long[] differences(String oldQuery, String newQuery) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE old_rows AS " + oldQuery);
            st.execute("CREATE OR REPLACE TEMP TABLE new_rows AS " + newQuery);
        }
        return new long[] {scalar("SELECT count(*) FROM (FROM old_rows EXCEPT ALL FROM new_rows)"),
                scalar("SELECT count(*) FROM (FROM new_rows EXCEPT ALL FROM old_rows)"),
                scalar("SELECT count(*) FROM old_rows")};
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

    private static String fixture(String name) throws IOException {
        try (InputStream in = CancerPathDifferentialIT.class.getResourceAsStream(MAIN + name)) {
            if (in == null) throw new IOException("missing test resource " + MAIN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LocalDate[] period(String start, String end) {
        return new LocalDate[] {LocalDate.parse(start), LocalDate.parse(end)};
    }

    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }

    /** Anchors near which a patient's first episode falls: year, month and period ends. */
    private static final List<LocalDate> ANCHORS = List.of(LocalDate.parse("2020-01-01"), LocalDate.parse("2021-01-01"),
            LocalDate.parse("2022-01-01"), LocalDate.parse("2023-01-01"), LocalDate.parse("2024-01-01"),
            LocalDate.parse("2025-01-01"), LocalDate.parse("2023-02-01"), LocalDate.parse("2023-12-01"),
            LocalDate.parse("2022-07-01"), LocalDate.parse("2023-07-01"), LocalDate.parse("2024-02-01"),
            LocalDate.parse("2024-01-02"));
    /** Days from one episode to the next: the same day, the look-backs' ends (0, 30, 365) and beyond. */
    private static final int[] STEPS = {0, 0, 1, 29, 30, 31, 120, 364, 365, 365, 366, 700};
    /** Days from the episode to a pathway start: the windows' ends (0, 7, 60) and beyond. */
    private static final int[] START_OFFSETS = {-61, -60, -59, -8, -7, -1, 0, 1, 6, 7, 8, 59, 60, 61, 200};
    /** Leading characters: none, spaces (ASCII, non-breaking, ideographic, em), a tab, a newline. */
    private static final String[] LEADS = {"", "", "", " ", "  ", "\u00a0", "\u3000", "\u2003", "\t", "\n"};
    private static final String[] PATHWAYS = {"LUNG", "BREAST", "PROSTATE", "THYROID", "CHILDREN"};

    /** A main diagnosis as it may stand in the registry, in or out of the pathways' code lists. */
    private static String diagnosis(Random random) {
        String[] codes = {"C349", "C34", "C509", "C61", "C73", "C180", "C449", "C44", "D259", "Z031", "C80", "C7",
                "\u00c7349", "c3", "I219"};
        int kind = random.nextInt(24);
        if (kind == 0) return null;
        if (kind == 1) return "";
        String code = codes[random.nextInt(codes.length)];
        if (kind < 6) code = code.toLowerCase(java.util.Locale.ROOT);
        if (kind >= 6 && kind < 9 && code.length() > 3) code = code.substring(0, 3) + "." + code.substring(3);
        if (kind == 9) code = code + " ";
        return LEADS[random.nextInt(LEADS.length)] + code;
    }

    private static void insertRegistry(Random random) throws SQLException {
        List<String> rows = new ArrayList<>();
        int episode = 0;
        for (int p = 0; p < PATIENTS; p++) {
            String patient = "P" + p;
            LocalDate day = ANCHORS.get(random.nextInt(ANCHORS.size())).plusDays(random.nextInt(21) - 10);
            int hour = 8 + random.nextInt(3);
            for (int e = 1 + random.nextInt(6); e > 0; e--) {
                String dx = diagnosis(random);
                boolean withStart = random.nextInt(3) == 0;
                String pathway = withStart || random.nextInt(12) == 0 ? PATHWAYS[random.nextInt(PATHWAYS.length)] : null;
                LocalDate start = withStart ? day.plusDays(START_OFFSETS[random.nextInt(START_OFFSETS.length)]) : null;
                // an episode carrying a later pathway start is admitted on it (as the registry has it), so that starts
                // fall on and around the windows' ends of the episodes before
                LocalDate admitted = start != null && start.isAfter(day) ? start : day;
                rows.add("('E" + (episode++) + "', '" + patient + "', '" + (974700000 + random.nextInt(3)) + "', "
                        + "TIMESTAMP '" + admitted + " 0" + hour + ":00:00', TIMESTAMP '" + admitted + " 0" + hour
                        + ":30:00', '3', '4', " + literal(dx) + ", '0301', " + (20 + random.nextInt(70)) + ", '"
                        + (1 + random.nextInt(2)) + "', '1', " + literal(pathway) + ", "
                        + (start == null ? "NULL" : "DATE '" + start + "'") + ", " + admitted.getYear() + ")");
                // the next episode: the same time (a tie broken by the episode id), the same day, or days later
                if (random.nextInt(6) != 0) {
                    day = day.plusDays(STEPS[random.nextInt(STEPS.length)]);
                    hour = 8 + random.nextInt(3);
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO npr_somatic_given (episode_id, patient_id, provider_org, admission_time, "
                        + "discharge_time, care_level, urgency, main_diagnosis, residence_municipality, age, sex, "
                        + "discharge_status, cancer_pathway, pathway_start_date, _year) VALUES "
                        + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
        }
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
