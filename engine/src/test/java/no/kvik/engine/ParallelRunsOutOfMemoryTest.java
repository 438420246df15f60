package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 (ten times Norway under --memory-limit): an indicator that runs out of DuckDB's memory beside other
 * workers is run again alone once they are done; other failures, and one that ran alone already, stay failures.
 */
class ParallelRunsOutOfMemoryTest {
    private static final List<String> IDS = List.of("corridor_patients", "call_113_answered_10s", "waiting_time_somatic_median");
    private static Connection store;
    private static List<Indicator> indicators;

    @BeforeAll
    static void open() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        indicators = IDS.stream().map(catalogue::get).toList();
        store = DuckDb.open();
    }

    @AfterAll
    static void close() throws SQLException {
        store.close();
    }

    /** DuckDB's real error, as the engine throws it (prefixed with the SQL file): one list of 20 M integers in 20 MB. */
    private static SQLException outOfMemory() throws SQLException {
        try (Connection small = DuckDb.open(DuckDb.Settings.DEFAULTS.withMemoryLimit("20MB"));
             Statement st = small.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT len(list(i)) FROM range(20000000) t(i)").close());
            return new SQLException("sql/indicators/planted.sql: " + e.getMessage(), e);
        }
    }

    @Test
    void outOfMemoryBesideOtherWorkersIsRunAgainAloneAfterThem() throws Exception {
        SQLException planted = outOfMemory();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<String> handedOn = new ArrayList<>();
        List<ParallelRuns.Outcome<String>> outcomes = ParallelRuns.run(store, 2, indicators, (engine, indicator) -> {
            int attempt = attempts.computeIfAbsent(indicator.id(), k -> new AtomicInteger()).incrementAndGet();
            events.add(indicator.id() + " " + attempt);
            if (indicator.id().equals(IDS.get(1)) && attempt == 1) throw planted;
            return indicator.id() + " done";
        }, o -> handedOn.add(o.indicator().id()));

        for (int k = 0; k < IDS.size(); k++) {
            assertFalse(outcomes.get(k).failed(), String.valueOf(outcomes.get(k).failure()));
            assertEquals(IDS.get(k) + " done", outcomes.get(k).value());
        }
        assertEquals(IDS, handedOn, "handed on in the indicators' order, the retried one in its place");
        assertEquals(Map.of(IDS.get(0), 1, IDS.get(1), 2, IDS.get(2), 1),
                Map.of(IDS.get(0), attempts.get(IDS.get(0)).get(), IDS.get(1), attempts.get(IDS.get(1)).get(),
                        IDS.get(2), attempts.get(IDS.get(2)).get()));
        // the second attempt comes after every other indicator's work: alone
        assertEquals(IDS.get(1) + " 2", events.get(events.size() - 1), events.toString());
    }

    @Test
    void otherFailuresAndOutOfMemoryAloneOrTwiceStayFailures() throws Exception {
        SQLException planted = outOfMemory();
        // one thread: the indicator ran alone already, so its out-of-memory error is its outcome
        AtomicInteger alone = new AtomicInteger();
        List<ParallelRuns.Outcome<String>> serial = ParallelRuns.run(store, 1, indicators, (engine, indicator) -> {
            if (indicator.id().equals(IDS.get(1))) {
                alone.incrementAndGet();
                throw planted;
            }
            return "done";
        }, o -> { });
        assertEquals(1, alone.get());
        assertTrue(serial.get(1).failure().getMessage().startsWith("sql/indicators/planted.sql: Out of Memory Error: "));

        // two threads: any other failure is not run again; out of memory alone as well is the second attempt's failure
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<ParallelRuns.Outcome<String>> parallel = ParallelRuns.run(store, 2, indicators, (engine, indicator) -> {
            int attempt = attempts.computeIfAbsent(indicator.id(), k -> new AtomicInteger()).incrementAndGet();
            if (indicator.id().equals(IDS.get(0))) throw new IllegalStateException("planted failure");
            if (indicator.id().equals(IDS.get(2))) {
                throw attempt == 1 ? planted : new SQLException("second attempt: " + planted.getMessage(), planted);
            }
            return "done";
        }, o -> { });
        assertEquals("planted failure", parallel.get(0).failure().getMessage());
        assertEquals(1, attempts.get(IDS.get(0)).get());
        assertEquals("done", parallel.get(1).value());
        assertEquals(2, attempts.get(IDS.get(2)).get());
        assertTrue(parallel.get(2).failure().getMessage().startsWith("second attempt: "), parallel.get(2).failure().getMessage());
    }
}
