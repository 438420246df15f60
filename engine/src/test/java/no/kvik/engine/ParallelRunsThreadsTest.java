package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: workers of one database share its DuckDB threads while they run (each indicator's queries see the
 * database's threads divided among the workers), and the setting is the database's own again afterwards; a run on one
 * worker, or a database already on fewer threads than workers, keeps its setting.
 */
class ParallelRunsThreadsTest {
    private static List<Indicator> indicators;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        indicators = List.of("corridor_patients", "call_113_answered_10s", "waiting_time_somatic_median").stream()
                .map(catalogue::get).toList();
    }

    /** The threads setting each indicator's work saw, by indicator id, and the setting after the run. */
    private static Map<String, Integer> seenDuring(Connection store, int workers) throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        ParallelRuns.run(store, workers, indicators, (engine, indicator) -> {
            seen.put(indicator.id(), ParallelRuns.duckDbThreads(engine.connection()));
            return null;
        }, outcome -> { });
        seen.put("after", ParallelRuns.duckDbThreads(store));
        return seen;
    }

    private static void setThreads(Connection c, int threads) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
        }
    }

    @Test
    void workersShareTheDatabaseThreadsWhileTheyRunAndGiveThemBackAfter() throws Exception {
        try (Connection store = DuckDb.open()) {
            setThreads(store, 4);
            Map<String, Integer> seen = seenDuring(store, 2);
            assertEquals(Map.of("corridor_patients", 2, "call_113_answered_10s", 2, "waiting_time_somatic_median", 2,
                    "after", 4), seen);
            setThreads(store, 6);
            assertEquals(Map.of("corridor_patients", 2, "call_113_answered_10s", 2, "waiting_time_somatic_median", 2,
                    "after", 6), seenDuring(store, 3));
        }
    }

    @Test
    void oneWorkerAndADatabaseOnFewerThreadsKeepTheirSetting() throws Exception {
        try (Connection store = DuckDb.open()) {
            setThreads(store, 4);
            assertEquals(Map.of("corridor_patients", 4, "call_113_answered_10s", 4, "waiting_time_somatic_median", 4,
                    "after", 4), seenDuring(store, 1));
            setThreads(store, 1);
            assertEquals(Map.of("corridor_patients", 1, "call_113_answered_10s", 1, "waiting_time_somatic_median", 1,
                    "after", 1), seenDuring(store, 2));
        }
    }

    @Test
    void threadsPerWorkerIsAtLeastOne() {
        assertEquals(1, ParallelRuns.threadsPerWorker(2, 2));
        assertEquals(1, ParallelRuns.threadsPerWorker(2, 4));
        assertEquals(2, ParallelRuns.threadsPerWorker(5, 2));
        assertEquals(8, ParallelRuns.threadsPerWorker(8, 1));
    }
}
