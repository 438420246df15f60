package no.kvik.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import no.kvik.catalog.Indicator;
import no.kvik.sql.OutOfMemory;
import org.duckdb.DuckDBConnection;

/**
 * Runs independent indicators on several threads, each with a connection of its own to the one DuckDB database of
 * a store connection (a {@link DuckDBConnection#duplicate() duplicate}: the store's views, reference tables and
 * macros are in that database, so a duplicate sees them; temp tables, the engine runs' and the coverage cache, are
 * per connection). Outcomes come back in the indicators' order whatever order they finish in, so what is written
 * from them is the same as from one thread. A failing indicator is an outcome, never a stop for the others.
 *
 * <p>The workers share the database's memory limit: beside another worker's query an indicator may run out of DuckDB's
 * memory where alone it would fit or spill (issue #17, ten times Norway under --memory-limit). Such an indicator is
 * run again once, alone, after the others are done; its outcome is the second attempt's.
 *
 * <p>The workers also share the database's threads: while they run, DuckDB's {@code threads} setting is the
 * database's own divided among them (at least 1), and it is set back after. Two workers each running queries on every
 * core did more work for the same rows (issue #17: the whole catalogue at scale 1 on 2 cores, 2 workers, 72.5 → 62–66
 * process CPU s, 37 → 32–34 s wall, results files identical); one indicator, or a retry alone, keeps every thread.
 */
public final class ParallelRuns {

    private ParallelRuns() {
    }

    /** One indicator's work on a worker's engine. */
    public interface Work<T> {
        T apply(Engine engine, Indicator indicator) throws Exception;
    }

    /** What one indicator's work gave: its value, or the exception it failed with (then value is null). */
    public record Outcome<T>(Indicator indicator, T value, Exception failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /** The default number of threads: one per processor, at least one. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code work} for every indicator on {@code threads} workers; with one thread, on {@code store} itself.
     * {@code inOrder} gets each outcome in the indicators' order as soon as it and all before it are done (on
     * whichever worker finishes the last of them, one call at a time). Returns the outcomes in that order.
     */
    public static <T> List<Outcome<T>> run(Connection store, int threads, List<Indicator> indicators, Work<T> work,
                                           Consumer<Outcome<T>> inOrder) throws SQLException {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        int workers = Math.min(threads, Math.max(1, indicators.size()));
        Ordered<T> ordered = new Ordered<>(indicators.size(), inOrder);
        CohortReaders readers = new CohortReaders(indicators);
        if (workers == 1) {
            Engine engine = new Engine(store);
            for (int k = 0; k < indicators.size(); k++) {
                ordered.done(k, attempt(engine, indicators.get(k), work));
                readers.done(engine, indicators.get(k));
            }
            return ordered.all();
        }
        DuckDBConnection duck = store.unwrap(DuckDBConnection.class);
        List<Connection> connections = new ArrayList<>();
        int databaseThreads = duckDbThreads(store);
        boolean shared = false;
        try {
            setDuckDbThreads(store, threadsPerWorker(databaseThreads, workers));
            shared = true;
            for (int w = 0; w < workers; w++) connections.add(duck.duplicate());
            AtomicInteger next = new AtomicInteger();
            List<Thread> pool = new ArrayList<>();
            Throwable[] crashed = new Throwable[workers];
            List<Integer> outOfMemory = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < workers; w++) {
                Engine engine = new Engine(connections.get(w));
                int worker = w;
                Thread t = new Thread(() -> {
                    try {
                        // indicators are taken in order as workers free up: the long ones do not queue behind each other
                        for (int k = next.getAndIncrement(); k < indicators.size(); k = next.getAndIncrement()) {
                            Outcome<T> outcome = attempt(engine, indicators.get(k), work);
                            if (outcome.failed() && OutOfMemory.causedBy(outcome.failure())) {
                                outOfMemory.add(k);
                            } else {
                                ordered.done(k, outcome);
                                readers.done(engine, indicators.get(k));
                            }
                        }
                    } catch (Throwable e) {
                        crashed[worker] = e;
                    }
                }, "kvik-run-" + (w + 1));
                pool.add(t);
                t.start();
            }
            for (Thread t : pool) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while indicators were running", e);
                }
            }
            for (Throwable e : crashed) {
                // an Error (out of memory) in a worker is not an indicator's failure: it stops the run
                if (e instanceof Error err) throw err;
                if (e != null) throw new IllegalStateException("an indicator worker stopped: " + e.getMessage(), e);
            }
            List<Integer> again = outOfMemory.stream().sorted().toList();
            setDuckDbThreads(store, databaseThreads);
            shared = false;
            if (!again.isEmpty()) {
                Engine alone = new Engine(connections.get(0));
                for (int k : again) {
                    ordered.done(k, attempt(alone, indicators.get(k), work));
                    readers.done(alone, indicators.get(k));
                }
            }
            return ordered.all();
        } finally {
            SQLException closing = null;
            if (shared) {
                try {
                    setDuckDbThreads(store, databaseThreads);
                } catch (SQLException e) {
                    closing = e;
                }
            }
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException e) {
                    if (closing == null) closing = e;
                }
            }
            if (closing != null) throw closing;
        }
    }

    /** DuckDB threads for each of {@code workers} workers sharing a database of {@code databaseThreads}: at least 1. */
    static int threadsPerWorker(int databaseThreads, int workers) {
        return Math.max(1, databaseThreads / workers);
    }

    /** The database's {@code threads} setting (global: every duplicate connection of the database shares it). */
    static int duckDbThreads(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    private static void setDuckDbThreads(Connection connection, int threads) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET threads = " + threads);
        }
    }

    private static <T> Outcome<T> attempt(Engine engine, Indicator indicator, Work<T> work) {
        try {
            return new Outcome<>(indicator, work.apply(engine, indicator), null);
        } catch (Exception e) {
            return new Outcome<>(indicator, null, e);
        }
    }

    /**
     * The batch's indicators still to finish per shared cohort macro ({@code cohort} in their metadata): when the last
     * is done, the macro's cohorts are dropped, so a release holds a family's rows only while the family runs (issue
     * #17: a year's releases would otherwise keep the antibiotic family's 0.8 GB beside every later edition's work).
     */
    private static final class CohortReaders {
        private final Map<String, Integer> left = new HashMap<>();

        CohortReaders(List<Indicator> indicators) {
            for (Indicator i : indicators) if (i.meta().cohort() != null) left.merge(i.meta().cohort().macro(), 1, Integer::sum);
        }

        void done(Engine engine, Indicator indicator) {
            if (indicator.meta().cohort() == null) return;
            String macro = indicator.meta().cohort().macro();
            boolean last;
            synchronized (this) {
                last = left.merge(macro, -1, Integer::sum) == 0;
            }
            if (!last) return;
            try {
                engine.dropSharedCohorts(macro);
            } catch (SQLException e) {
                // only memory is at stake: the cohorts stay until SharedCohorts.KEPT pushes them out
            }
        }
    }

    /** Outcomes by position, handed on in order. */
    private static final class Ordered<T> {
        private final Outcome<T>[] outcomes;
        private final Consumer<Outcome<T>> inOrder;
        private int handedOn;

        @SuppressWarnings("unchecked")
        Ordered(int size, Consumer<Outcome<T>> inOrder) {
            this.outcomes = (Outcome<T>[]) new Outcome<?>[size];
            this.inOrder = inOrder;
        }

        synchronized void done(int position, Outcome<T> outcome) {
            outcomes[position] = outcome;
            while (handedOn < outcomes.length && outcomes[handedOn] != null) inOrder.accept(outcomes[handedOn++]);
        }

        synchronized List<Outcome<T>> all() {
            return List.copyOf(Arrays.asList(outcomes));
        }
    }
}
