package no.kvik.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * The ingester's in-memory DuckDB connection (reference data and code sets registered, spilling to the store's
 * spill folder), with statements that report DuckDB's query progress on long files.
 */
final class IngestConnection implements AutoCloseable {
    /** A folder: DuckDB's profiler writes one JSON file per ingest statement there (-Dkvik.ingest.profile=DIR). */
    static final String PROFILE_PROPERTY = "kvik.ingest.profile";
    private final Connection connection;
    private final Consumer<String> progress;
    /** The dictionary segments whose ids {@value PersonKeys#TABLE} holds, exactly; null when unknown or changed. */
    private List<String> personsLoaded;
    /** How often the person key dictionary was read from the store on this connection (for tests and timings). */
    private int dictionaryLoads;

    private IngestConnection(Connection connection, Consumer<String> progress) {
        this.connection = connection;
        this.progress = progress;
    }

    static IngestConnection open(Path spillDir, Path referenceDir, Consumer<String> progress) throws SQLException {
        // progress tracking for the progress poller; a file is read into a temp table first, and beyond the
        // memory limit DuckDB spills it to the store's spill folder
        Connection conn = DuckDb.open(DuckDb.Settings.DEFAULTS.withProgressTracking().withTempDirectory(spillDir));
        try {
            ReferenceData.register(conn, referenceDir);
            CodeSets.create(conn);
            return new IngestConnection(conn, progress);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Runs a statement, reporting DuckDB's query progress on long files. */
    void run(BoundSql sql, String label, boolean showProgress) throws SQLException {
        String profileDir = System.getProperty(PROFILE_PROPERTY);
        if (profileDir != null) {
            // DuckDB's query profiler, one JSON file per statement, for finding where an ingest's time goes
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA enable_profiling = 'json'");
                st.execute("PRAGMA profiling_output = " + BoundSql.literal(profileDir + "/" + System.nanoTime() + "-"
                        + (label == null ? "step" : label.replaceAll("[^A-Za-z0-9]+", "_")) + ".json"));
            }
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        try (PreparedStatement ps = sql.prepare(connection)) {
            Thread poller = null;
            if (showProgress && progress != null && label != null) {
                DuckDBPreparedStatement dps = ps.unwrap(DuckDBPreparedStatement.class);
                poller = new Thread(() -> pollProgress(dps, label), "kvik-progress");
                poller.setDaemon(true);
                poller.start();
            }
            try {
                ps.execute();
            } finally {
                if (profileDir != null) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("PRAGMA disable_profiling");
                    }
                }
                if (poller != null) {
                    poller.interrupt();
                    try {
                        poller.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    progress.accept(String.format("%s: done in %.1f s (process CPU %.1f s)", label,
                            (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9));
                }
            }
        }
    }

    private void pollProgress(DuckDBPreparedStatement ps, String label) {
        int lastStep = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
                QueryProgress qp = ps.getQueryProgress();
                // one line per 5 % step: readable in a terminal and in a log file alike
                int step = qp == null || qp.getPercentage() < 0 ? -1 : (int) Math.min(20, qp.getPercentage() / 5);
                if (step > lastStep) {
                    lastStep = step;
                    progress.accept(String.format("%s [%s%s] %3d%%", label, "#".repeat(step), ".".repeat(20 - step),
                            step * 5));
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                return; // progress is best effort: the statement may just have finished
            }
        }
    }

    /** The years (null for none) the validated rows fall in. */
    List<Integer> years(ValidationSql sql, LocalDate periodEnd) throws SQLException {
        List<Integer> years = new ArrayList<>();
        try (PreparedStatement ps = sql.years(periodEnd).prepare(connection); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int y = rs.getInt(1);
                years.add(rs.wasNull() ? null : y);
            }
        }
        return years;
    }

    void setInsertionOrder(boolean on) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET preserve_insertion_order = " + on);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The segments the person key table holds, or null when it must be loaded again. */
    List<String> personsLoaded() {
        return personsLoaded;
    }

    void personsLoaded(List<String> segments) {
        this.personsLoaded = segments;
    }

    /** Reads the store's person key dictionary {@code segments} into {@value PersonKeys#TABLE}. */
    void loadPersons(List<Path> segments) throws SQLException {
        for (String statement : PersonKeys.loadDictionary(segments)) {
            run(new BoundSql().sql(statement), null, false);
        }
        dictionaryLoads++;
    }

    int dictionaryLoads() {
        return dictionaryLoads;
    }

    /**
     * Drops the temp tables and view of one file's validation; each drop on its own, so one failure keeps no other.
     * The person key table stays for the next file while it matches the live dictionary ({@link #personsLoaded}).
     */
    void dropTemps(ValidationSql sql) {
        List<String> drops = new ArrayList<>(List.of("DROP VIEW IF EXISTS " + ValidationSql.SIDE_VIEW,
                "DROP TABLE IF EXISTS " + ValidationSql.RAW_TABLE, "DROP TABLE IF EXISTS _dup_rows"));
        if (personsLoaded == null) drops.add("DROP TABLE IF EXISTS " + PersonKeys.TABLE);
        sql.listColumns().forEach(i -> drops.add("DROP TABLE IF EXISTS _list_" + i));
        for (String drop : drops) {
            try (Statement st = connection.createStatement()) {
                st.execute(drop);
            } catch (SQLException ignored) {
                // a fresh statement per drop: one failure must not keep the others
            }
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }
}
