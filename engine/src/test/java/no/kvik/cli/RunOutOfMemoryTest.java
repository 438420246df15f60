package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that runs out of DuckDB's memory (issue #17, ten times Norway: a scale that does not fit under
 * --memory-limit) fails with one clear line naming the limit and kvik's options, and leaves the store and the
 * earlier results as they were. A tiny store under a 10 MB limit stands in for scale 10 under 8 GB.
 */
class RunOutOfMemoryTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        DuckDb.useForEveryDatabase(Optional.empty(), Optional.empty());
    }

    /** One corridor patient of 50 occupied beds a day at two Finnmark sites, 2023-2024, ingested. */
    private Path store() throws Exception {
        return RunCommandTest.corridorStore(dir);
    }

    /** Every file under {@code root} with its bytes, by relative path. */
    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) all.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return all;
    }

    private static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    @Test
    void aRunOutOfMemoryFailsClearlyAndLeavesTheStoreAndTheEarlierResults() throws Exception {
        Path store = store();
        Path out = dir.resolve("out");
        CliRun first = CliRun.run("run", "--store", store.toString(), "--indicator", "corridor_patients", "--period", "2024",
                "--no-charts", "--out", out.toString());
        assertEquals(0, first.exitCode(), first.err());
        Map<String, byte[]> results = files(out);
        Map<String, byte[]> stored = files(store);

        // 10 MB is less than DuckDB needs to open the store's reference tables: the run stops before any indicator
        CliRun failed = CliRun.run("--memory-limit", "10MB", "run", "--store", store.toString(), "--period", "2023",
                "--no-charts", "--out", out.toString());
        assertEquals(ExitCodes.DATA_ERRORS, failed.exitCode(), failed.err());
        assertTrue(failed.err().startsWith("kvik run: DuckDB ran out of memory within --memory-limit 10MB ("), failed.err());
        assertTrue(failed.err().strip().endsWith("): give a larger --memory-limit, fewer --threads, or a --temp-dir with "
                + "room to spill"), failed.err());
        assertEquals(1, failed.err().strip().lines().count(), failed.err());
        assertSameFiles(results, files(out));
        assertSameFiles(stored, files(store));
    }

    @Test
    void anIndicatorOutOfMemoryIsListedOnOneLineWithKviksOptions() throws Exception {
        Path store = store();
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        Map<String, String> failed;
        try (Connection c = RunCommand.openStore(store, home)) {
            List<IndicatorResult> all = new ArrayList<>();
            // the store is open; from here on 20 MB is the limit, and the indicator's query is one that cannot spill
            DuckDb.useForEveryDatabase(Optional.of("20MB"), Optional.empty());
            failed = RunCommand.eachIndicator(c, 1, List.of(catalogue.get("corridor_patients")), (engine, i) -> {
                try (Connection small = DuckDb.open(); Statement st = small.createStatement()) {
                    st.executeQuery("SELECT len(list(i)) FROM range(20000000) t(i)").close();
                }
                throw new AssertionError("20 M integers in one list fitted in 20 MB");
            }, all);
            assertTrue(all.isEmpty());
        } finally {
            System.setOut(old);
        }
        String reason = failed.get("corridor_patients");
        assertTrue(reason.startsWith("DuckDB ran out of memory within --memory-limit 20MB ("), reason);
        assertTrue(reason.endsWith("): give a larger --memory-limit, fewer --threads, or a --temp-dir with room to spill"), reason);
        assertFalse(reason.contains("\n") || reason.contains("SET "), reason);
        assertTrue(buf.toString().matches("(?s)corridor_patients\\s+FAILED: DuckDB ran out of memory within [^\\n]*\\R"), buf.toString());
    }
}
