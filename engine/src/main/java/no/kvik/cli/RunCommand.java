package no.kvik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.ParallelRuns;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.RunRequest;
import no.kvik.report.AnalysisFiles;
import no.kvik.store.Store;
import no.kvik.store.StoreScope;
import no.kvik.store.StoreManifest;
import no.kvik.report.ResultWriter;
import no.kvik.sql.OutOfMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs indicators on a store and writes the results in the result schema. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run indicators on a store at every level and write results (Parquet, CSV, JSON, xlsx).",
                "An indicator that fails is reported with its reason and left out; the others are written. An indicator "
                        + "whose risk model has no maximum-likelihood fit (separation) is fitted by Firth's penalised "
                        + "likelihood; one with no fit at all is reported crude (both said in the log and model.json).",
                "On several threads, an indicator that runs out of DuckDB's memory (--memory-limit) beside another is "
                        + "run again alone once the others are done; the log of the indicators after it waits for it.",
                "Exit codes: 0 every indicator ran, 1 some failed (listed at the end; when all failed nothing is written), "
                        + "2 usage error."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--indicator", paramLabel = "ID", split = ",",
            description = "Indicators to run (repeat or comma-separate); default all.")
    List<String> indicators = new ArrayList<>();

    @Option(names = "--period", paramLabel = "PERIOD",
            description = "Range to report: 2024, 2022-2024, 2024-H1 or 2024-T2 (default: every year in the store). "
                    + "Periods the store does not cover, or not for an indicator's follow-up, are left out and named.")
    String period;

    @Option(names = "--frequency", paramLabel = "F",
            description = "Report periods of this length instead of each indicator's own: tertial, half_year, year "
                    + "(indicators whose rows are yearly keep their own and say so).")
    String frequency;

    @Option(names = "--rolling", paramLabel = "YEARS", description = "Also report windows of this many whole years.")
    int rolling;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Parameter value for every indicator that declares it.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: gets results.* and charts/, which replace those of an earlier run only when "
                    + "this run has finished (a failed run leaves them as they were); other files there are left alone.")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Output formats (default all): ${COMPLETION-CANDIDATES}.")
    List<ResultWriter.Format> formats = new ArrayList<>(List.of(ResultWriter.Format.values()));

    @Option(names = "--no-analysis",
            description = "Skip risk adjustment, funnels, FDR and trends (engine rows only, no charts).")
    boolean noAnalysis;

    @Option(names = "--no-charts", description = "Do not write charts/ (funnel data, funnel and caterpillar charts).")
    boolean noCharts;

    @Option(names = "--threads", paramLabel = "N",
            description = "Indicators run at once, each on its own connection to the store (default: one per processor, "
                    + "here ${DEFAULT-VALUE}); while several run, DuckDB's threads are shared among them. Results and "
                    + "log lines are in catalogue order and the same for any N.")
    int threads = ParallelRuns.defaultThreads();

    @Override
    public Integer call() throws Exception {
        StartupTimings.mark("command_line");
        KvikHome home = KvikHome.locate();
        // a run of named indicators reads only their files and opens only what their SQL reads
        Contracts contracts = Contracts.load(home.contracts());
        Catalogue catalogue = indicators.isEmpty() ? Catalogue.load(home.indicators(), contracts)
                : Catalogue.loadOnly(home.indicators(), contracts, indicators);
        List<Indicator> selected = indicators.isEmpty() ? catalogue.all()
                : new LinkedHashSet<>(indicators).stream().map(catalogue::get).toList();
        StartupTimings.mark("catalogue");
        StoreScope scope = indicators.isEmpty() ? StoreScope.everything() : scope(selected, home);
        try (StoreOpening opening = StoreOpening.start(store, home, scope)) {
            return call(opening, selected);
        }
    }

    /**
     * What of the store a run of {@code selected} reads: their SQL, the reference tables of the engine's level mapping
     * ({@link Engine#LEVEL_TABLES}), and every contract of their sources' registries (the periods they may report
     * end where those contracts' coverage ends, {@link no.kvik.store.Store#COVERAGE_VIEW}).
     */
    static StoreScope scope(List<Indicator> selected, KvikHome home) throws SQLException {
        List<String> texts = new ArrayList<>();
        for (Indicator i : selected) texts.add(i.sql().text());
        texts.add(String.join(" ", Engine.LEVEL_TABLES));
        List<String> registries = selected.stream().flatMap(i -> i.meta().sources().stream()).distinct().toList();
        return StoreScope.reading(texts, registries, home.sql().resolve("reference"));
    }

    private Integer call(StoreOpening opening, List<Indicator> selected) throws Exception {
        for (Map.Entry<String, String> p : params.entrySet()) {
            List<Indicator> declaring = selected.stream().filter(i -> i.parameterTypes().containsKey(p.getKey())).toList();
            if (declaring.isEmpty()) {
                throw new IllegalArgumentException("--param " + p.getKey() + ": no selected indicator has that parameter");
            }
            // every value is checked before anything runs, so a bad one cannot stop a run half-way
            for (Indicator i : declaring) i.parameterValues(Map.of(p.getKey(), p.getValue()));
        }
        if (rolling < 0) throw new IllegalArgumentException("--rolling must be 0 or more years, not " + rolling);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        RunRequest request = request(period, frequency, rolling);
        List<IndicatorResult> all = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        StartupTimings.mark("checks");
        try (Connection connection = opening.connection(); RunOutput output = RunOutput.begin(out)) {
            StartupTimings.mark("store_open");
            failed.putAll(eachIndicator(connection, threads, selected, (engine, i) -> runOne(i, request, engine, output), all));
            StartupTimings.mark("indicators");
            if (failed.size() < selected.size()) {
                ResultWriter.write(connection, all, output.staging(), RunOutput.RESULTS, EnumSet.copyOf(formats));
                StartupTimings.mark("write");
                output.commit().forEach(f -> System.out.println("wrote " + f));
            }
            StartupTimings.mark("commit");
        }
        StartupTimings.mark("close");
        if (!failed.isEmpty()) {
            // with nothing to write, the earlier run's files stay as they were
            System.out.printf(failed.size() == selected.size() ? "every indicator failed; nothing written:%n"
                    : "%d of %d indicators failed (their rows are missing from the results):%n", failed.size(), selected.size());
            failed.forEach((id, reason) -> System.out.printf("  %s: %s%n", id, reason));
            return ExitCodes.DATA_ERRORS;
        }
        return ExitCodes.OK;
    }

    /** One indicator's part of a run: its rows and the log lines it printed. */
    record IndicatorOutput(List<IndicatorResult> rows, String log) {
    }

    /**
     * Runs every indicator through {@code one} on {@code threads} connections of the store (see {@link ParallelRuns}),
     * printing each one's log and adding its rows to {@code all} in the order of {@code selected}, whatever order
     * they finish in. One failing indicator never stops the others: its id and reason are printed and returned (in
     * that order) to be listed at the end.
     */
    static Map<String, String> eachIndicator(Connection store, int threads, List<Indicator> selected,
                                             ParallelRuns.Work<IndicatorOutput> one, List<IndicatorResult> all)
            throws SQLException {
        Map<String, String> failed = new LinkedHashMap<>();
        ParallelRuns.run(store, threads, selected, one, outcome -> {
            if (outcome.failed()) {
                Exception e = outcome.failure();
                if (e instanceof LoggedFailure logged) {
                    // what the indicator printed before it failed (e.g. periods cut by the range) comes first
                    System.out.print(logged.log);
                    e = (Exception) logged.getCause();
                }
                // DuckDB's out-of-memory error on one line, with kvik's options rather than DuckDB's SET statements
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : OutOfMemory.explain(e.getMessage());
                failed.put(outcome.indicator().id(), reason);
                System.out.printf("%-40s FAILED: %s%n", outcome.indicator().id(), reason);
            } else {
                System.out.print(outcome.value().log());
                all.addAll(outcome.value().rows());
            }
            System.out.flush();
        });
        return failed;
    }

    /** An indicator's failure, with the log lines it printed before it failed. */
    static final class LoggedFailure extends Exception {
        final String log;

        LoggedFailure(String log, Exception cause) {
            super(cause.getMessage(), cause);
            this.log = log;
        }
    }

    /** Runs one indicator, writes its charts and model.json; returns its rows and log lines. */
    private IndicatorOutput runOne(Indicator indicator, RunRequest request, Engine engine, RunOutput output)
            throws LoggedFailure {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter log = new java.io.PrintWriter(text);
        try {
            List<IndicatorResult> results = runOne(indicator, request, engine, output, log);
            log.flush();
            return new IndicatorOutput(results, text.toString());
        } catch (Exception e) {
            log.flush();
            throw new LoggedFailure(text.toString(), e);
        }
    }

    private List<IndicatorResult> runOne(Indicator indicator, RunRequest request, Engine engine, RunOutput output,
                                         java.io.PrintWriter log) throws Exception {
        Map<String, String> own = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (indicator.parameterTypes().containsKey(k)) own.put(k, v);
        });
        long t0 = System.nanoTime();
        RunRequest forIndicator = request.withParameters(own);
        if (request.frequency() != null && !indicator.meta().reportableBy(request.frequency())) {
            log.printf("%-40s reported by %s, not %s: its rows are yearly%n", indicator.id(),
                    indicator.meta().frequency().code(), request.frequency().code());
            forIndicator = forIndicator.withFrequency(null);
        }
        if (request.from() != null) {
            // periods cut by the range are not reported: say which, rather than leaving months out silently
            Frequency length = Engine.frequency(indicator.meta(), forIndicator);
            List<Period> whole = Periods.within(length, request.from(), request.to());
            List<String> cut = Periods.covering(length, request.from(), request.to().minusDays(1)).stream()
                    .filter(p -> !whole.contains(p)).map(Period::label).toList();
            if (!cut.isEmpty()) {
                log.printf("%-40s not reported: %s, only partly inside %s%n", indicator.id(),
                        String.join(", ", cut), period);
            }
        }
        List<IndicatorResult> results;
        boolean leftOut;
        try (EngineRun run = engine.prepare(indicator, forIndicator)) {
            if (noAnalysis) {
                results = run.results();
            } else {
                AnalysedIndicator analysed = Analysis.analyse(run, AnalysisOptions.defaults());
                results = analysed.results();
                if (analysed.model() != null && analysed.model().estimation().firth()) {
                    log.printf("%-40s risk model: %s%n", indicator.id(), analysed.model().estimation().summary());
                }
                if (analysed.crudeReason() != null) {
                    log.printf("%-40s reported crude: %s%n", indicator.id(), analysed.crudeReason());
                }
                if (!noCharts) {
                    try {
                        AnalysisFiles.write(analysed, output.staging().resolve(RunOutput.CHARTS));
                    } catch (IOException | RuntimeException e) {
                        // no half-written charts of a failed indicator
                        Folders.deleteTree(output.staging().resolve(RunOutput.CHARTS).resolve(indicator.id()));
                        throw e;
                    }
                }
                LocalDate lastEnd = analysed.results().stream().map(IndicatorResult::periodEnd)
                        .max(Comparator.naturalOrder()).orElse(null);
                for (var f : analysed.funnels()) {
                    // an empty funnel of the latest periods is said, not left as a blank chart
                    if (f.unitsPublished() == 0 && Periods.parse(f.periodLabel()).end().equals(lastEnd)) {
                        log.printf("  no funnel: %s %s %s: %s%n", indicator.id(), f.level(), f.periodLabel(),
                                f.emptyReason());
                    }
                }
                for (var alert : analysed.trendAlerts()) {
                    // a unit with hidden periods: its alert is on the row of toPeriod (its pooled window), without slope and p
                    String test = Double.isNaN(alert.p()) ? "slope and p not published (hidden periods)"
                            : String.format(java.util.Locale.ROOT, "ratio/period %.3f p %.4f", alert.ratioPerPeriod(), alert.p());
                    log.printf("  trend alert: %s %s %s (%s) %s-%s %s%n", alert.indicator(), alert.level(),
                            alert.unitId(), alert.unitName(), alert.fromPeriod(), alert.toPeriod(), test);
                }
            }
            leftOut = printLeftOut(run.leftOut(), indicator.id(), log);
        }
        if (results.isEmpty() && !leftOut) {
            String length = frequency != null ? frequency : indicator.meta().frequency().code();
            log.printf("%-40s no results: no cases in %s, or no whole %s period inside it%n", indicator.id(),
                    period == null ? "the store" : period, length);
        }
        log.printf("%-40s %6d rows %8.0f ms%n", indicator.id(), results.size(), (System.nanoTime() - t0) / 1e6);
        return results;
    }

    /**
     * Prints the periods a run left out because the store does not cover them (or not with the indicator's
     * follow-up), one line per reason; true when there were any.
     */
    static boolean printLeftOut(List<Engine.LeftOutPeriod> periods, String indicatorId, java.io.PrintWriter log) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Engine.LeftOutPeriod l : periods) {
            byReason.computeIfAbsent(l.reason(), r -> new ArrayList<>()).add(l.periodLabel());
        }
        byReason.forEach((reason, labels) -> log.printf("%-40s not reported: %s, %s%n", indicatorId,
                String.join(", ", labels), reason));
        return !byReason.isEmpty();
    }

    /** The request for a --period/--frequency/--rolling combination. */
    static RunRequest request(String period, String frequency, int rolling) {
        RunRequest r = RunRequest.allYears();
        if (period != null) {
            Period p = Periods.parse(period);
            r = RunRequest.between(p.start(), p.end());
        }
        if (frequency != null) r = r.withFrequency(Frequency.of(frequency));
        if (rolling > 0) r = r.withRollingYears(rolling);
        return r;
    }

    /** Opens an existing store (a missing folder is a usage error, not an empty store). */
    static Connection openStore(Path storeDir, KvikHome home) throws SQLException {
        return openStore(storeDir, home, StoreScope.everything());
    }

    /** As {@link #openStore(Path, KvikHome)}, creating only what {@code scope} names. */
    static Connection openStore(Path storeDir, KvikHome home, StoreScope scope) throws SQLException {
        if (!Files.isDirectory(storeDir)) throw new IllegalArgumentException("store folder not found: " + storeDir);
        if (!Files.isRegularFile(storeDir.resolve(StoreManifest.FILE_NAME))) {
            throw new IllegalArgumentException("not a store (no " + StoreManifest.FILE_NAME + "): " + storeDir);
        }
        return Store.open(storeDir, home, no.kvik.sql.DuckDb.Settings.DEFAULTS, scope);
    }
}
