package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvik bench-scale's table from recorded steps: rates, growth per row against the first scale, the floor ratios. */
class BenchScaleCommandTest {

    private static Map<String, BenchScaleCommand.Step> steps(long rows, double synth, double copy, double ingest,
                                                             double run, double aggregate) {
        Map<String, BenchScaleCommand.Step> s = new LinkedHashMap<>();
        s.put("synth", new BenchScaleCommand.Step("synth", synth, synth, 1_000_000_000L, rows, ""));
        s.put("copy-floor", new BenchScaleCommand.Step("copy-floor", copy, copy, 0, -1, ""));
        // ingest's CPU seconds are half its wall seconds at scale 10 and equal to them at scale 1 (a busier machine)
        s.put("ingest", new BenchScaleCommand.Step("ingest", ingest, rows > 1_000_000 ? ingest / 2 : ingest,
                2_000_000_000L, -1, "exit 1"));
        s.put("run", new BenchScaleCommand.Step("run", run, run, 3_000_000_000L, -1, ""));
        s.put("aggregate-floor", new BenchScaleCommand.Step("aggregate-floor", aggregate, aggregate, 0, rows, ""));
        return s;
    }

    private static String table(Map<Double, Map<String, BenchScaleCommand.Step>> all) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchScaleCommand.print(all, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String table, String scale, String step) {
        return table.lines().filter(l -> l.startsWith(String.format("%-6s %-8s", scale, step))).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + scale + " " + step + " in\n" + table));
    }

    @Test
    void growthIsTheTimeRatioOverTheRowRatioAgainstTheFirstScale() {
        Map<Double, Map<String, BenchScaleCommand.Step>> all = new LinkedHashMap<>();
        all.put(1.0, steps(1_000_000, 10, 10, 20, 30, 3));
        // ten times the rows: synth ten times the time (linear, 1.00), ingest 220 s (11 x: 1.10), run 600 s (20 x: 2.00)
        all.put(10.0, steps(10_000_000, 100, 100, 220, 600, 40));
        String t = table(all);
        // hand-computed: 10,000,000 rows / 220 s = 45,455 rows/s; ingest / copy floor = 220 / 100 = 2.20
        // CPU growth: 110 CPU s against 20 at scale 1 (5.5 x for 10 x the rows: 0.55)
        assertEquals("10     ingest     10,000,000     220.0     110.0    2.00 GB       45,455     1.10       0.55      100.0     2.20  (exit 1)",
                line(t, "10", "ingest"));
        assertTrue(line(t, "10", "synth").contains(" 1.00 "), t);
        // run: 600 / 30 = 20 x the time for 10 x the rows; 600 / 40 = 15.00 x its aggregate floor
        assertTrue(line(t, "10", "run").endsWith("2.00       2.00       40.0    15.00"), line(t, "10", "run"));
        assertTrue(line(t, "1", "run").contains(" 1.00 "), t);
    }

    @Test
    void aScaleWithoutRecordsIsPrintedAsNotMeasured() {
        Map<Double, Map<String, BenchScaleCommand.Step>> all = new LinkedHashMap<>();
        all.put(1.0, steps(1_000_000, 10, 10, 20, 30, 3));
        all.put(3.0, new LinkedHashMap<>());
        assertTrue(line(table(all), "3", "ingest").endsWith("not measured"));
    }

    @Test
    void aBrokenRecordNamesItsFile(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("scale-3").resolve(BenchScaleCommand.RECORD);
        Files.createDirectories(record.getParent());
        Files.writeString(record, "{\"synth\": [1, 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchScaleCommand.read(record));
        assertTrue(e.getMessage().startsWith(record + ": not a bench-scale record"), e.getMessage());
    }

    @Test
    void folderNamesOfWholeAndFractionalScales() {
        assertEquals("scale-10", BenchScaleCommand.folderName(10));
        assertEquals("scale-0.3", BenchScaleCommand.folderName(0.3));
    }

    @Test
    void synthRunsAgainOnlyWhenAStepStillToRunNeedsExtractsThatAreGone(@TempDir Path dir) throws Exception {
        Path extracts = dir.resolve("extracts");
        Map<String, BenchScaleCommand.Step> recorded = steps(1_000_000, 10, 2, 20, 30, 1);
        Map<String, BenchScaleCommand.Step> synthOnly = new LinkedHashMap<>(Map.of("synth", recorded.get("synth")));
        Map<String, BenchScaleCommand.Step> uptoCopy = new LinkedHashMap<>(synthOnly);
        uptoCopy.put("copy-floor", recorded.get("copy-floor"));
        assertTrue(BenchScaleCommand.needsSynth(new LinkedHashMap<>(), extracts), "nothing recorded");
        // a scale stopped during its ingest, its extracts deleted to free the disk: synth again, not an ingest of nothing
        assertTrue(BenchScaleCommand.needsSynth(uptoCopy, extracts));
        assertTrue(BenchScaleCommand.needsSynth(synthOnly, extracts));
        // ingested (extracts deleted as usual): nothing needs them
        assertEquals(false, BenchScaleCommand.needsSynth(recorded, extracts));
        Files.createDirectories(extracts);
        assertEquals(false, BenchScaleCommand.needsSynth(uptoCopy, extracts));
        assertEquals(false, BenchScaleCommand.needsSynth(synthOnly, extracts));
    }
}
