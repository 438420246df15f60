package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.atomic.AtomicReference;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store covers is read once per store connection's database and registry, not once per worker connection
 * (issue #17: on six scale-1 years each worker of each edition scanned every registry's year column again), and a
 * new store connection reads it afresh, so it is never another store's.
 */
class CoverageSharedTest {
    static final KvikHome HOME = KvikHome.locate();

    @TempDir
    static Path root;

    private static Path store;

    /** A store of NPR somatic and deaths 2022-2024 (the small shared extracts), ingested once for the class. */
    private static synchronized Path store() throws Exception {
        if (store == null) {
            List<Path> files = SyntheticExtracts.files(SyntheticExtracts.small2022To2024(), "npr_somatic|death");
            Path dir = root.resolve("store");
            try (Ingester in = Ingester.open(dir, HOME, null)) {
                in.ingestAll(files);
            }
            store = dir;
        }
        return store;
    }

    private static Indicator ami() throws Exception {
        return Catalogue.load(HOME.indicators(), Contracts.load(HOME.contracts())).get("ami_30d_survival");
    }

    @Test
    void theWorkerConnectionsOfOneStoreConnectionScanEachRegistryOnce() throws Exception {
        Path store = store();
        IndicatorMeta meta = ami().meta();
        assertEquals(List.of("NPR", "DAR"), List.copyOf(meta.sources()), "the registries this test counts");
        try (Connection connection = Store.open(store, HOME)) {
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            try (Connection first = duck.duplicate(); Connection second = duck.duplicate()) {
                int before = Engine.coverageScans();
                Engine.DataCoverage a = new Engine(first).coverage(meta);
                assertEquals(2, Engine.coverageScans() - before, "the first worker scans both registries");
                Engine.DataCoverage b = new Engine(second).coverage(meta);
                assertEquals(2, Engine.coverageScans() - before, "the second worker reads what the first scanned");
                assertEquals(a, b);
                // the synthetic extracts are 2022-2024 for both registries: covered from 1 January 2022 through 2024
                assertEquals(LocalDate.of(2025, 1, 1), a.end());
                assertEquals(LocalDate.of(2022, 1, 1), a.start());
            }
        }
        try (Connection again = Store.open(store, HOME)) {
            int before = Engine.coverageScans();
            Engine.DataCoverage c = new Engine(again).coverage(meta);
            assertEquals(2, Engine.coverageScans() - before, "a new store connection scans afresh");
            assertEquals(LocalDate.of(2025, 1, 1), c.end());
        }
    }

    /**
     * The coverage lock is the database's: while this thread holds store A's, a worker on a duplicate of A's connection
     * waits for it (blocked on a monitor this thread owns) and a reader of store B (another database) does not. No
     * timing: the threads' states say who waits for whom. Before, one lock for the JVM made B wait for A.
     */
    @Test
    void twoDatabasesDoNotWaitForEachOthersCoverageLock() throws Exception {
        Path dir = store();
        IndicatorMeta meta = ami().meta();
        try (Connection a = Store.open(dir, HOME); Connection b = Store.open(dir, HOME);
             Connection aWorker = a.unwrap(DuckDBConnection.class).duplicate()) {
            Engine onA = new Engine(a);
            AtomicReference<Engine.DataCoverage> ofB = new AtomicReference<>();
            AtomicReference<Engine.DataCoverage> ofAWorker = new AtomicReference<>();
            Thread readerOfB = new Thread(() -> ofB.set(unchecked(() -> new Engine(b).coverage(meta))));
            Thread workerOfA = new Thread(() -> ofAWorker.set(unchecked(() -> new Engine(aWorker).coverage(meta))));
            synchronized (onA.coverageLock()) {
                readerOfB.start();
                assertEquals("finished", waitForEndOrBlockOnMe(readerOfB), "store B's coverage waited for store A's lock");
                workerOfA.start();
                assertEquals("blocked", waitForEndOrBlockOnMe(workerOfA), "a worker of store A did not wait for A's lock");
            }
            workerOfA.join();
            assertEquals(LocalDate.of(2025, 1, 1), ofB.get().end());
            assertEquals(ofB.get(), ofAWorker.get());
        }
    }

    /**
     * A run asked for the case rows of another range (a model's reference period) reads the store's coverage no
     * more: the run's own reading is of the same store state. The rows are those a fresh case table of that range has.
     */
    @Test
    void casesOfAnotherRangeReuseTheRunsCoverage() throws Exception {
        Indicator ami = ami();
        try (Connection c = Store.open(store(), HOME)) {
            Engine engine = new Engine(c);
            RunRequest other = RunRequest.between(LocalDate.of(2022, 1, 1), LocalDate.of(2023, 1, 1));
            try (EngineRun run = engine.prepare(ami, RunRequest.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)))) {
                int reads = engine.coverageReads();
                String table = run.cases("reference", other);
                assertEquals(reads, engine.coverageReads(), "the other range's cases read the coverage again");
                Engine fresh = new Engine(c);
                fresh.createCaseTable(ami, other, "expected_cases");
                assertEquals(1, fresh.coverageReads());
                try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                        "SELECT (SELECT count(*) FROM " + table + "), (SELECT count(*) FROM expected_cases), "
                                + "(SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT ALL SELECT * FROM expected_cases))")) {
                    rs.next();
                    assertEquals(rs.getLong(2), rs.getLong(1));
                    assertEquals(0, rs.getLong(3));
                    org.junit.jupiter.api.Assertions.assertTrue(rs.getLong(1) > 0, "AMI cases in 2022");
                }
            }
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
