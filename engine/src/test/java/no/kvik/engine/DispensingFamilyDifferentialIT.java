package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispensing families with their shared rows (issue #17, branch drugfam: the 7 antibiotic indicators read
 * {@code antibiotic_dispensings}, the 4 elderly GP dispensing shares {@code elderly_gp_dispensing_years}, each built once
 * into a table by {@link SharedCohorts} and read through a temp macro, as the engine runs them) against main's text at
 * 27e9a39, frozen in {@code fixtures/rewrites-27e9a39/drugfam/}: the macros {@code first_dispensing_per_year} and
 * {@code dispensing_share_cases} (renamed {@code main_*}; the indicator files calling them are unchanged, so their old
 * statement is the file with the macro's old name) and the two rewritten indicator files,
 * {@code antibiotic_prescriptions_per_1000.sql} and {@code shared/elderly_gp_dispensing_share.sql}, run as they were.
 * On seeded random registries built to break the split: dispensings on and around year and period ends, a patient
 * dispensed twice or more on one day (ids whose text order differs from their numeric order), a year's first
 * dispensing outside the indicator's set, age band or sex while a later one is in, codes as delivered (lower case,
 * padded, the excluded methenamine, prefixes only, NULL), every prescriber category and NULL, ages at each bound and
 * NULL, doses summing to 365 exactly only as decimals, codes of every elderly set in one person-year. Each indicator's
 * statement with its own and other parameters (ages, sex, the dose threshold, the prescriber, the ATC prefix) over 9
 * periods equals the old text's rows as a multiset ({@code EXCEPT ALL} both ways); each family's rows are built once per
 * period and argument values. {@code -Dkvik.drugfamdiff.seed=N} draws other registries.
 * {@code mvn -pl engine verify -Dit.test=DispensingFamilyDifferentialIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
class DispensingFamilyDifferentialIT {
    private static final long SEED = Long.getLong("kvik.drugfamdiff.seed", 20261207L);
    private static final int PATIENTS = 1500;
    private static final String MAIN = "/fixtures/rewrites-27e9a39/drugfam/";
    private static final List<LocalDate[]> PERIODS = List.of(
            period("2022-01-01", "2023-01-01"), period("2023-01-01", "2024-01-01"), period("2019-01-01", "2025-01-01"),
            period("2023-01-01", "2025-01-01"), period("2023-12-01", "2024-01-01"), period("2024-01-01", "2024-02-01"),
            period("2023-07-01", "2024-07-01"), period("2023-12-31", "2024-01-02"), period("2023-03-05", "2023-03-06"));
    /** Each indicator's runs: its defaults ({@code Map.of()}) and parameters around the family's edges. */
    private static final Map<String, List<Map<String, String>>> RUNS = Map.ofEntries(
            Map.entry("antibiotic_users_share", List.of(Map.of(), Map.of("min_age", "65", "max_age", "65"))),
            Map.entry("respiratory_antibiotic_users_share_10_79", List.of(Map.of(), Map.of("min_age", "0", "max_age", "9"))),
            Map.entry("uti_antibiotic_users_share_women_20_79", List.of(Map.of(), Map.of("min_age", "66", "max_age", "110"))),
            Map.entry("antibiotic_prescriptions_per_1000", List.of(Map.of(), Map.of("atc_prefix", "J01CE"),
                    Map.of("atc_prefix", "J01MA", "excluded_atc", "J01MA02"))),
            Map.entry("respiratory_antibiotics_penv_share_0_9", List.of(Map.of())),
            Map.entry("respiratory_antibiotics_penv_share_10_79", List.of(Map.of(), Map.of("min_age", "65", "max_age", "110"))),
            Map.entry("uti_antibiotics_fluoroquinolone_share_women_20_79", List.of(Map.of())),
            Map.entry("elderly_habit_forming_gp_365ddd", List.of(Map.of(), Map.of("min_yearly_ddd", "100"))),
            Map.entry("elderly_habit_forming_gp_any", List.of(Map.of(), Map.of("min_age", "66"))),
            Map.entry("elderly_anticholinergic_gp", List.of(Map.of(), Map.of("prescriber_category", "HOSPITAL"))),
            Map.entry("elderly_nsaid_gp", List.of(Map.of(), Map.of("min_age", "66"), Map.of("min_yearly_ddd", "365"))));
    /** Builds per period: the antibiotic rows once; the elderly rows per prescriber and age (GP 65, GP 66, HOSPITAL 65). */
    private static final int BUILDS_PER_PERIOD = 4;

    private static Connection connection;
    private static Engine engine;
    private static List<Indicator> family;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        family = Catalogue.load(home.indicators(), contracts).all().stream()
                .filter(i -> RUNS.containsKey(i.id())).toList();
        assertEquals(RUNS.size(), family.size(), "the 7 antibiotic and 4 elderly GP dispensing indicators");
        for (Indicator i : family) assertTrue(i.meta().cohort() != null, i.id() + " declares its family's shared rows");
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute(fixture("table_first_dispensing_per_year.sql"));
            st.execute(fixture("table_dispensing_share_cases.sql"));
        }
        insertRegistries(new Random(SEED));
        engine = new Engine(connection);
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void everyIndicatorThroughItsFamilysRowsAgreesWithMainsText() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Long> compared = new LinkedHashMap<>();
        int before = SharedCohorts.builds();
        SharedCohorts cohorts = SharedCohorts.of(engine.databaseId());
        for (LocalDate[] p : PERIODS) {
            for (Indicator indicator : family) {
                for (Map<String, String> given : RUNS.get(indicator.id())) {
                    Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(given));
                    params.put("period_start", p[0]);
                    params.put("period_end", p[1]);
                    try (PreparedStatement ps = SqlTemplate.parse("CREATE OR REPLACE TEMP TABLE old_rows AS SELECT * FROM (\n"
                            + oldText(indicator) + "\n)").prepare(connection, params, indicator.parameterTypes())) {
                        ps.execute();
                    }
                    String statement = "CREATE OR REPLACE TEMP TABLE new_rows AS SELECT * FROM (\n" + indicator.sql().jdbcText() + "\n)";
                    cohorts.around(connection, indicator, params, () -> execute(indicator, statement, params));
                    long[] d = differences();
                    if (d[0] + d[1] > 0) {
                        failures.add(indicator.id() + " " + given + " " + p[0] + ".." + p[1] + ": " + d[0] + " only main's, "
                                + d[1] + " only new");
                    }
                    compared.merge(indicator.id(), d[2], Long::sum);
                }
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " runs differ, the first 5:");
        // every indicator compared on many cases (users, dispensings, person-years; the population cells besides)
        compared.forEach((id, n) -> assertTrue(n > 400, "too few rows compared for " + id + ": " + n));
        assertEquals(BUILDS_PER_PERIOD * PERIODS.size(), SharedCohorts.builds() - before, "family rows built");
        // the registry reached the split's edges: same-day dispensings, and years whose first dispensing is of another set
        assertTrue(scalar("SELECT count(*) FROM (SELECT patient_id, dispensing_date FROM prescription "
                + "GROUP BY ALL HAVING count(*) > 1)") > 200, "too few patients dispensed twice on one day");
    }

    /** Main's statement for the indicator: its frozen file, or its unchanged file calling main's frozen macro. */
    private static String oldText(Indicator indicator) throws IOException {
        String file = indicator.sqlFile().getFileName().toString();
        if (file.equals("antibiotic_prescriptions_per_1000.sql") || file.equals("elderly_gp_dispensing_share.sql")) {
            return fixture(file);
        }
        return indicator.sql().text().replace("first_dispensing_per_year(", "main_first_dispensing_per_year(")
                .replace("dispensing_share_cases(", "main_dispensing_share_cases(");
    }

    private static boolean execute(Indicator indicator, String statement, Map<String, Object> params) throws SQLException {
        try (PreparedStatement ps = engine.prepareChecked(indicator, statement, params)) {
            return ps.execute();
        }
    }

    /** Rows only in main's output, only in the new one, and main's rows. */
    private static long[] differences() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + "(SELECT count(*) FROM (FROM old_rows EXCEPT ALL FROM new_rows)), "
                + "(SELECT count(*) FROM (FROM new_rows EXCEPT ALL FROM old_rows)), "
                + "(SELECT count(*) FROM old_rows)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** Seeded dispensings full of the edges the split could get wrong (see the class comment), and population cells. */
    private static void insertRegistries(Random random) throws SQLException {
        List<String> anchors = List.of("2019-01-01", "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01",
                "2023-12-01", "2024-02-01", "2023-07-01", "2024-07-01", "2023-03-05", "2024-01-02");
        int[] offsets = {-2, -1, -1, 0, 0, 0, 1, 1, 2, 40, -40, 200};
        String[] codes = {"J01CA04", "J01CE02", "J01FA09", "J01FA", "J01AA02", "J01CR02", "J01CA08", "J01XE01",
            "J01EA01", "J01MA02", "J01MA01", "J01XX05", "J01XX08", "J01", "J0", "j01ca04", " J01CE02 ", "j01xx05 ", "J01MA",
            "J01CE02 ", "N05CF01", "N05BA01", "n05cf01 ", "N02AA01", "N02", "N06AA09", "G04BD07", "R06AD02", "N05BB01",
            "M01AE01", "M01AB05", "M01AX01", "m01ae01", "N02BE01", "A01AB09", "C10AA05"};
        String[] municipalities = {"'0301'", "'1103'", "'4601'", "'5001'", "NULL"};
        String[] prescribers = {"'GP'", "'GP'", "'GP'", "'HOSPITAL'", "'DENTIST'", "'OTHER'", "NULL"};
        String[] doses = {"0.15", "0.2", "364.65", "365", "100", "65", "200", "164.5", "1", "0", "30"};
        int[] ages = {0, 8, 9, 10, 11, 19, 20, 21, 64, 65, 66, 67, 78, 79, 80, 110, 40, 70, 85};
        List<String> rows = new ArrayList<>();
        int id = 0;
        for (int p = 0; p < PATIENTS; p++) {
            String patient = random.nextInt(300) == 0 ? "NULL" : "'P" + p + "'";
            String sex = random.nextInt(50) == 0 ? "NULL" : random.nextBoolean() ? "'1'" : "'2'";
            int age = ages[random.nextInt(ages.length)];
            LocalDate day = LocalDate.parse(anchors.get(random.nextInt(anchors.size())))
                    .plusDays(offsets[random.nextInt(offsets.length)]);
            for (int k = 1 + random.nextInt(8); k > 0; k--) {
                // ids drawn so that text and numeric order differ ('D10' before 'D9'), unique as the registry's key
                int n = id++;
                String dispensingId = "'D" + (random.nextBoolean() ? n : n * 7 % 997 + "-" + n) + "'";
                String atc = random.nextInt(40) == 0 ? "NULL" : "'" + codes[random.nextInt(codes.length)] + "'";
                String ageValue = random.nextInt(80) == 0 ? "NULL" : String.valueOf(age + (random.nextInt(4) == 0 ? 1 : 0));
                String ddd = random.nextInt(60) == 0 ? "NULL" : doses[random.nextInt(doses.length)];
                rows.add("(" + dispensingId + ", " + patient + ", DATE '" + day + "', " + atc + ", " + ddd + ", "
                        + prescribers[random.nextInt(prescribers.length)] + ", "
                        + municipalities[random.nextInt(municipalities.length)] + ", " + ageValue + ", " + sex + ", "
                        + day.getYear() + ")");
                // the next: the same day (a tie the id decides), the next day, across a year end, or much later
                int step = random.nextInt(6);
                day = step < 2 ? day : day.plusDays(step == 2 ? 1 : step == 3 ? -1 : step == 4 ? 365 : 30);
            }
        }
        List<String> population = new ArrayList<>();
        for (int year = 2019; year <= 2025; year++) {
            for (String municipality : new String[] {"'0301'", "'4601'", "NULL"}) {
                for (int age : new int[] {0, 9, 10, 20, 64, 65, 66, 79, 80, 110}) {
                    population.add("(" + year + ", " + municipality + ", '" + (1 + (age + year) % 2) + "', " + age + ", "
                            + (5 + random.nextInt(200)) + ", " + year + ")");
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            for (int from = 0; from < rows.size(); from += 500) {
                st.execute("INSERT INTO prescription_given (dispensing_id, patient_id, dispensing_date, atc, ddd, "
                        + "prescriber_category, residence_municipality, age, sex, _year) VALUES "
                        + String.join(", ", rows.subList(from, Math.min(rows.size(), from + 500))));
            }
            st.execute("INSERT INTO population_given (year, municipality, sex, age, persons, _year) VALUES "
                    + String.join(", ", population));
        }
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DispensingFamilyDifferentialIT.class.getResourceAsStream(MAIN + name)) {
            if (in == null) throw new IOException("missing test resource " + MAIN + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LocalDate[] period(String start, String end) {
        return new LocalDate[] {LocalDate.parse(start), LocalDate.parse(end)};
    }
}
