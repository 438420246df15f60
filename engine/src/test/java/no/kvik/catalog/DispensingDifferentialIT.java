package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
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
 * Differential check of branch dispensing's rewrite (issue #17): {@code first_dispensing_per_year} as it stood on main
 * at aeb2262 (a row_number window; frozen in fixtures/rewrites-aeb2262/dispensing, renamed main_*) against the current
 * macro (one grouping per patient and year, the least struct of date and dispensing id), in one in-memory DuckDB on
 * seeded random prescription registries built to break it: dispensings on 1 January and 31 December and the days
 * around every period edge, a patient dispensed twice or more on one day (ids whose text order differs from their
 * numeric order), codes of every set as delivered (lower case, padded), the excluded methenamine, codes outside every
 * set, NULL codes, municipalities, sexes, ages and patients, ages at each bound. Both outputs must be equal as
 * multisets (EXCEPT ALL both ways) for every period and parameter set. The old text is the oracle: for a faster form
 * of the same rule, freeze the text it replaces; for a new counting rule, drop this check in the same commit.
 * {@code mvn -pl engine verify -Dit.test=DispensingDifferentialIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
class DispensingDifferentialIT {
    private static final String MAIN = "/fixtures/rewrites-aeb2262/dispensing/";
    /** The registry's seed; another (-Dkvik.difftest.seed=N on the mvn line) draws another registry. */
    private static final long SEED = Long.getLong("kvik.difftest.seed", 20261207L);
    private static final int PATIENTS = 1500;

    private static Connection connection;

    /** Periods [start, end): years, several years, months and days at year ends, ranges cutting years. */
    private static final List<String[]> PERIODS = List.of(
            new String[] {"2022-01-01", "2023-01-01"}, new String[] {"2023-01-01", "2024-01-01"},
            new String[] {"2019-01-01", "2025-01-01"}, new String[] {"2023-01-01", "2025-01-01"},
            new String[] {"2023-12-01", "2024-01-01"}, new String[] {"2024-01-01", "2024-02-01"},
            new String[] {"2023-07-01", "2024-07-01"}, new String[] {"2023-12-31", "2024-01-02"},
            new String[] {"2023-03-05", "2023-03-06"});

    /** atc_set, excluded_atc_set, only_sex, min_age, max_age: the four indicators' calls and edges around them. */
    private static final List<String> CALLS = List.of(
            "'ANTIBIOTICS_TOTAL', 'ANTIBIOTICS_TOTAL_EXCL', NULL, %s, %s, 0, 110",
            "'RESP_DENOM', NULL, NULL, %s, %s, 10, 79",
            "'UTI_DENOM', NULL, '2', %s, %s, 20, 79",
            "'ANTIBIOTICS_TOTAL', NULL, '1', %s, %s, 65, 65",
            "'RESP_DENOM', 'RESP_PENV', NULL, %s, %s, 0, 9",
            "'NO_SUCH_SET', NULL, NULL, %s, %s, 0, 110");

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, Contracts.load(home.contracts()));
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture("table_first_dispensing_per_year.sql"));
        }
        insertDispensings(new Random(SEED));
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void firstDispensingPerYearAgrees() throws Exception {
        List<String> failures = new ArrayList<>();
        long compared = 0;
        for (String[] p : PERIODS) {
            for (String call : CALLS) {
                String args = String.format(Locale.ROOT, call, "DATE '" + p[0] + "'", "DATE '" + p[1] + "'");
                String old = "SELECT * FROM main_first_dispensing_per_year(" + args + ")";
                String now = "SELECT * FROM first_dispensing_per_year(" + args + ")";
                long[] d = differences(old, now);
                compared += d[2];
                if (d[0] + d[1] > 0) failures.add(args + ": only old " + d[0] + ", only new " + d[1]);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(compared > 5000, "too few users compared: " + compared);
        // the registry reached the rule's edges: first dispensings decided by the id on a shared day
        assertTrue(scalar("SELECT count(*) FROM (SELECT patient_id, dispensing_date FROM prescription "
                + "GROUP BY ALL HAVING count(*) > 1)") > 200, "too few patients dispensed twice on one day");
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

    /** Seeded dispensings full of the edges the rewrite could get wrong (see the class comment). */
    private static void insertDispensings(Random random) throws SQLException {
        List<String> anchors = List.of("2019-01-01", "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01",
                "2023-12-01", "2024-02-01", "2023-07-01", "2024-07-01", "2023-03-05", "2024-01-02");
        int[] offsets = {-2, -1, -1, 0, 0, 0, 1, 1, 2, 40, -40, 200};
        String[] codes = {"J01CA04", "J01CE02", "J01FA09", "J01FA", "J01AA02", "J01CR02", "J01CA08", "J01XE01",
            "J01EA01", "J01MA02", "J01XX05", "J01XX08", "J01", "J0", "N02BE01", "A01AB09", "j01ca04", " J01CE02 ",
            "j01xx05 ", "J01MA"};
        String[] municipalities = {"'0301'", "'1103'", "'4601'", "'5001'", "NULL"};
        List<String> rows = new ArrayList<>();
        int id = 0;
        for (int p = 0; p < PATIENTS; p++) {
            String patient = random.nextInt(300) == 0 ? "NULL" : "'P" + p + "'";
            String sex = random.nextInt(50) == 0 ? "NULL" : random.nextBoolean() ? "'1'" : "'2'";
            int[] ages = {0, 8, 9, 10, 11, 19, 20, 21, 64, 65, 66, 78, 79, 80, 110, 40};
            int age = ages[random.nextInt(ages.length)];
            LocalDate day = LocalDate.parse(anchors.get(random.nextInt(anchors.size())))
                    .plusDays(offsets[random.nextInt(offsets.length)]);
            for (int k = 1 + random.nextInt(6); k > 0; k--) {
                // ids drawn so that text and numeric order differ ('D10' before 'D9'), unique as the registry's key
                int n = id++;
                String dispensingId = "'D" + (random.nextBoolean() ? n : n * 7 % 997 + "-" + n) + "'";
                String atc = random.nextInt(40) == 0 ? "NULL" : "'" + codes[random.nextInt(codes.length)] + "'";
                String ageValue = random.nextInt(80) == 0 ? "NULL" : String.valueOf(age + (random.nextInt(4) == 0 ? 1 : 0));
                rows.add("(" + dispensingId + ", " + patient + ", DATE '" + day + "', " + atc + ", 1.0, 'GP', "
                        + municipalities[random.nextInt(municipalities.length)] + ", " + ageValue + ", " + sex + ", "
                        + day.getYear() + ")");
                // the next: the same day (a tie the id decides), the next day, across a year end, or much later
                int step = random.nextInt(6);
                day = step < 2 ? day : day.plusDays(step == 2 ? 1 : step == 3 ? -1 : step == 4 ? 365 : 30);
            }
        }
        try (Statement st = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO prescription_given (dispensing_id, patient_id, dispensing_date, atc, ddd, "
                        + "prescriber_category, residence_municipality, age, sex, _year) VALUES "
                        + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
        }
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DispensingDifferentialIT.class.getResourceAsStream(MAIN + name)) {
            if (in == null) throw new IOException("missing test resource " + MAIN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
