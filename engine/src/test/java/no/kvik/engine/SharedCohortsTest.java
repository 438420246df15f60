package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OECD follow-ups' shared cohort (issue #17, cohort): built once per store database, argument values and store
 * state; each follow-up's case rows from it are those its SQL gives alone; two workers wait for one build; a failed
 * build fails its readers only; another range or another store state builds another cohort.
 */
class SharedCohortsTest {
    static final KvikHome HOME = KvikHome.locate();
    private static final RunRequest YEAR_2023 = RunRequest.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1));

    @TempDir
    static Path root;

    private static Path store;
    private static Catalogue catalogue;

    /** A store of NPR somatic and deaths 2022-2024 (the small shared extracts), ingested once for the class. */
    @BeforeAll
    static void ingest() throws Exception {
        List<Path> files = SyntheticExtracts.files(SyntheticExtracts.small2022To2024(), "npr_somatic|death");
        store = root.resolve("store");
        try (Ingester in = Ingester.open(store, HOME, null)) {
            in.ingestAll(files);
        }
        catalogue = Catalogue.load(HOME.indicators(), Contracts.load(HOME.contracts()));
    }

    private static Indicator indicator(String id) {
        return catalogue.get(id);
    }

    /** The indicator's case rows for the range [from, to) as its SQL alone gives them (keyed views, no shared cohort). */
    private static void ownRows(Engine engine, Indicator indicator, Map<String, Object> params, String table) throws SQLException {
        String sql = "CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM (\n" + indicator.sql().jdbcText() + "\n)";
        engine.withPersonKeys(() -> {
            try (PreparedStatement ps = engine.prepareChecked(indicator, sql, params)) {
                return ps.execute();
            }
        });
    }

    /** Rows of {@code a} not in {@code b} plus rows of {@code b} not in {@code a} (multisets), and {@code a}'s rows. */
    private static long[] differences(Connection c, String a, String b) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + "(SELECT count(*) FROM (FROM " + a + " EXCEPT ALL FROM " + b + ")) + "
                + "(SELECT count(*) FROM (FROM " + b + " EXCEPT ALL FROM " + a + ")), (SELECT count(*) FROM " + a + ")")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    @Test
    void theFollowUpsOfOneCohortBuildItOnceAndEachGetsItsOwnRows() throws Exception {
        try (Connection c = Store.open(store, HOME)) {
            Engine engine = new Engine(c);
            int before = SharedCohorts.builds();
            for (String id : List.of("oecd_ami_1y_mortality", "oecd_ami_1y_readmission", "oecd_ami_statin_1y")) {
                Indicator followUp = indicator(id);
                Map<String, Object> params = Engine.parameters(followUp, YEAR_2023, YEAR_2023.from(), YEAR_2023.to());
                engine.createCaseTable(followUp, params, "shared_rows");
                ownRows(engine, followUp, params, "own_rows");
                long[] d = differences(c, "own_rows", "shared_rows");
                assertEquals(0, d[0], id + ": rows differ from the SQL's own");
                assertTrue(d[1] > 10, id + ": too few AMI cases in 2023 to tell (" + d[1] + ")");
            }
            assertEquals(1, SharedCohorts.builds() - before, "the three AMI follow-ups of 2023 share one cohort");
            // and the cohort macro's temp stand-in is gone after each statement: the SQL alone builds its own again
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM duckdb_functions() WHERE database_name = 'temp'")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    /**
     * A batch of runs ({@link ParallelRuns}, one worker or two) builds its family's cohort once for the readers it has
     * apart, and drops it after the last of them: nothing of the family's rows is left in the database (issue #17).
     */
    @Test
    void aBatchBuildsItsCohortOnceAndDropsItAfterItsLastReader() throws Exception {
        try (Connection c = Store.open(store, HOME)) {
            List<Indicator> batch = List.of(indicator("oecd_ami_1y_mortality"), indicator("ami_30d_survival"),
                    indicator("oecd_ami_1y_readmission"));
            for (int threads : new int[] {1, 2}) {
                int before = SharedCohorts.builds();
                List<ParallelRuns.Outcome<List<IndicatorResult>>> outcomes = ParallelRuns.run(c, threads, batch,
                        (engine, i) -> engine.run(i, YEAR_2023), o -> { });
                for (ParallelRuns.Outcome<List<IndicatorResult>> o : outcomes) {
                    assertTrue(!o.failed() && !o.value().isEmpty(), o.indicator().id() + " with " + threads + " thread(s)");
                }
                assertEquals(1, SharedCohorts.builds() - before, threads + " thread(s): one build for both follow-ups");
                assertEquals(0, cohortTables(c), threads + " thread(s): the cohort is dropped after its last reader");
            }
        }
    }

    /** The shared cohort tables the connection's database holds. */
    private static long cohortTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM duckdb_tables() WHERE starts_with(table_name, '_kvik_cohort_')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Two workers (duplicates of one store connection) needing the same cohort: while this thread holds the cohort's
     * lock both wait on it (their thread states say so, no timing), and after it the cohort is built once.
     */
    @Test
    void twoWorkersNeedingTheSameCohortBuildItOnce() throws Exception {
        try (Connection c = Store.open(store, HOME)) {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (Connection first = duck.duplicate(); Connection second = duck.duplicate()) {
                Indicator mortality = indicator("oecd_chf_1y_mortality");
                Indicator readmission = indicator("oecd_chf_1y_readmission");
                Engine onFirst = new Engine(first);
                Map<String, Object> params = Engine.parameters(mortality, YEAR_2023, YEAR_2023.from(), YEAR_2023.to());
                SharedCohorts cohorts = SharedCohorts.of(onFirst.databaseId());
                String key = onFirst.withPersonKeys(() -> SharedCohorts.key(first, mortality, params));
                SharedCohorts.Cohort cohort = cohorts.reader(mortality.meta().cohort().macro(), key);
                int before = SharedCohorts.builds();
                AtomicReference<List<IndicatorResult>> a = new AtomicReference<>();
                AtomicReference<List<IndicatorResult>> b = new AtomicReference<>();
                Thread workerA = new Thread(() -> a.set(unchecked(() -> new Engine(first).run(mortality, YEAR_2023))));
                Thread workerB = new Thread(() -> b.set(unchecked(() -> new Engine(second).run(readmission, YEAR_2023))));
                try {
                    synchronized (cohort) {
                        workerA.start();
                        workerB.start();
                        assertEquals("blocked", waitForEndOrBlockOnMe(workerA), "worker A did not wait for the cohort's lock");
                        assertEquals("blocked", waitForEndOrBlockOnMe(workerB), "worker B did not wait for the cohort's lock");
                        assertEquals(0, SharedCohorts.builds() - before);
                    }
                    workerA.join();
                    workerB.join();
                } finally {
                    cohorts.release(cohort);
                }
                assertEquals(1, SharedCohorts.builds() - before, "both workers' cohort was built once");
                assertEquals(new Engine(c).run(mortality, YEAR_2023).size(), a.get().size());
                assertTrue(!a.get().isEmpty() && !b.get().isEmpty());
            }
        }
    }

    /**
     * A cohort that cannot be built fails each of its readers with that error; an indicator of another cohort runs on;
     * once the cause is gone, a later run builds it (the failure is not kept).
     */
    @Test
    void aFailedCohortFailsOnlyItsReaders() throws Exception {
        try (Connection c = Store.open(store, HOME)) {
            try (Statement st = c.createStatement()) {
                // the AMI cohort fails as soon as it has a row; the CHF one is the rule's own (a copy of the macros)
                st.execute(java.nio.file.Files.readString(HOME.sql().resolve("reference/table_oecd_follow_up_cases.sql"))
                        .replace("MACRO oecd_follow_up_cohort(", "MACRO kept_follow_up_cohort(")
                        .replace("MACRO oecd_follow_up_cases(", "MACRO kept_follow_up_cases("));
            }
            try (Statement st = c.createStatement()) {
                // until a row is put in the (temporary, so not part of the store state) table flaky
                st.execute("CREATE TEMP TABLE flaky (ok INTEGER)");
                st.execute("CREATE OR REPLACE MACRO oecd_follow_up_cohort(diagnosis_set, period_start, period_end, min_age) AS TABLE "
                        + "SELECT * FROM kept_follow_up_cohort(diagnosis_set, period_start, period_end, min_age) "
                        + "WHERE CASE WHEN diagnosis_set = 'OECD_AMI' AND (SELECT count(*) FROM flaky) = 0 "
                        + "THEN error('no AMI cohort today') ELSE true END");
            }
            Engine engine = new Engine(c);
            int before = SharedCohorts.builds();
            for (String id : List.of("oecd_ami_1y_mortality", "oecd_ami_gp_contact_7d")) {
                SQLException e = assertThrows(SQLException.class, () -> engine.run(indicator(id), YEAR_2023), id);
                assertTrue(e.getMessage().contains("shared/oecd_follow_up_cases.sql: " + id + ": the shared cohort "
                        + "oecd_follow_up_cohort('OECD_AMI', DATE '2023-01-01', DATE '2024-01-01', CAST(45 AS INTEGER)) "
                        + "could not be built") && e.getMessage().contains("no AMI cohort today"), e.getMessage());
            }
            assertEquals(0, SharedCohorts.builds() - before, "the failed cohort is not counted as built");
            List<IndicatorResult> chf = engine.run(indicator("oecd_chf_1y_mortality"), YEAR_2023);
            assertTrue(!chf.isEmpty(), "the CHF follow-up runs on");
            assertEquals(1, SharedCohorts.builds() - before);
            // the failure is not kept after its readers: once the cause is gone a later run builds the cohort
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO flaky VALUES (1)");
            }
            assertTrue(!engine.run(indicator("oecd_ami_1y_mortality"), YEAR_2023).isEmpty(), "the AMI cohort built later");
            assertEquals(2, SharedCohorts.builds() - before);
        }
    }

    /**
     * Another case range, or another store state in the same database (a view the cohort reads defined anew, as a new
     * delivery's files would), builds another cohort, whose rows are the SQL's own for that range and state.
     */
    @Test
    void anotherRangeOrStoreStateNeverReadsAnOldCohort() throws Exception {
        Indicator followUp = indicator("oecd_ami_1y_mortality");
        try (Connection c = Store.open(store, HOME)) {
            Engine engine = new Engine(c);
            Map<String, Object> year2023 = Engine.parameters(followUp, YEAR_2023, YEAR_2023.from(), YEAR_2023.to());
            RunRequest half = RunRequest.between(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 7, 1));
            Map<String, Object> halfYear = Engine.parameters(followUp, half, half.from(), half.to());
            int before = SharedCohorts.builds();
            engine.createCaseTable(followUp, year2023, "year_rows");
            engine.createCaseTable(followUp, halfYear, "half_rows");
            assertEquals(2, SharedCohorts.builds() - before, "another range, another cohort");
            ownRows(engine, followUp, halfYear, "own_half_rows");
            assertEquals(0, differences(c, "own_half_rows", "half_rows")[0]);
            assertNotEquals(differences(c, "year_rows", "year_rows")[1], differences(c, "half_rows", "half_rows")[1]);

            // a new store state: the registry view the cohort reads, defined anew without the stays of men
            String schema;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT schema_name FROM duckdb_views() WHERE view_name = 'npr_somatic' AND NOT temporary "
                            + "ORDER BY schema_name = 'main' LIMIT 1")) {
                rs.next();
                schema = rs.getString(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER VIEW " + schema + ".npr_somatic RENAME TO npr_somatic_before");
                st.execute("CREATE VIEW " + schema + ".npr_somatic AS SELECT * FROM " + schema + ".npr_somatic_before WHERE sex <> '1'");
            }
            engine.createCaseTable(followUp, year2023, "changed_rows");
            assertEquals(3, SharedCohorts.builds() - before, "another store state, another cohort");
            ownRows(engine, followUp, year2023, "own_changed_rows");
            long[] d = differences(c, "own_changed_rows", "changed_rows");
            assertEquals(0, d[0]);
            assertTrue(d[1] < differences(c, "year_rows", "year_rows")[1], "the men's stays are gone");
        }
    }

    /** Waits until {@code t} has finished ("finished") or is blocked on a monitor this thread holds ("blocked"). */
    private static String waitForEndOrBlockOnMe(Thread t) throws InterruptedException {
        long me = Thread.currentThread().getId();
        while (true) {
            if (t.getState() == Thread.State.TERMINATED) return "finished";
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId());
            if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockOwnerId() == me) return "blocked";
            Thread.sleep(1);
        }
    }

    private interface SqlWork<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(SqlWork<T> work) {
        try {
            return work.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
