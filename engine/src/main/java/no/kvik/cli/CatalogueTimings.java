package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.catalog.Indicator;
import no.kvik.config.Folders;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ParallelRuns;
import no.kvik.engine.RunRequest;
import no.kvik.report.ResultWriter;

/**
 * The whole catalogue timed the way {@code kvik run} does it (engine run, analysis, result files), with the time of
 * each part per indicator, so {@code kvik bench} can say where the time goes. Figures only; nothing is asserted.
 */
final class CatalogueTimings {

    private CatalogueTimings() {
    }

    /**
     * One indicator's part of a timed run.
     *
     * @param results    its analysed rows
     * @param engineMs   the engine run: case rows reduced, periods planned, aggregated at every level
     * @param analysisMs what the analysis adds (risk model, funnels, FDR, trends) on the open run
     * @param cpuMs      the process's CPU time over both (DuckDB's threads included; on one thread nearly all of it
     *                   is this indicator's, and it depends far less on other processes' load than wall time)
     */
    record IndicatorTiming(Indicator indicator, List<IndicatorResult> results, double engineMs, double analysisMs,
                           double cpuMs) {
        double totalMs() {
            return engineMs + analysisMs;
        }
    }

    /**
     * A timed catalogue run: each indicator's timing (in catalogue order), the wall time of the indicators on
     * their threads, and of writing every result format of all rows (as {@code kvik run} does after them), and the
     * process CPU seconds of both.
     */
    record CatalogueRun(List<IndicatorTiming> indicators, int threads, double indicatorsSeconds, double writeSeconds,
                        double cpuSeconds) {
        double engineSeconds() {
            return indicators.stream().mapToDouble(IndicatorTiming::engineMs).sum() / 1e3;
        }

        double analysisSeconds() {
            return indicators.stream().mapToDouble(IndicatorTiming::analysisMs).sum() / 1e3;
        }

        long rows() {
            return indicators.stream().mapToLong(t -> t.results().size()).sum();
        }

        List<IndicatorResult> results() {
            List<IndicatorResult> all = new ArrayList<>();
            for (IndicatorTiming t : indicators) all.addAll(t.results());
            return all;
        }

        /** Indicators, engine, analysis and CPU seconds summed per area (the indicators' {@code area}), in name order. */
        Map<String, double[]> byArea() {
            Map<String, double[]> out = new TreeMap<>();
            for (IndicatorTiming t : indicators) {
                double[] sums = out.computeIfAbsent(t.indicator().meta().area(), a -> new double[4]);
                sums[0]++;
                sums[1] += t.engineMs() / 1e3;
                sums[2] += t.analysisMs() / 1e3;
                sums[3] += t.cpuMs() / 1e3;
            }
            return out;
        }
    }

    /** Runs and analyses {@code indicators} on {@code threads} connections, then writes all rows once (to a temp folder). */
    static CatalogueRun run(Connection store, int threads, List<Indicator> indicators, RunRequest request)
            throws Exception {
        long c = processCpuNanos();
        long s = System.nanoTime();
        List<ParallelRuns.Outcome<IndicatorTiming>> outcomes = ParallelRuns.run(store, threads, indicators,
                (engine, i) -> timed(engine, i, request), o -> {
                    // progress on stderr, in catalogue order, so a long bench shows where it is
                    if (!o.failed()) {
                        System.err.printf(java.util.Locale.ROOT, "  %-44s %7d rows  engine %7.0f ms  analysis %7.0f ms  cpu %7.0f ms%n",
                                o.indicator().id(), o.value().results().size(), o.value().engineMs(), o.value().analysisMs(),
                                o.value().cpuMs());
                    }
                });
        double indicatorsSeconds = (System.nanoTime() - s) / 1e9;
        List<IndicatorTiming> timings = new ArrayList<>();
        for (ParallelRuns.Outcome<IndicatorTiming> o : outcomes) {
            if (o.failed()) throw new IllegalStateException(o.indicator().id() + " failed: " + o.failure().getMessage(), o.failure());
            timings.add(o.value());
        }
        List<IndicatorResult> all = new ArrayList<>();
        for (IndicatorTiming t : timings) all.addAll(t.results());
        Path dir = Files.createTempDirectory("kvik-bench-results-");
        try {
            long w = System.nanoTime();
            ResultWriter.write(store, all, dir, RunOutput.RESULTS, EnumSet.allOf(ResultWriter.Format.class));
            double writeSeconds = (System.nanoTime() - w) / 1e9;
            return new CatalogueRun(List.copyOf(timings), threads, indicatorsSeconds, writeSeconds,
                    (processCpuNanos() - c) / 1e9);
        } finally {
            Folders.deleteTree(dir);
        }
    }

    /** One indicator's engine run and analysis on an open run, timed apart. */
    static IndicatorTiming timed(Engine engine, Indicator indicator, RunRequest request) throws SQLException {
        long c = processCpuNanos();
        long s = System.nanoTime();
        try (EngineRun run = engine.prepare(indicator, request)) {
            run.results();
            long e = System.nanoTime();
            AnalysedIndicator analysed = Analysis.analyse(run, AnalysisOptions.defaults());
            long a = System.nanoTime();
            return new IndicatorTiming(indicator, analysed.results(), (e - s) / 1e6, (a - e) / 1e6,
                    (processCpuNanos() - c) / 1e6);
        }
    }

    /** The process's CPU time so far (every thread, DuckDB's native ones included); 0 where the JVM cannot say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
