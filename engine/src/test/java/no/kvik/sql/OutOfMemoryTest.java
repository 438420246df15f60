package no.kvik.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DuckDB's out-of-memory error in kvik's terms (issue #17): one line, the limit in force, kvik's options. */
class OutOfMemoryTest {
    @AfterEach
    void reset() {
        DuckDb.useForEveryDatabase(Optional.empty(), Optional.empty());
    }

    /** DuckDB's real error: a list of 20 M integers (160 MB) is one aggregate state, which cannot spill. */
    private static String duckDbOutOfMemory() throws SQLException {
        try (Connection c = DuckDb.open(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT len(list(i)) FROM range(20000000) t(i)").close());
            return e.getMessage();
        }
    }

    @Test
    void duckDbsErrorBecomesOneLineNamingTheLimitAndKviksOptions() throws SQLException {
        DuckDb.useForEveryDatabase(Optional.of("20MB"), Optional.empty());
        String duckdb = duckDbOutOfMemory();
        assertTrue(duckdb.startsWith("Out of Memory Error: ") && duckdb.contains("SET memory_limit"), duckdb);

        String told = OutOfMemory.explain("sql/indicators/x.sql: " + duckdb);
        assertFalse(told.contains("\n") || told.contains("SET "), told);
        // DuckDB's first line kept (what it could not allocate, of how much in use), after kvik's context
        String firstLine = duckdb.substring("Out of Memory Error: ".length(), duckdb.indexOf('\n'));
        assertEquals("sql/indicators/x.sql: DuckDB ran out of memory within --memory-limit 20MB (" + firstLine
                + "): give a larger --memory-limit, fewer --threads, or a --temp-dir with room to spill", told);
    }

    @Test
    void withoutTheOptionDuckDbsDefaultIsNamedAndOtherErrorsAreLeftAlone() {
        assertEquals("DuckDB ran out of memory within DuckDB's default memory limit, 80 % of the machine's memory "
                + "(failed to pin block of size 256.0 KiB (95.3 MiB/95.3 MiB used)): give a larger --memory-limit, "
                + "fewer --threads, or a --temp-dir with room to spill",
                OutOfMemory.explain("Out of Memory Error: failed to pin block of size 256.0 KiB (95.3 MiB/95.3 MiB used)"
                        + "\n\nPossible solutions:\n* Increasing the memory limit (SET memory_limit='...GB')"));
        String other = "Binder Error: Referenced column \"x\" not found\nLINE 1: SELECT x";
        assertEquals(other, OutOfMemory.explain(other));
        assertEquals(null, OutOfMemory.explain(null));
    }
}
