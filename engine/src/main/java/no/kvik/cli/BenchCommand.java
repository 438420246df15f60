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
 * results are the same), one indicator warm, and the bare DuckDB aggregate that yields the same counts (the floor).
 * Targets at scale 1: catalogue &lt;= 60 s, one indicator warm &lt;= 1 s, engine &lt;= 1.5 x the floor. Figures
 * only; nothing is asserted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the fixed cost of kvik run of one indicator (child processes, java -jar and engine/bin/kvik: "
                + "medians of each phase, wall and CPU, beside a bare JVM opening DuckDB), the whole catalogue (on 1 and on N threads), one indicator warm, and the bare "
                + "DuckDB aggregate floor on a store.")
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

    @Option(names = "--fixed-cost-only", description = "Print the fixed cost only (no catalogue, warm or floor timings).")
    boolean fixedCostOnly;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1, not " + repeat);
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        RunRequest request = RunCommand.request(period, null, 0);
        Indicator one = indicator == null ? catalogue.all().get(0) : catalogue.get(indicator);
        if (fixedCostRuns < 1) throw new IllegalArgumentException("--fixed-cost-runs must be at least 1, not " + fixedCostRuns);
        fixedCost(one, home);
        if (fixedCostOnly) return ExitCodes.OK;
        try (Connection connection = RunCommand.openStore(store, home)) {
            Engine engine = new Engine(connection);
            long t0 = System.nanoTime();
            long rows = 0;
            java.util.Map<String, Double> seconds = new java.util.LinkedHashMap<>();
            Indicator largestAdjusted = null;
            double largestCases = -1;
            java.util.List<ParallelRuns.Outcome<Timed>> serial = ParallelRuns.run(connection, 1, catalogue.all(),
                    (e, i) -> timed(e, i, request), o -> { });
            double catalogueSeconds = (System.nanoTime() - t0) / 1e9;
            for (ParallelRuns.Outcome<Timed> o : serial) {
                if (o.failed()) throw o.failure();
                Indicator i = o.indicator();
                java.util.List<no.kvik.engine.IndicatorResult> results = o.value().results();
                rows += results.size();
                seconds.put(i.id(), o.value().seconds());
                if (no.kvik.catalog.RiskModel.of(i.meta()) != null) {
                    // cases of the run: the national denominators of the single periods (rolling windows repeat them)
                    double cases = results.stream().filter(r -> r.level().equals("nation") && r.denominator() != null
                            && !r.periodLabel().matches("\\d{4}-\\d{4}")).mapToDouble(r -> r.denominator()).sum();
                    if (cases > largestCases) {
                        largestCases = cases;
                        largestAdjusted = i;
                    }
                }
            }
            System.out.printf("whole catalogue, all levels: %d indicators, %d result rows, %.2f s on 1 thread (target <= 60 s at scale 1)%n",
                    catalogue.all().size(), rows, catalogueSeconds);
            long p0 = System.nanoTime();
            java.util.List<ParallelRuns.Outcome<Timed>> parallel = ParallelRuns.run(connection, threads, catalogue.all(),
                    (e, i) -> timed(e, i, request), o -> { });
            double parallelSeconds = (System.nanoTime() - p0) / 1e9;
            boolean same = true;
            for (int k = 0; k < serial.size(); k++) {
                if (parallel.get(k).failed()) throw parallel.get(k).failure();
                same &= serial.get(k).value().results().equals(parallel.get(k).value().results());
            }
            System.out.printf("whole catalogue, all levels: %.2f s on %d threads (%.2f x the one-thread time); results %s%n",
                    parallelSeconds, threads, parallelSeconds / catalogueSeconds,
                    same ? "identical to one thread's" : "DIFFER from one thread's");
            if (rows == 0) {
                throw new IllegalArgumentException("no results in " + (period == null ? "the store" : period)
                        + ": nothing to time (ingest extracts first, or choose a period with data)");
            }
            seconds.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
                    .forEach(e -> System.out.printf("  slowest: %-40s %.2f s%n", e.getKey(), e.getValue()));

            // every indicator warm: run once, then timed right after, so its files are in DuckDB's and the OS's caches
            // (timing the second pass over the whole catalogue instead measured cache misses the other indicators
            // caused). Where the target is missed, the bare DuckDB aggregate (the floor) shows whether the
            // indicator's SQL or the engine takes the time
            java.util.List<Double> warmAll = new java.util.ArrayList<>();
            java.util.List<String> over = new java.util.ArrayList<>();
            for (Indicator i : catalogue.all()) {
                engine.run(i, request);
                long s = System.nanoTime();
                engine.run(i, request);
                double ms = (System.nanoTime() - s) / 1e6;
                warmAll.add(ms);
                if (ms > 1000) {
                    try (EngineRun run = engine.prepare(i, request)) {
                        long f0 = System.nanoTime();
                        floor(run);
                        over.add(String.format("%s %.0f ms (floor %.0f ms)", i.id(), ms, (System.nanoTime() - f0) / 1e6));
                    }
                }
            }
            System.out.printf("each indicator warm: %d of %d within 1000 ms, median %.0f ms%s%n",
                    warmAll.size() - over.size(), warmAll.size(),
                    median(warmAll.stream().mapToDouble(Double::doubleValue).toArray()),
                    over.isEmpty() ? "" : "; over: " + String.join(", ", over));

            if (largestAdjusted != null && largestCases > 0) {
                no.kvik.analysis.Analysis analysis = new no.kvik.analysis.Analysis(connection);
                analysis.run(largestAdjusted, request);
                long s = System.nanoTime();
                engine.run(largestAdjusted, request);
                double e = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                no.kvik.analysis.AnalysedIndicator a = analysis.run(largestAdjusted, request);
                double full = (System.nanoTime() - s) / 1e6;
                System.out.printf("risk model + funnels + trends (%s, %.0f cases, %d funnels): %.1f ms over the engine run "
                                + "(engine %.1f ms, analysed %.1f ms; warm)%n", largestAdjusted.id(), largestCases,
                        a.funnels().size(), full - e, e, full);
            }

            engine.run(one, request);
            double[] warm = new double[repeat];
            for (int k = 0; k < repeat; k++) {
                long s = System.nanoTime();
                engine.run(one, request);
                warm[k] = (System.nanoTime() - s) / 1e6;
            }
            double[] floor = new double[repeat];
            try (EngineRun run = engine.prepare(one, request)) {
                floor(run);
                for (int k = 0; k < repeat; k++) {
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

    /** An indicator's results and the seconds its run took. */
    record Timed(java.util.List<no.kvik.engine.IndicatorResult> results, double seconds) {
    }

    private static Timed timed(Engine engine, Indicator indicator, RunRequest request) throws Exception {
        long s = System.nanoTime();
        java.util.List<no.kvik.engine.IndicatorResult> results = engine.run(indicator, request);
        return new Timed(results, (System.nanoTime() - s) / 1e9);
    }

    /**
     * The floor for benchmarks: the bare DuckDB aggregate that yields the same counts as the run: the indicator
     * query reduced, mapped to the run's periods and aggregated with the GROUPING SETS sums in one statement, with no
     * Java work (no intervals, suppression or result records). Returns the number of aggregate rows.
     */
    static long floor(EngineRun run) throws java.sql.SQLException {
        String sql = "WITH _kvik_floor AS (" + Engine.reducedSql(run.indicator().sql().jdbcText(), false) + "), "
                + run.aggregateSql("_kvik_floor").substring("WITH ".length());
        long rows = 0;
        try (java.sql.PreparedStatement ps = run.prepareStatement(sql); java.sql.ResultSet rs = ps.executeQuery()) {
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
