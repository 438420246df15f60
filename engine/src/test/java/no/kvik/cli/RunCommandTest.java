package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvik run and kvik bench on a tiny store, ingested from a hand-made extract, with real reference data. */
class RunCommandTest {
    @TempDir
    Path dir;

    /** Two Finnmark sites (Kirkenes 974795930 = hospital 11, 983974880 = hospital 10; both HF 1, RHF 1) report
     *  1 corridor patient of 50 occupied beds every day of 2023-2024. */
    private Path store() throws Exception {
        return corridorStore(dir);
    }

    /** The tiny corridor store above, ingested into {@code dir}/store (also used by RunOutOfMemoryTest). */
    static Path corridorStore(Path dir) throws Exception {
        Path extract = dir.resolve("trust_corridor_2023_2024.csv");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT o.org AS provider_org, strftime(d, '%Y-%m-%d') AS report_date, "
                    + "1 AS corridor_patients, 50 AS occupied_beds "
                    + "FROM range(DATE '2023-01-01', DATE '2025-01-01', INTERVAL 1 DAY) r(d), "
                    + "(VALUES ('974795930'), ('983974880')) o(org) ORDER BY d, org) TO '"
                    + extract.toString().replace("'", "''") + "' (HEADER, DELIMITER ';')");
        }
        Path store = dir.resolve("store");
        try (Ingester ingester = Ingester.open(store, KvikHome.locate(), null)) {
            IngestResult result = ingester.ingest(extract);
            assertEquals(IngestResult.Outcome.STORED, result.outcome(), result.reason());
            assertEquals(0, result.rowsFlagged());
        }
        return store;
    }

    /** Runs kvik's command line in this JVM, asserts exit code 0 and returns what it printed. */
    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            int code = Kvik.commandLine().execute(args);
            assertEquals(0, code, buf.toString());
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    @Test
    void runWritesEveryLevelForTheRequestedYear() throws Exception {
        Path store = store();
        Path out = dir.resolve("out");
        String printed = run("run", "--store", store.toString(), "--indicator", "corridor_patients", "--period", "2024",
                "--out", out.toString());
        assertTrue(printed.contains("corridor_patients"), printed);
        for (String ext : new String[] {"parquet", "csv", "json", "xlsx", "arrow"}) {
            assertTrue(Files.size(out.resolve("results." + ext)) > 0, ext);
        }
        Map<String, String> got = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT period_label, level, unit_id, unit_name, numerator, denominator, "
                     + "value FROM read_parquet(?) WHERE period_label = '2024-T1' ORDER BY level, unit_id")) {
            ps.setString(1, out.resolve("results.parquet").toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.put(rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4),
                            (long) rs.getDouble(5) + "/" + (long) rs.getDouble(6) + " " + rs.getDouble(7));
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*), count(DISTINCT period_label) FROM read_parquet(?)")) {
                count.setString(1, out.resolve("results.parquet").toString());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertEquals(15, rs.getLong(1));
                    assertEquals(3, rs.getLong(2));
                }
            }
        }
        // 2024-T1 has 31 + 29 + 31 + 30 = 121 days; each site 121 of 6050 bed-days
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("hf 1 Finnmarkssykehuset HF", "242/12100 0.02");
        expected.put("hospital 10 Finnmarkssykehuset HF", "121/6050 0.02");
        expected.put("hospital 11 Klinikk Kirkenes", "121/6050 0.02");
        expected.put("nation nation Norge", "242/12100 0.02");
        expected.put("rhf 1 Helse Nord RHF", "242/12100 0.02");
        assertEquals(expected, got);
    }

    @Test
    void aFailedRunLeavesTheEarlierResultsAndAFinishedOneReplacesThemWhole() throws Exception {
        Path store = store();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "the analyst's own file");
        run("run", "--store", store.toString(), "--indicator", "corridor_patients", "--period", "2024", "--out", out.toString());
        byte[] csv = Files.readAllBytes(out.resolve("results.csv"));
        byte[] parquet = Files.readAllBytes(out.resolve("results.parquet"));

        // a bad value for the second indicator's parameter: refused before the first indicator runs
        CliRun failed = CliRun.run("run", "--store", store.toString(), "--indicator", "corridor_patients,call_113_answered_10s",
                "--param", "within_seconds=abc", "--period", "2023", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("call_113_answered_10s: parameter 'within_seconds': expected INTEGER, got 'abc'"), failed.err());
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("results.csv")));
        assertArrayEquals(parquet, Files.readAllBytes(out.resolve("results.parquet")));
        assertEquals(List.of("charts", "notes.txt", "results.arrow", "results.csv", "results.json", "results.parquet", "results.xlsx"), names(out));

        // a finished CSV-only run of 2023 without charts replaces every results file and the charts of the earlier
        // run; the analyst's file stays.
        // The indicator twice is run once: 15 rows (3 tertials x 5 units), not 30.
        run("run", "--store", store.toString(), "--indicator", "corridor_patients,corridor_patients", "--period", "2023",
                "--format", "CSV", "--no-charts", "--out", out.toString());
        assertEquals(List.of("notes.txt", "results.csv"), names(out));
        List<Map<String, String>> rows = CliRun.csv(out.resolve("results.csv"));
        assertEquals(15, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get("period_label").startsWith("2023-T")), rows.toString());
    }

    /** The corridor extract of {@link #store()} with {@code patients} corridor patients a day, in {@code folder}. */
    private static Path corridorExtract(Path folder, int patients) throws Exception {
        Path extract = Files.createDirectories(folder).resolve("trust_corridor_2023_2024.csv");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT o.org AS provider_org, strftime(d, '%Y-%m-%d') AS report_date, "
                    + patients + " AS corridor_patients, 50 AS occupied_beds "
                    + "FROM range(DATE '2023-01-01', DATE '2025-01-01', INTERVAL 1 DAY) r(d), "
                    + "(VALUES ('974795930'), ('983974880')) o(org) ORDER BY d, org) TO '"
                    + extract.toString().replace("'", "''") + "' (HEADER, DELIMITER ';')");
        }
        return extract;
    }

    /**
     * Issue #13: a kvik run started before an ingest that replaces a delivery failed with "No files found that match
     * the pattern", as the superseded files were deleted under it. Runs race an ingester that replaces the corridor
     * delivery back and forth (1 and 2 patients a day; each version two Parquet files, 2023 and 2024): every run
     * finishes, and all its rows come from one version (share 1/50 or 2/50 in both years), never a mix.
     */
    @Test
    void runsRacingReplacingIngestsFinishOnOneWholeVersionOfTheData() throws Exception {
        Path store = store();
        Path one = corridorExtract(dir.resolve("one"), 1);
        Path two = corridorExtract(dir.resolve("two"), 2);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> ingests = pool.submit(() -> {
                int n = 0;
                try (Ingester ingester = Ingester.open(store, KvikHome.locate(), null)) {
                    while (!stop.get() && n < 500) {
                        IngestResult r = ingester.ingest(n++ % 2 == 0 ? two : one);
                        assertEquals(IngestResult.Outcome.REPLACED, r.outcome(), r.reason());
                    }
                }
                return n;
            });
            for (int i = 0; i < 4; i++) {
                Path out = dir.resolve("race-" + i);
                CliRun r = CliRun.run("run", "--store", store.toString(), "--indicator", "corridor_patients",
                        "--format", "CSV", "--no-charts", "--no-analysis", "--out", out.toString());
                assertEquals(0, r.exitCode(), r.err());
                java.util.Set<String> values = new java.util.TreeSet<>();
                List<Map<String, String>> rows = CliRun.csv(out.resolve("results.csv"));
                for (Map<String, String> row : rows) values.add(row.get("value"));
                assertTrue(rows.stream().anyMatch(row -> row.get("period_label").startsWith("2023"))
                        && rows.stream().anyMatch(row -> row.get("period_label").startsWith("2024")), rows.toString());
                assertTrue(values.equals(java.util.Set.of("0.02")) || values.equals(java.util.Set.of("0.04")),
                        "run " + i + " mixed versions: " + values);
            }
            stop.set(true);
            assertTrue(ingests.get(120, java.util.concurrent.TimeUnit.SECONDS) >= 2, "the ingester kept replacing");
        } finally {
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void unusableOutputFolderOrStoreIsAUsageErrorNamingIt() throws Exception {
        Path store = store();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun toFile = CliRun.run("run", "--store", store.toString(), "--indicator", "corridor_patients", "--out", file.toString());
        assertEquals(ExitCodes.USAGE, toFile.exitCode());
        assertEquals("kvik run: --out " + file + " is a file, not a folder", toFile.err().strip());

        Path notAStore = Files.createDirectories(dir.resolve("empty"));
        CliRun fromEmpty = CliRun.run("run", "--store", notAStore.toString(), "--out", dir.resolve("out2").toString());
        assertEquals(ExitCodes.USAGE, fromEmpty.exitCode());
        assertEquals("kvik run: not a store (no manifest.json): " + notAStore, fromEmpty.err().strip());
        assertTrue(!Files.exists(dir.resolve("out2")));

        CliRun noData = CliRun.run("bench", "--store", store.toString(), "--period", "2030");
        assertEquals(ExitCodes.USAGE, noData.exitCode());
        assertTrue(noData.err().contains("no results in 2030: nothing to time"), noData.err());
        CliRun noRepeat = CliRun.run("bench", "--store", store.toString(), "--repeat", "0");
        assertEquals("kvik bench: --repeat must be at least 1, not 0", noRepeat.err().strip());
    }

    private static List<String> names(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The loop kvik run uses: an exception in one indicator is printed with its id (after what it printed before it
     * failed) and the next one still runs, on one thread and on two (where the failing one runs beside the other).
     */
    @Test
    void oneFailingIndicatorIsReportedAndTheOthersStillRun() throws Exception {
        Path store = store();
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        List<Indicator> selected = List.of(catalogue.get("call_113_answered_10s"), catalogue.get("corridor_patients"));
        for (int threads : new int[] {1, 2}) {
            PrintStream old = System.out;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buf, true));
            try (Connection c = RunCommand.openStore(store, home)) {
                List<IndicatorResult> all = new ArrayList<>();
                Map<String, String> failed = RunCommand.eachIndicator(c, threads, selected, (engine, i) -> {
                    if (i.id().equals("call_113_answered_10s")) {
                        // as runOne fails: with the lines the indicator printed before its failure
                        throw new RunCommand.LoggedFailure("printed before\n", new IllegalStateException("planted failure"));
                    }
                    return new RunCommand.IndicatorOutput(engine.run(i, RunCommand.request("2024", null, 0)), "ran " + i.id() + "\n");
                }, all);
                assertEquals(Map.of("call_113_answered_10s", "planted failure"), failed);
                // the indicator after the failed one ran: 3 tertials x 5 units
                assertEquals(15, all.size());
                assertTrue(all.stream().allMatch(r -> r.indicatorId().equals("corridor_patients")));
            } finally {
                System.setOut(old);
            }
            assertTrue(buf.toString().matches("(?s)printed before\\Rcall_113_answered_10s\\s+FAILED: planted failure\\Rran corridor_patients\\R"),
                    threads + " threads: " + buf);
        }
    }

    @Test
    void benchPrintsTheThreeFigures() throws Exception {
        String printed = run("bench", "--store", store().toString(), "--indicator", "corridor_patients", "--repeat", "2");
        assertTrue(printed.matches("(?s).*whole catalogue, all levels, analysed and written: \\d+ indicators, \\d+ result rows, "
                + "[\\d.]+ s on 1 thread\\(s\\) .*engine [\\d.]+ s \\+ analysis [\\d.]+ s.*writing results [\\d.]+ s; process CPU.*"),
                printed);
        assertTrue(printed.matches("(?s).*[\\d.]+ s on \\d+ thread\\(s\\) .*results identical to one thread's.*"), printed);
        assertTrue(printed.contains("per area, 1 thread"), printed);
        assertTrue(printed.contains("slowest warm"), printed);
        assertTrue(printed.contains("one indicator warm (corridor_patients): median"), printed);
        assertTrue(printed.contains("engine / floor = "), printed);
    }

    @Test
    void catalogueDescribesAnIndicatorWithItsSql() {
        String printed = run("catalogue", "antibiotic_prescriptions_per_1000");
        assertTrue(printed.contains("parameter $atc_prefix VARCHAR = J01"), printed);
        assertTrue(printed.contains("starts_with(atc, $atc_prefix)"), printed);
    }
}
