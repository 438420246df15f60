package no.kvik.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.store.BenchmarkExtract;
import no.kvik.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scale side by side (issue #17, ten times Norway): for each scale, synth, ingest and the whole catalogue's run are
 * started as child processes of the same jar and timed from outside (wall, CPU, peak resident set polled from
 * /proc), each beside DuckDB's floor on the same data (plain CSV to Parquet copy of every extract for the ingest; one
 * aggregate reading every stored value for the run). Each step's figures are recorded in
 * {@code WORK/scale-S/bench-scale.json} as soon as it ends, so a later call only runs the steps not yet recorded and
 * prints the table of all of them. Figures only; nothing is asserted.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        description = "Synth, ingest and run the whole catalogue at several scales (child processes of this jar), "
                + "and print them side by side: wall and CPU seconds, peak resident memory, rows per second, growth "
                + "per row against the first scale (1.00 = linear), beside DuckDB's floor (plain CSV -> Parquet copy "
                + "of the extracts; one aggregate over every stored value). Steps already recorded in "
                + "WORK/scale-S/bench-scale.json are not run again (synth is, when a step still to run needs its "
                + "extracts and they are gone). --memory-limit and --temp-dir are passed to "
                + "every child.")
final class BenchScaleCommand implements Callable<Integer> {

    /** The recorded steps of a scale, in the order they run. */
    static final List<String> STEPS = List.of("synth", "copy-floor", "ingest", "run", "aggregate-floor");
    static final String RECORD = "bench-scale.json";

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "Folder of the scales' extracts, stores, results and recorded figures (DIR/scale-S).")
    Path work;

    @Option(names = "--scale", required = true, split = ",", paramLabel = "S",
            description = "Scales, e.g. 1,3,10 (the first is the reference of the growth ratios).")
    List<Double> scales;

    @Option(names = "--years", defaultValue = "2024", paramLabel = "YEARS", description = "Synth years. Default: ${DEFAULT-VALUE}.")
    String years;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Synth seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--keep-extracts", description = "Keep each scale's extracts after its ingest (default: deleted "
            + "once ingested and floored, to save disk: scale 10 is about 14 GB of CSV a year).")
    boolean keepExtracts;

    @Option(names = "--print-only", description = "Run nothing; print the recorded figures.")
    boolean printOnly;

    @Option(names = "--no-analysis", description = "Run the catalogue without its analysis (kvik run --no-analysis): "
            + "the engine's part, which grows with the rows; the analysis grows with the units and periods.")
    boolean noAnalysis;

    /** One step's figures, as recorded. */
    record Step(String step, double seconds, double cpuSeconds, long peakRssBytes, long rows, String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        if (scales.isEmpty()) throw new IllegalArgumentException("--scale: give at least one scale");
        KvikHome home = KvikHome.locate();
        Path jar = FixedCost.ownJar();
        Map<Double, Map<String, Step>> all = new LinkedHashMap<>();
        for (double scale : scales) {
            Path dir = work.resolve(folderName(scale));
            Map<String, Step> steps = read(dir.resolve(RECORD));
            all.put(scale, steps);
            if (printOnly) continue;
            if (jar == null) throw new IllegalStateException("bench-scale starts kvik.jar children: run it from the jar");
            Files.createDirectories(dir);
            Path extracts = dir.resolve("extracts");
            Path store = dir.resolve("store");
            if (needsSynth(steps, extracts)) {
                Folders.deleteTree(extracts);
                record(dir, steps, child("synth", jar, List.of("synth", "--scale", Double.toString(scale), "--years", years,
                        "--seed", Long.toString(seed), "--out", extracts.toString(), "--quiet"), SYNTH_ROWS, 0));
            }
            if (!steps.containsKey("copy-floor")) record(dir, steps, copyFloor(home, extracts, dir));
            if (!steps.containsKey("ingest")) {
                Folders.deleteTree(store);
                // exit 1: flagged rows, which synthetic extracts carry by design
                record(dir, steps, child("ingest", jar, List.of("ingest", "--store", store.toString(), "--quiet",
                        extracts.toString()), null, 1));
            }
            if (!keepExtracts && Files.isDirectory(extracts)) Folders.deleteTree(extracts);
            if (!steps.containsKey("run")) {
                Path results = dir.resolve("results");
                // exit 1: an indicator failed (the step's note says so)
                List<String> run = new ArrayList<>(List.of("run", "--store", store.toString(), "--out",
                        results.toString(), "--no-charts", "--quiet"));
                if (noAnalysis) run.add("--no-analysis");
                record(dir, steps, child("run", jar, run, null, 1));
            }
            if (!steps.containsKey("aggregate-floor")) record(dir, steps, aggregateFloor(home, store));
        }
        print(all, System.out);
        return ExitCodes.OK;
    }

    /**
     * Synth runs when it is not recorded, or when a step still to run needs its extracts and they are gone (a
     * stopped scale whose extracts were deleted to free the disk): it is then measured again, rather than the
     * ingest failing on a missing folder.
     */
    static boolean needsSynth(Map<String, Step> steps, Path extracts) {
        if (!steps.containsKey("synth")) return true;
        boolean extractsNeeded = !steps.containsKey("copy-floor") || !steps.containsKey("ingest");
        return extractsNeeded && !Files.isDirectory(extracts);
    }

    static String folderName(double scale) {
        return "scale-" + (scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale));
    }

    private static final Pattern SYNTH_ROWS = Pattern.compile("synth: ([\\d,]+) rows");

    /**
     * Starts {@code kvik ARGS} from {@code jar} with this command's --memory-limit and --temp-dir, polls its peak
     * resident set and CPU until it ends, and returns its figures; an exit code above {@code okUpTo} is an error with
     * the child's last output lines.
     */
    private Step child(String step, Path jar, List<String> args, Pattern rowsPattern, int okUpTo) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString()));
        cmd.addAll(args);
        no.kvik.sql.DuckDb.Settings given = no.kvik.sql.DuckDb.commandLineSettings();
        given.memoryLimit().ifPresent(m -> cmd.addAll(List.of("--memory-limit", m)));
        given.tempDirectory().ifPresent(t -> cmd.addAll(List.of("--temp-dir", t.toString())));
        Path log = Files.createTempFile("kvik-bench-scale-", ".txt");
        try {
            System.out.printf(Locale.ROOT, "%s: %s (load average %.1f)%n", step, String.join(" ", args), ProcessMemory.load());
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long peak = 0;
            Duration cpu = Duration.ZERO;
            while (!p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the high-water mark only grows: the last reading before the child ends is its peak but for the
                // final 100 ms
                OptionalLong hwm = ProcessMemory.peakRss(p.pid());
                if (hwm.isPresent()) peak = Math.max(peak, hwm.getAsLong());
                cpu = p.info().totalCpuDuration().orElse(cpu);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (p.exitValue() > okUpTo) {
                throw new IllegalStateException("kvik " + String.join(" ", args) + " exited with " + p.exitValue() + ": "
                        + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
            long rows = -1;
            if (rowsPattern != null) {
                for (String l : lines) {
                    Matcher m = rowsPattern.matcher(l);
                    if (m.find()) rows = Long.parseLong(m.group(1).replace(",", ""));
                }
            }
            String note = p.exitValue() == 0 ? "" : "exit " + p.exitValue();
            return new Step(step, seconds, cpu.toNanos() / 1e9, peak, rows, note);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** DuckDB's plain CSV to Parquet copy of every extract with a contract (the ingest's floor), one file at a time. */
    private static Step copyFloor(KvikHome home, Path extracts, Path dir) throws Exception {
        Contracts contracts = Contracts.load(home.contracts());
        Path out = dir.resolve("copy-floor.parquet");
        double seconds = 0;
        double cpu0 = ProcessMemory.cpuSeconds();
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "copy-floor: %d extracts (load average %.1f)%n", files.size(), ProcessMemory.load());
        for (Path f : files) {
            Contract contract = contracts.forFileName(f.getFileName().toString()).orElse(null);
            if (contract == null) continue;
            try {
                seconds += BenchmarkExtract.plainCopySeconds(f, contract, out);
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return new Step("copy-floor", seconds, ProcessMemory.cpuSeconds() - cpu0, 0, -1, "in the bench's process");
    }

    /**
     * The run's floor: one aggregate over every stored value of every registry view (a hash of each column summed),
     * which reads the whole store once as a catalogue run must at least; returns the rows stored.
     */
    private static Step aggregateFloor(KvikHome home, Path store) throws Exception {
        double cpu0 = ProcessMemory.cpuSeconds();
        long rows = 0;
        double seconds;
        System.out.printf(Locale.ROOT, "aggregate-floor: %s (load average %.1f)%n", store, ProcessMemory.load());
        try (Connection c = RunCommand.openStore(store, home); Statement st = c.createStatement()) {
            List<String> views = new ArrayList<>();
            for (no.kvik.store.StoreManifest.Delivery d : Store.manifest(c).deliveries()) {
                String view = d.contractId().toLowerCase(Locale.ROOT);
                if (!views.contains(view)) views.add(view);
            }
            long t0 = System.nanoTime();
            for (String view : views) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), sum(hash(COLUMNS(*))) FROM "
                        + "\"" + view.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        return new Step("aggregate-floor", seconds, ProcessMemory.cpuSeconds() - cpu0, 0, rows, "in the bench's process");
    }

    static Map<String, Step> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return new LinkedHashMap<>();
        try {
            return new LinkedHashMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Step>>() { }));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a bench-scale record (" + e.getMessage()
                    + "); delete it to measure again", e);
        }
    }

    private static void record(Path dir, Map<String, Step> steps, Step step) throws IOException {
        steps.put(step.step(), step);
        System.out.printf(Locale.ROOT, "  %s: %.1f s, %.1f CPU s, peak %s (load average %.1f)%n", step.step(),
                step.seconds(), step.cpuSeconds(), step.peakRssBytes() > 0 ? ProcessMemory.gb(step.peakRssBytes()) : "n/a",
                ProcessMemory.load());
        Path tmp = dir.resolve(RECORD + ".tmp");
        JSON.writeValue(tmp.toFile(), steps);
        Files.move(tmp, dir.resolve(RECORD), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The table: one line per scale and step, with rates, the floor and growth per row against the first scale. */
    static void print(Map<Double, Map<String, Step>> all, java.io.PrintStream out) {
        Map.Entry<Double, Map<String, Step>> first = all.entrySet().iterator().next();
        out.printf(Locale.ROOT, "%nscale side by side (load average now %.1f; growth = time ratio / row ratio "
                + "against scale %s, 1.00 = linear; CPU growth the same by CPU seconds, which depend little on the load)%n", ProcessMemory.load(), fmt(first.getKey()));
        out.printf(Locale.ROOT, "%-6s %-8s %12s %9s %9s %10s %12s %8s %10s %10s %8s%n", "scale", "step", "rows",
                "wall s", "CPU s", "peak RSS", "rows/s", "growth", "CPU growth", "floor s", "/floor");
        for (Map.Entry<Double, Map<String, Step>> e : all.entrySet()) {
            Map<String, Step> s = e.getValue();
            long rows = rows(s);
            long rows1 = rows(first.getValue());
            for (String[] pair : new String[][] {{"synth", null}, {"ingest", "copy-floor"}, {"run", "aggregate-floor"}}) {
                Step step = s.get(pair[0]);
                if (step == null) {
                    out.printf(Locale.ROOT, "%-6s %-8s %12s%n", fmt(e.getKey()), pair[0], "not measured");
                    continue;
                }
                Step floor = pair[1] == null ? null : s.get(pair[1]);
                Step ref = first.getValue().get(pair[0]);
                boolean comparable = ref != null && rows > 0 && rows1 > 0;
                String growth = !comparable ? "" : String.format(Locale.ROOT, "%.2f",
                        (step.seconds() / ref.seconds()) / ((double) rows / rows1));
                String cpuGrowth = !comparable || !(ref.cpuSeconds() > 0) ? "" : String.format(Locale.ROOT, "%.2f",
                        (step.cpuSeconds() / ref.cpuSeconds()) / ((double) rows / rows1));
                out.printf(Locale.ROOT, "%-6s %-8s %,12d %9.1f %9.1f %10s %,12.0f %8s %10s %10s %8s%s%n",
                        fmt(e.getKey()), pair[0], rows, step.seconds(), step.cpuSeconds(),
                        step.peakRssBytes() > 0 ? ProcessMemory.gb(step.peakRssBytes()) : "n/a", rows / step.seconds(),
                        growth, cpuGrowth, floor == null ? "" : String.format(Locale.ROOT, "%.1f", floor.seconds()),
                        floor == null ? "" : String.format(Locale.ROOT, "%.2f", step.seconds() / floor.seconds()),
                        step.note().isEmpty() ? "" : "  (" + step.note() + ")");
            }
        }
    }

    /** Rows of a scale: those synth wrote, else those the store holds. */
    private static long rows(Map<String, Step> s) {
        if (s.containsKey("synth") && s.get("synth").rows() > 0) return s.get("synth").rows();
        return s.containsKey("aggregate-floor") ? s.get("aggregate-floor").rows() : -1;
    }

    private static String fmt(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }
}
