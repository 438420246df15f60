package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.kvik.sql.DuckDb;
import no.kvik.store.StoreManifest;
import no.kvik.testutil.StoreShuffler;
import no.kvik.testutil.SyntheticExtracts;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results never depend on the order the store holds its rows in (issue #17 follow-up): the same deliveries with every
 * Parquet file rewritten in another seeded order and in small row groups ({@link StoreShuffler}, so DuckDB's parallel
 * scan hands its threads yet another order) give byte-identical results files, with one indicator at a time and with
 * two. The indicators cover each construct of the catalogue whose result could follow the row order: a first value
 * per group picked by date with a key to break ties (outpatient consultations per patient, the last GP contact),
 * window functions ordered by date and key (lag/lead pathways, first stay or dispensing of a year, last decision of a
 * year, stays ending a TSB treatment, nursing home residents on census days), a yearly sum of fractional DDD, sums of
 * fractional terms in the reduce and in a logistic model's expected counts, a survey score mean with a linear
 * case-mix adjustment, and a median (the sorted values of each unit). The rule for SQL: sql/indicators/README.md,
 * "Results independent of row order".
 */
class RowOrderIndependenceTest {
    static final List<String> INDICATORS = List.of(
            "outpatient_consultations_per_patient_phv_adults", "gp_contacts_most_used_gp", "all_cause_30d_survival",
            "ami_30d_survival", "cancer_pathway_new_patients_included", "elderly_habit_forming_gp_365ddd",
            "antibiotic_users_share", "individual_plan_users", "tsb_treatment_interrupted",
            "nursing_home_medication_review_12m", "amk_call_to_dispatch_median", "patient_experience_gp");
    static final List<String> RESULT_FILES = List.of("results.csv", "results.json", "results.parquet", "results.arrow",
            "results.xlsx");

    @TempDir
    static Path tmp;
    static Path store;
    static Path shuffled;

    @BeforeAll
    static void storeAndShuffledCopy() throws Exception {
        store = TestStores.ingest(SyntheticExtracts.small2022To2024(), "npr_somatic|npr_mental|npr_mh_contact|death|"
                + "population|kpr_gp_contact|kpr_home_service|kpr_nursing_home|prescription|prescription_gp_elderly|amk_call|"
                + "amk_mission|patient_survey|cancer_registry", tmp.resolve("store"));
        // the smallest row groups DuckDB writes (2048 rows): a file of more rows spans several, which two threads meet
        // in varying order
        shuffled = StoreShuffler.shuffle(store, tmp.resolve("shuffled"), 20261207L, StoreShuffler.DEFAULT_ROW_GROUP_ROWS)
                .store();
    }

    @Test
    void shuffledStoreHoldsTheSameRowsInAnotherOrder() throws Exception {
        StoreManifest manifest = StoreManifest.read(store);
        assertEquals(manifest, StoreManifest.read(shuffled));
        int reordered = 0;
        try (Connection c = DuckDb.open(); Statement st = c.createStatement()) {
            for (String file : manifest.files()) {
                String a = literal(store.resolve(file));
                String b = literal(shuffled.resolve(file));
                assertEquals(0, count(st, "SELECT count(*) FROM ((SELECT * FROM read_parquet(" + a + ") EXCEPT ALL "
                        + "SELECT * FROM read_parquet(" + b + ")) UNION ALL (SELECT * FROM read_parquet(" + b + ") EXCEPT ALL "
                        + "SELECT * FROM read_parquet(" + a + ")))"), file);
                long rows = count(st, "SELECT count(*) FROM read_parquet(" + a + ")");
                if (rows > StoreShuffler.DEFAULT_ROW_GROUP_ROWS) {
                    assertTrue(count(st, "SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + b + ")") > 1, file);
                }
                if (rows > 50) {
                    String order = "SELECT list(_row) FROM read_parquet(";
                    if (!string(st, order + a + ")").equals(string(st, order + b + ")"))) reordered++;
                }
            }
        }
        assertTrue(reordered >= 10, "files of more than 50 rows in another order: " + reordered);
    }

    @Test
    void resultsAreTheSameOnTheShuffledStore() throws Exception {
        String indicators = String.join(",", INDICATORS);
        Path original = tmp.resolve("original");
        Path oneThread = tmp.resolve("shuffled-1");
        Path twoThreads = tmp.resolve("shuffled-2");
        run("run", "--store", store.toString(), "--indicator", indicators, "--out", original.toString(), "--no-charts",
                "--threads", "2");
        run("run", "--store", shuffled.toString(), "--indicator", indicators, "--out", oneThread.toString(), "--no-charts",
                "--threads", "1");
        run("run", "--store", shuffled.toString(), "--indicator", indicators, "--out", twoThreads.toString(), "--no-charts",
                "--threads", "2");
        for (String file : RESULT_FILES) {
            byte[] expected = Files.readAllBytes(original.resolve(file));
            assertArrayEquals(expected, Files.readAllBytes(oneThread.resolve(file)), file + ", shuffled, --threads 1");
            assertArrayEquals(expected, Files.readAllBytes(twoThreads.resolve(file)), file + ", shuffled, --threads 2");
        }
        // every indicator has results, so the comparison covers each construct
        Set<String> reported = new HashSet<>();
        try (Connection c = DuckDb.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT indicator_id FROM read_parquet(" + literal(original.resolve("results.parquet")) + ")")) {
            while (rs.next()) reported.add(rs.getString(1));
        }
        List<String> missing = new ArrayList<>(INDICATORS);
        missing.removeAll(reported);
        assertEquals(List.of(), missing, "indicators without results on the test store");
    }

    private static String run(String... args) {
        return RunCommandTest.run(args);
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
