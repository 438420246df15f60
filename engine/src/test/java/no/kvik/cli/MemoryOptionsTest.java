package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvik --memory-limit and --temp-dir (issue #17): taken on any command, checked before anything runs. */
class MemoryOptionsTest {
    @AfterEach
    void reset() {
        DuckDb.useForEveryDatabase(Optional.empty(), Optional.empty());
    }

    @Test
    void aSizeDuckDbCannotReadIsAUsageErrorNamingTheOption(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("run", "--memory-limit", "lots", "--store", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("--memory-limit: 'lots' is not a size such as 8GB, 500MB or 4GiB"), r.err());
    }

    @Test
    void theOptionsReachEveryDatabaseTheCommandOpens(@TempDir Path dir) throws Exception {
        // given before or after the subcommand's name; catalogue opens no database, so nothing else changes
        CliRun r = CliRun.run("--memory-limit", "3GB", "catalogue", "--temp-dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Connection c = DuckDb.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')::VARCHAR, current_setting('temp_directory')::VARCHAR")) {
            rs.next();
            assertEquals("2.7 GiB", rs.getString(1)); // 3·10^9 bytes in binary units
            assertEquals(dir.toString(), rs.getString(2));
        }
    }
}
