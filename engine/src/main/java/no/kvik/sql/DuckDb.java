package no.kvik.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one place kvik opens DuckDB: every connection is a fresh in-memory database ({@code jdbc:duckdb:}) with
 * DuckDB's defaults unless the caller's {@link Settings} say otherwise. Extensions: kvik uses only those built
 * into the JDBC jar and autoloaded on first use ({@code parquet}, {@code json}, {@code icu}); none is installed
 * here, because {@code INSTALL} downloads and machines running kvik may have no internet.
 */
public final class DuckDb {
    private static final String URL = "jdbc:duckdb:";

    private DuckDb() {
    }

    /**
     * Settings applied right after the database is opened; an empty value keeps DuckDB's default.
     *
     * @param threads                worker threads ({@code SET threads}); 1 makes parallel sums of doubles add in
     *                               one order, so results are reproducible to the last bit
     * @param memoryLimit            {@code SET memory_limit}, e.g. {@code "4GB"}
     * @param tempDirectory          where DuckDB spills beyond the memory limit ({@code SET temp_directory})
     * @param preserveInsertionOrder {@code SET preserve_insertion_order}; off lets large copies stream
     * @param progressTracking       DuckDB tracks query progress (readable by a poller) only with its progress bar
     *                               on; when true the bar is on and its own printing off
     */
    public record Settings(OptionalInt threads, Optional<String> memoryLimit, Optional<Path> tempDirectory,
                           Optional<Boolean> preserveInsertionOrder, boolean progressTracking) {
        /** DuckDB's own defaults. */
        public static final Settings DEFAULTS = new Settings(OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);

        public Settings withThreads(int count) {
            if (count < 1) throw new IllegalArgumentException("threads must be at least 1, was " + count);
            return new Settings(OptionalInt.of(count), memoryLimit, tempDirectory, preserveInsertionOrder, progressTracking);
        }

        public Settings withMemoryLimit(String limit) {
            return new Settings(threads, Optional.of(limit), tempDirectory, preserveInsertionOrder, progressTracking);
        }

        public Settings withTempDirectory(Path directory) {
            return new Settings(threads, memoryLimit, Optional.of(directory), preserveInsertionOrder, progressTracking);
        }

        public Settings withPreserveInsertionOrder(boolean preserve) {
            return new Settings(threads, memoryLimit, tempDirectory, Optional.of(preserve), progressTracking);
        }

        public Settings withProgressTracking() {
            return new Settings(threads, memoryLimit, tempDirectory, preserveInsertionOrder, true);
        }
    }

    /** The memory limit and spill folder given on the command line (kvik --memory-limit, --temp-dir), for every database. */
    private static volatile Settings commandLine = Settings.DEFAULTS;

    /** DuckDB's memory limit as DuckDB reads it: a number and a unit, e.g. 8GB, 500MB, 4GiB. */
    private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile(
            "(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

    /**
     * Sets, for every database this process opens from now on, DuckDB's memory limit and the folder it spills to
     * beyond it (the command line's {@code --memory-limit} and {@code --temp-dir}); they take the place of what a
     * caller asks for (the ingest's default spill folder in the store, for one). Empty: DuckDB's or the caller's.
     */
    public static void useForEveryDatabase(Optional<String> memoryLimit, Optional<Path> tempDirectory) {
        if (memoryLimit.isPresent() && !MEMORY.matcher(memoryLimit.get().trim()).matches()) {
            throw new IllegalArgumentException("--memory-limit: '" + memoryLimit.get()
                    + "' is not a size such as 8GB, 500MB or 4GiB");
        }
        commandLine = new Settings(OptionalInt.empty(), memoryLimit.map(String::trim), tempDirectory, Optional.empty(), false);
    }

    /** The memory limit and spill folder given on the command line (empty where not given), e.g. to pass to a child. */
    public static Settings commandLineSettings() {
        return commandLine;
    }

    /** A new in-memory database with DuckDB's defaults. */
    public static Connection open() throws SQLException {
        return open(Settings.DEFAULTS);
    }

    /** A new in-memory database with {@code settings} applied; the caller closes it. */
    public static Connection open(Settings settings) throws SQLException {
        Settings given = commandLine;
        Settings effective = new Settings(settings.threads(), given.memoryLimit().or(settings::memoryLimit),
                given.tempDirectory().or(settings::tempDirectory), settings.preserveInsertionOrder(), settings.progressTracking());
        Connection connection = DriverManager.getConnection(URL);
        try {
            apply(connection, effective);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Applies {@code settings} to an open connection (DuckDB settings are per database, so this affects all of it). */
    public static void apply(Connection connection, Settings settings) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (settings.progressTracking()) {
                st.execute("SET enable_progress_bar = true");
                st.execute("SET enable_progress_bar_print = false");
            }
            if (settings.tempDirectory().isPresent()) {
                st.execute("SET temp_directory = " + literal(settings.tempDirectory().get().toString()));
            }
            if (settings.memoryLimit().isPresent()) {
                st.execute("SET memory_limit = " + literal(settings.memoryLimit().get()));
            }
            if (settings.threads().isPresent()) st.execute("SET threads = " + settings.threads().getAsInt());
            if (settings.preserveInsertionOrder().isPresent()) {
                st.execute("SET preserve_insertion_order = " + settings.preserveInsertionOrder().get());
            }
        }
    }

    /** A DuckDB string literal: single quotes, an embedded quote doubled (SET takes no bound parameters). */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
