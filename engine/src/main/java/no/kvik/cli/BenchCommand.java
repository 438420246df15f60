package no.kvik.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.ParallelRuns;
import no.kvik.engine.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints engine timings on a store: the whole catalogue at all levels on one thread and on N (with whether the
 * results are the same), split into engine, analysis and writing results, and per area; every indicator warm, the
 * slowest beside their bare DuckDB aggregate that yields the same counts (the floor; for a quantile measure also the
 * same quantiles, {@link EngineRun#floorSql}); one indicator warm.
 * Targets at scale 1: catalogue &lt;= 60 s, one indicator warm &lt;= 1 s, engine &lt;= 1.5 x the floor. Figures
 * only; nothing is asserted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the fixed cost of kvik run of one indicator (child processes, java -jar and engine/bin/kvik: "
                + "medians of each phase, wall and CPU, beside a bare JVM opening DuckDB), the whole catalogue analysed "
                + "and written (on 1 and on N threads; engine, analysis and writing apart; per area), every indicator "
                + "warm with the 15 slowest beside their bare DuckDB aggregate floor (for a median or percentile, "
                + "DuckDB's quantile_cont of its case rows in the same cells), and one indicator warm on a store.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of the parallel catalogue timing (default: one per processor, here ${DEFAULT-VALUE}).")
    int threads = ParallelRuns.defaultThreads();

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--indicator", paramLabel = "ID", description = "Indicator for the warm and floor timings "
            + "(default: the first in the catalogue).")
    String indicator;

    @Option(names = "--period", paramLabel = "PERIOD", description = "Range as for kvik run (default: every year).")
    String period;

    @Option(names = "--repeat", paramLabel = "N", description = "Warm repetitions; the median is printed (default 5).")
    int repeat = 5;

    @Option(names = "--fixed-cost-runs", paramLabel = "N",
            description = "Child runs of kvik run --indicator ID for the fixed cost, each way it is started; medians "
                    + "are printed (default ${DEFAULT-VALUE}; 10 or more for figures to report).")
    int fixedCostRuns = 5;

    // two selections, not two names of one: --fixed-cost-only keeps the fixed-cost part alone, --no-fixed-cost every
    // part but it; without either, bench times every part. They exclude each other
    @Option(names = "--fixed-cost-only", description = "Time the fixed cost only (the child processes of kvik run) "
            + "and stop: no catalogue, warm or floor timings, so the store is only read by the child runs. "
            + "The opposite of --no-fixed-cost; not with it.")
    boolean fixedCostOnly;

    @Option(names = "--no-fixed-cost", description = "Time everything but the fixed cost: skip the child processes of "
            + "kvik run (--fixed-cost-runs of each way it is started, plus a bare JVM each) and go straight to the "
            + "catalogue, warm and floor timings. The opposite of --fixed-cost-only; not with it.")
    boolean noFixedCost;

    @Option(names = "--timings-csv", paramLabel = "FILE", description = "Also write every indicator's timings (area, "
            + "rows, engine, analysis and process CPU ms in the 1-thread catalogue run and warm) to this CSV file.")
    Path timingsCsv;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1, not " + repeat);
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        RunRequest request = RunCommand.request(period, null, 0);
        Indicator one = indicator == null ? catalogue.all().get(0) : catalogue.get(indicator);
        if (fixedCostRuns < 1) throw new IllegalArgumentException("--fixed-cost-runs must be at least 1, not " + fixedCostRuns);
        if (noFixedCost && fixedCostOnly) throw new IllegalArgumentException("--no-fixed-cost and --fixed-cost-only exclude each other");
        if (!noFixedCost) fixedCost(one, home);
        if (fixedCostOnly) return ExitCodes.OK;
        try (Connection connection = RunCommand.openStore(store, home)) {
            Engine engine = new Engine(connection);
            System.out.printf("load average %.1f at the start; %d processors%n", loadAverage(),
                    Runtime.getRuntime().availableProcessors());
            // the whole catalogue as kvik run does it: engine, analysis, then every result format, on 1 and N threads
            CatalogueTimings.CatalogueRun serial = CatalogueTimings.run(connection, 1, catalogue.all(), request);
            printCatalogue(serial, serial);
            if (serial.rows() == 0) {
                throw new IllegalArgumentException("no results in " + (period == null ? "the store" : period)
                        + ": nothing to time (ingest extracts first, or choose a period with data)");
            }
            CatalogueTimings.CatalogueRun parallel = CatalogueTimings.run(connection, threads, catalogue.all(), request);
            printCatalogue(parallel, serial);
            System.out.println("per area, 1 thread (indicators, engine s, analysis s, process CPU s):");
            serial.byArea().forEach((area, sums) -> System.out.printf("  %-12s %4.0f %8.2f %8.2f %8.2f%n", area, sums[0],
                    sums[1], sums[2], sums[3]));

            // every indicator warm: run once, then timed right after, so its files are in DuckDB's and the OS's caches
            // (timing the second pass over the whole catalogue instead measured cache misses the other indicators
            // caused). The slowest get the bare DuckDB aggregate (the floor) beside them: whether the indicator's SQL
            // or the engine takes the time
            java.util.List<CatalogueTimings.IndicatorTiming> warmAll = new java.util.ArrayList<>();
            for (Indicator i : catalogue.all()) {
                CatalogueTimings.timed(engine, i, request);
                warmAll.add(CatalogueTimings.timed(engine, i, request));
            }
            if (timingsCsv != null) writeTimings(timingsCsv, serial.indicators(), warmAll);
            long within = warmAll.stream().filter(t -> t.engineMs() <= 1000).count();
            long analysedWithin = warmAll.stream().filter(t -> t.totalMs() <= 1000).count();
            System.out.printf("each indicator warm (load %.1f): engine within 1000 ms %d of %d (median %.0f ms); "
                            + "with analysis %d of %d (median %.0f ms)%n", loadAverage(), within, warmAll.size(),
                    median(warmAll.stream().mapToDouble(CatalogueTimings.IndicatorTiming::engineMs).toArray()),
                    analysedWithin, warmAll.size(),
                    median(warmAll.stream().mapToDouble(CatalogueTimings.IndicatorTiming::totalMs).toArray()));
            java.util.Map<String, CatalogueTimings.IndicatorTiming> first = new java.util.HashMap<>();
            for (CatalogueTimings.IndicatorTiming t : serial.indicators()) first.put(t.indicator().id(), t);
            java.util.List<CatalogueTimings.IndicatorTiming> slowest = warmAll.stream()
                    .sorted(java.util.Comparator.comparingDouble(CatalogueTimings.IndicatorTiming::totalMs).reversed())
                    .limit(SLOWEST).toList();
            System.out.printf("the %d slowest warm (ms; first: in the 1-thread catalogue run; floor: the bare DuckDB aggregate):%n",
                    slowest.size());
            System.out.printf("  %-44s %8s %8s %8s %7s %8s %8s %9s%n", "indicator", "engine", "analysis", "cpu", "rows",
                    "floor", "eng/flr", "first");
            for (CatalogueTimings.IndicatorTiming t : slowest) {
                double floorMs = Double.NaN;
                try (EngineRun run = engine.prepare(t.indicator(), request)) {
                    // a run without periods (none covered) has no aggregation to time
                    if (!run.periods().isEmpty()) {
                        floor(run);
                        long f0 = System.nanoTime();
                        floor(run);
                        floorMs = (System.nanoTime() - f0) / 1e6;
                    }
                }
                System.out.printf("  %-44s %8.0f %8.0f %8.0f %7d %8.0f %8.2f %9.0f%n", t.indicator().id(), t.engineMs(),
                        t.analysisMs(), t.cpuMs(), t.results().size(), floorMs, t.engineMs() / floorMs,
                        first.get(t.indicator().id()).totalMs());
            }

            engine.run(one, request);
            double[] warm = new double[repeat];
            for (int k = 0; k < repeat; k++) {
                long s = System.nanoTime();
                engine.run(one, request);
                warm[k] = (System.nanoTime() - s) / 1e6;
            }
            double[] floor = new double[repeat];
            java.util.Arrays.fill(floor, Double.NaN);
            try (EngineRun run = engine.prepare(one, request)) {
                // a run without periods (none covered in the range) has no aggregation to time
                if (!run.periods().isEmpty()) floor(run);
                for (int k = 0; k < repeat && !run.periods().isEmpty(); k++) {
                    long s = System.nanoTime();
                    floor(run);
                    floor[k] = (System.nanoTime() - s) / 1e6;
                }
            }
            double w = median(warm);
            double f = median(floor);
            System.out.printf("one indicator warm (%s): median %.1f ms of %d (target <= 1000 ms at scale 1)%n", one.id(), w, repeat);
            System.out.printf("bare DuckDB aggregate floor: median %.1f ms; engine / floor = %.2f (target <= 1.5)%n", f, w / f);
        }
        return ExitCodes.OK;
    }

    /**
     * Prints the fixed cost of {@code kvik run} of one indicator (everything but its own queries), started as a child
     * process {@link #fixedCostRuns} times as {@code java -jar kvik.jar} and, when the launcher {@code engine/bin/kvik}
     * is there, as often through it, with the floor (a bare JVM opening DuckDB) in the same interleaved rounds: each
     * phase's median, the median fixed cost, wall and process CPU time.
     */
    private void fixedCost(Indicator one, KvikHome home) throws Exception {
        java.nio.file.Path jar = FixedCost.ownJar();
        if (jar == null) {
            System.out.println("fixed cost of kvik run: not measured (not started from kvik.jar)");
            return;
        }
        java.nio.file.Path launcher = home.root().resolve("engine").resolve("bin").resolve("kvik");
        boolean withLauncher = java.nio.file.Files.isRegularFile(launcher);
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("kvik-bench-run-");
        java.nio.file.Path cache = java.nio.file.Files.createTempDirectory("kvik-bench-cds-");
        java.util.List<FixedCost.Sample> runs = new java.util.ArrayList<>();
        java.util.List<FixedCost.Sample> launched = new java.util.ArrayList<>();
        java.util.List<FixedCost.Sample> bare = new java.util.ArrayList<>();
        double firstLaunchMs = Double.NaN;
        try {
            // the launcher's first run of a jar makes its class-data archive: timed apart, not in the medians
            if (withLauncher) firstLaunchMs = FixedCost.launched(launcher, jar, cache, store, one.id(), out).wallMs();
            for (int k = 0; k < fixedCostRuns; k++) {
                // interleaved, so all three see the same load
                runs.add(FixedCost.run(jar, store, one.id(), out));
                if (withLauncher) launched.add(FixedCost.launched(launcher, jar, cache, store, one.id(), out));
                bare.add(FixedCost.bare(jar));
            }
        } finally {
            no.kvik.config.Folders.deleteTree(out);
            no.kvik.config.Folders.deleteTree(cache);
        }
        double floorMs = FixedCost.medianWall(bare);
        System.out.printf("fixed cost of kvik run --indicator %s --no-analysis (medians of %d, load average %.1f; "
                        + "target < 1000 ms); floor: a JVM from the same jar opening DuckDB and running SELECT 1: %.0f ms%n",
                one.id(), fixedCostRuns,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), floorMs);
        printFixedCost("java -jar kvik.jar", runs, floorMs);
        if (withLauncher) {
            printFixedCost("engine/bin/kvik (AppCDS, C1)", launched, floorMs);
            System.out.printf("  engine/bin/kvik's first run of this jar (making its archive): %.0f ms wall%n", firstLaunchMs);
        }
    }

    private static void printFixedCost(String how, java.util.List<FixedCost.Sample> samples, double floorMs) {
        FixedCost.Sample m = FixedCost.medians(samples);
        double fixed = median(samples.stream().mapToDouble(FixedCost.Sample::fixedMs).toArray());
        System.out.printf("  %s: fixed %.0f ms of %.0f ms wall (indicator %.0f ms), process CPU %.0f ms; "
                + "fixed / floor = %.2f%n", how, fixed, m.wallMs(), m.indicatorMs(), m.cpuMs(), fixed / floorMs);
        System.out.printf("    split (ms): %s%n", FixedCost.split(m));
    }

    /** How many of the slowest indicators the table lists. */
    private static final int SLOWEST = 15;

    /** One line for a catalogue run: wall time split into indicators and writing, engine and analysis summed. */
    private static void printCatalogue(CatalogueTimings.CatalogueRun run, CatalogueTimings.CatalogueRun serial) {
        double wall = run.indicatorsSeconds() + run.writeSeconds();
        System.out.printf("whole catalogue, all levels, analysed and written: %d indicators, %d result rows, %.2f s on %d "
                        + "thread(s) (target <= 60 s at scale 1; load %.1f): indicators %.2f s (engine %.2f s + analysis "
                        + "%.2f s summed over threads), writing results %.2f s; process CPU %.1f s%s%n",
                run.indicators().size(), run.rows(), wall, run.threads(), loadAverage(), run.indicatorsSeconds(),
                run.engineSeconds(), run.analysisSeconds(), run.writeSeconds(), run.cpuSeconds(),
                run == serial ? "" : String.format(java.util.Locale.ROOT, "; %.2f x the one-thread time, results %s", wall
                        / (serial.indicatorsSeconds() + serial.writeSeconds()), run.results().equals(serial.results())
                        ? "identical to one thread's" : "DIFFER from one thread's"));
    }

    /** Every indicator's timings, one row each in catalogue order (figures only: no person-level values). */
    private static void writeTimings(Path file, java.util.List<CatalogueTimings.IndicatorTiming> first,
                                     java.util.List<CatalogueTimings.IndicatorTiming> warm) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("indicator,area,rows,first_engine_ms,first_analysis_ms,first_cpu_ms,warm_engine_ms,warm_analysis_ms,warm_cpu_ms\n");
        for (int k = 0; k < first.size(); k++) {
            CatalogueTimings.IndicatorTiming f = first.get(k);
            CatalogueTimings.IndicatorTiming w = warm.get(k);
            sb.append(String.format(java.util.Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f%n",
                    f.indicator().id(), f.indicator().meta().area(), f.results().size(), f.engineMs(), f.analysisMs(),
                    f.cpuMs(), w.engineMs(), w.analysisMs(), w.cpuMs()));
        }
        java.nio.file.Files.writeString(file, sb.toString());
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The floor for benchmarks: the bare DuckDB aggregate that yields the same counts as the run: the indicator
     * query reduced, mapped to the run's periods and aggregated with the GROUPING SETS sums in one statement, with no
     * Java work (no intervals, suppression or result records); for a quantile measure the case rows grouped into the
     * same cells with DuckDB's quantile_cont ({@link EngineRun#floorSql}). Returns the number of aggregate rows.
     */
    static long floor(EngineRun run) throws java.sql.SQLException {
        long rows = 0;
        try (java.sql.PreparedStatement ps = run.prepareStatement(run.floorSql()); java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows++;
        }
        return rows;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
