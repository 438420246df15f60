package no.kvik.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one DuckDB connection factory: each setting asked for is the one the database reports back. */
class DuckDbTest {

    static String setting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')::VARCHAR")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void appliesEverySettingAskedFor(@TempDir Path spill) throws SQLException {
        DuckDb.Settings settings = DuckDb.Settings.DEFAULTS.withThreads(1).withMemoryLimit("1GB")
                .withTempDirectory(spill.resolve("it's here")).withPreserveInsertionOrder(false).withProgressTracking();
        try (Connection c = DuckDb.open(settings)) {
            assertEquals("1", setting(c, "threads"));
            assertEquals("false", setting(c, "preserve_insertion_order"));
            assertEquals(spill.resolve("it's here").toString(), setting(c, "temp_directory"));
            assertEquals("true", setting(c, "enable_progress_bar"));
            assertEquals("false", setting(c, "enable_progress_bar_print"));
            // DuckDB reports 1GB (10^9 bytes) in binary units
            assertEquals("953.6 MiB", setting(c, "memory_limit"));
        }
    }

    @Test
    void defaultsLeaveDuckDbAlone() throws SQLException {
        try (Connection c = DuckDb.open()) {
            assertEquals("true", setting(c, "preserve_insertion_order"));
            assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()), setting(c, "threads"));
        }
    }

    @Test
    void refusesZeroThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DuckDb.Settings.DEFAULTS.withThreads(0));
        assertEquals("threads must be at least 1, was 0", e.getMessage());
    }

    @Test
    void theCommandLinesMemoryLimitAndSpillFolderHoldForEveryDatabase(@TempDir Path dir) throws SQLException {
        try {
            DuckDb.useForEveryDatabase(Optional.of("2GB"), Optional.of(dir.resolve("spill")));
            // a caller's own spill folder (the ingest's .spill) gives way to the command line's; its threads stay
            try (Connection c = DuckDb.open(DuckDb.Settings.DEFAULTS.withThreads(1).withTempDirectory(dir.resolve("own")))) {
                assertEquals("1.8 GiB", setting(c, "memory_limit")); // 2·10^9 bytes in binary units
                assertEquals(dir.resolve("spill").toString(), setting(c, "temp_directory"));
                assertEquals("1", setting(c, "threads"));
            }
        } finally {
            DuckDb.useForEveryDatabase(Optional.empty(), Optional.empty());
        }
        try (Connection c = DuckDb.open(DuckDb.Settings.DEFAULTS.withTempDirectory(dir.resolve("own")))) {
            assertEquals(dir.resolve("own").toString(), setting(c, "temp_directory"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DuckDb.useForEveryDatabase(Optional.of("lots"), Optional.empty()));
        assertEquals("--memory-limit: 'lots' is not a size such as 8GB, 500MB or 4GiB", e.getMessage());
    }
}
