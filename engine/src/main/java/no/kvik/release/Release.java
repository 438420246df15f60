package no.kvik.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.analysis.FunnelSummary;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ParallelRuns;
import no.kvik.engine.RunRequest;
import no.kvik.quality.QualityRow;
import no.kvik.sql.DuckDb;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;

/**
 * Computes every indicator due in a calendar edition on a store and freezes it in {@code OUT/<edition>/}:
 * results (Parquet, CSV, JSON), the subscriber workbook, definitions, findings, the financing view, every funnel,
 * revisions against the previous release in OUT, the HTML report, and the manifest. Every file is a
 * function of the inputs the manifest records (rows sorted, no timestamps or absolute paths).
 *
 * <p>A release is computed once into {@link ReleaseContents}; each file is then written by one
 * {@link ReleaseArtefact} of {@link #ARTEFACTS}, in that fixed order, into a staging folder that replaces the
 * release folder only when all are written.
 */
public final class Release {
    public static final String RESULTS = "results";
    public static final String DEFINITIONS = "definitions.json";
    public static final String SUBSCRIBER = "subscriber.xlsx";
    public static final String FINDINGS_JSON = "findings.json";
    public static final String FINDINGS_MD = "findings.md";
    public static final String FINANCING = "financing.json";
    public static final String REVISIONS = "revisions.json";
    public static final String REPORT = "report.html";

    /**
     * @param historyYears calendar years of history released up to the edition's data end (revised each time)
     * @param only         restrict to these due indicators (empty: all due)
     * @param threads      indicators computed at once, each on its own connection to the store; the release's files
     *                     are the same for any number (not recorded in the manifest)
     */
    public record Options(String edition, int historyYears, List<String> only, int threads) {
        public Options {
            if (historyYears < 1) throw new IllegalArgumentException("history years must be at least 1");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            only = only == null ? List.of() : List.copyOf(only);
        }

        /** Options computing on one thread per processor. */
        public Options(String edition, int historyYears, List<String> only) {
            this(edition, historyYears, only, ParallelRuns.defaultThreads());
        }
    }

    private Release() {
    }

    /** Order of frozen rows: indicator, period start, period end, level (hierarchy order), unit id. */
    static final Comparator<IndicatorResult> ROW_ORDER = Comparator.comparing(IndicatorResult::indicatorId)
            .thenComparing(IndicatorResult::periodStart).thenComparing(IndicatorResult::periodEnd)
            .thenComparing(r -> Level.of(r.level()).ordinal()).thenComparing(IndicatorResult::unitId);

    /** The period range released: whole years of history up to the data end. */
    static RunRequest request(Calendar.Edition edition, int historyYears) {
        LocalDate end = edition.dataEnd();
        int lastYear = end.minusDays(1).getYear();
        return RunRequest.between(LocalDate.of(lastYear - historyYears + 1, 1, 1), end);
    }

    /** Statistics settings of every release (recorded in the manifest). */
    static final AnalysisOptions ANALYSIS = AnalysisOptions.defaults();

    /**
     * The one place results are computed: the engine's levels, intervals, suppression and goal attainment,
     * with risk adjustment, funnel, FDR and trend columns filled by the analysis.
     */
    static AnalysedIndicator compute(EngineRun run) throws SQLException {
        return Analysis.analyse(run, ANALYSIS);
    }

    /** An indicator's progress lines: its failure, or its model's notes, rows and the periods not released. */
    private static void progress(ParallelRuns.Outcome<Computed> outcome, Consumer<String> progress, int done, int of) {
        String id = outcome.indicator().id();
        if (outcome.failed()) {
            progress.accept(String.format("%-45s FAILED: %s", id, reason(outcome.failure())));
            return;
        }
        AnalysedIndicator analysed = outcome.value().analysed();
        if (analysed.model() != null && analysed.model().estimation().firth()) {
            progress.accept(String.format("%-45s risk model: %s", id, analysed.model().estimation().summary()));
        }
        if (analysed.crudeReason() != null) {
            progress.accept(String.format("%-45s reported crude: %s", id, analysed.crudeReason()));
        }
        // the count shows how far a long release has got (the notebook's kvik.release prints these lines too)
        progress.accept(String.format("%-45s %6d rows  %d/%d indicators", id, analysed.results().size(), done, of));
        // periods of the edition's range the store does not cover (with the follow-up) are not released
        for (Engine.LeftOutPeriod l : outcome.value().leftOut()) {
            progress.accept(String.format("%-45s not released: %s, %s", id, l.periodLabel(), l.reason()));
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The funnel shown in the report: the latest own-length period's level with the most published units; when
     * no level has any, the level with the most units, whose reason (all suppressed or pooled) the report prints.
     */
    static FunnelSummary reportFunnel(AnalysedIndicator a, List<IndicatorResult> rows) {
        String latest = Findings.latestPeriod(rows, a.indicator().meta()).orElse(null);
        return a.funnels().stream().filter(f -> f.periodLabel().equals(latest))
                .max(Comparator.comparingInt(FunnelSummary::unitsPublished).thenComparingInt(FunnelSummary::unitsUsed)
                        .thenComparing(FunnelSummary::level))
                .orElse(null);
    }

    /**
     * A finished release.
     *
     * @param dir    its folder
     * @param failed indicators that failed, with the reason, in id order (empty when all ran); their rows are
     *               missing from the release, the manifest lists them under parameters.failed_indicators
     */
    public record Outcome(Path dir, Map<String, String> failed, Split split) {
        public Outcome {
            failed = java.util.Collections.unmodifiableMap(new TreeMap<>(failed));
            java.util.Objects.requireNonNull(split, "split");
        }

        public Outcome(Path dir, Map<String, String> failed) {
            this(dir, failed, Split.NONE);
        }
    }

    /**
     * Where a release's time went, for {@code kvik bench-release} (never written into the release).
     *
     * @param engineSeconds      seconds the indicators' engine runs took (reduction, periods, every level's results),
     *                           summed over the worker threads
     * @param analysisSeconds    seconds their analysis took beyond the engine run (risk model, funnels, FDR, trends),
     *                           summed over the worker threads
     * @param computeWallSeconds wall seconds of the parallel computation (engine and analysis of every indicator)
     * @param contentsSeconds    wall seconds of the rest of the contents (data quality, findings, financing)
     * @param writeSeconds       wall seconds of each artefact's writing, in the order written
     * @param engineByIndicator  each computed indicator's engine seconds (on its worker thread), by id
     */
    public record Split(double engineSeconds, double analysisSeconds, double computeWallSeconds, double contentsSeconds,
                        Map<String, Double> writeSeconds, Map<String, Double> engineByIndicator) {
        /** No split measured. */
        public static final Split NONE = new Split(0, 0, 0, 0, Map.of(), Map.of());

        public Split {
            writeSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writeSeconds));
            engineByIndicator = java.util.Collections.unmodifiableMap(new TreeMap<>(engineByIndicator));
        }

        public double writeTotalSeconds() {
            return writeSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Seconds since {@code startNanos}. */
    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Runs the release; returns its folder. Indicators that fail are reported through {@code progress}. */
    public static Path run(KvikHome home, Calendar calendar, Path storeDir, Path outRoot, Options options,
                           Consumer<String> progress) throws SQLException, IOException {
        return release(home, calendar, storeDir, outRoot, options, progress).dir();
    }

    /**
     * Runs the release. An exception in one indicator does not stop the others: it is reported through
     * {@code progress} with the indicator id and reason, and returned in {@link Outcome#failed()}.
     */
    public static Outcome release(KvikHome home, Calendar calendar, Path storeDir, Path outRoot, Options options,
                                  Consumer<String> progress) throws SQLException, IOException {
        return release(home, calendar, storeDir, outRoot, options, progress, Release::compute);
    }

    /** How one indicator's results are computed ({@link #compute}; tests plant a failure through it). */
    interface Computation {
        AnalysedIndicator compute(EngineRun run) throws SQLException;
    }

    /** One indicator computed: its analysis and the periods of the range the store did not cover. */
    private record Computed(AnalysedIndicator analysed, List<Engine.LeftOutPeriod> leftOut) {
    }

    /** Seconds spent in the phases of {@link #contents}, gathered from the worker threads. */
    private static final class Timing {
        final java.util.concurrent.atomic.DoubleAdder engine = new java.util.concurrent.atomic.DoubleAdder();
        final java.util.concurrent.atomic.DoubleAdder analysis = new java.util.concurrent.atomic.DoubleAdder();
        final Map<String, Double> engineByIndicator = new java.util.concurrent.ConcurrentHashMap<>();
        double computeWall;
        double contentsWall;
    }

    static Outcome release(KvikHome home, Calendar calendar, Path storeDir, Path outRoot, Options options,
                           Consumer<String> progress, Computation computation) throws SQLException, IOException {
        Calendar.Edition edition = calendar.get(options.edition());
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        List<Indicator> due = edition.dueIndicators(catalogue);
        if (!options.only().isEmpty()) {
            List<String> notDue = options.only().stream().filter(id -> due.stream().noneMatch(i -> i.id().equals(id))).toList();
            if (!notDue.isEmpty()) throw new IllegalArgumentException("not due in edition " + edition.id() + ": " + notDue);
        }
        List<Indicator> selected = options.only().isEmpty() ? due
                : due.stream().filter(i -> options.only().contains(i.id())).toList();
        if (selected.isEmpty()) throw new IllegalArgumentException("edition " + edition.id() + " has no due indicators");
        if (!Files.isDirectory(storeDir)) throw new IllegalArgumentException("store folder not found: " + storeDir);

        // built in a staging folder and swapped in only when complete: a failed run leaves an earlier run
        // of the same release intact
        Path target = outRoot.resolve(edition.id());
        checkReplaceable(target);
        Path dir = outRoot.resolve("." + edition.id() + ".partial");
        Folders.deleteTree(dir);
        ReleaseContents contents;
        Timing timing = new Timing();
        Map<String, Double> writeSeconds = new LinkedHashMap<>();
        // results, data quality and the manifest's store inputs all come from the one store generation opened here
        // one thread per connection: parallel aggregation may add doubles (expected counts) in a varying order, and
        // a release must be reproducible to the last bit
        long o0 = System.nanoTime();
        try (Connection connection = Store.open(storeDir, home, DuckDb.Settings.DEFAULTS.withThreads(1))) {
            no.kvik.config.Timings.since("release_store_open", o0);
            contents = contents(home, calendar, edition, catalogue, selected, storeDir, outRoot, options, connection,
                    progress, computation, timing);
            Files.createDirectories(dir);
            ReleaseArtefact.Staging staging = new ReleaseArtefact.Staging(dir, connection);
            for (ReleaseArtefact artefact : ARTEFACTS) {
                long w0 = System.nanoTime();
                artefact.write(contents, staging);
                writeSeconds.merge(artefact.getClass().getSimpleName(), since(w0), Double::sum);
            }
        }
        swapIn(dir, target);
        Map<String, String> failed = contents.failed();
        if (!failed.isEmpty()) {
            progress.accept(failed.size() + " of " + selected.size() + " indicators failed (their rows are missing from the release):");
            failed.forEach((id, reason) -> progress.accept("  " + id + ": " + reason));
        }
        return new Outcome(target, failed, new Split(timing.engine.sum(), timing.analysis.sum(), timing.computeWall,
                timing.contentsWall, writeSeconds, timing.engineByIndicator));
    }

    /** The artefacts of every release, in the order they are written ({@link ReleaseArtefacts}). */
    static final List<ReleaseArtefact> ARTEFACTS = ReleaseArtefacts.IN_ORDER;

    /**
     * Computes what a release holds on the open store: each selected indicator's rows (an indicator that fails is
     * reported through {@code progress} and kept in {@link ReleaseContents#failed()}; when all fail, an
     * {@link IllegalStateException} naming them), definitions, manifest
     * entries, the report's funnels, every funnel in its released form, findings (with the data-quality caveats of the sources the indicators read),
     * the financing view, the store's deliveries, and the earlier release to compare with.
     */
    private static ReleaseContents contents(KvikHome home, Calendar calendar, Calendar.Edition edition, Catalogue catalogue,
                                            List<Indicator> selected, Path storeDir, Path outRoot, Options options,
                                            Connection connection, Consumer<String> progress, Computation computation,
                                            Timing timing)
            throws SQLException, IOException {
        RunRequest request = request(edition, options.historyYears());
        // first: a reference error refuses the release before its indicators are computed
        Map<String, String> hospitalRhf = hospitalRhf(connection);
        Map<String, IndicatorMeta> metas = new TreeMap<>();
        List<Definition> definitions = new ArrayList<>();
        List<ReleaseManifest.IndicatorEntry> entries = new ArrayList<>();
        Map<String, List<IndicatorResult>> byIndicator = new LinkedHashMap<>();
        List<IndicatorResult> all = new ArrayList<>();
        Map<String, FunnelSummary> funnels = new TreeMap<>();
        List<ReleasedFunnels.Funnel> released = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        no.kvik.store.SqlDependencies dependencies = no.kvik.store.SqlDependencies.of(home.sql().resolve("reference"));
        DefinitionHash definitionHash = DefinitionHash.of(home, dependencies);
        // indicators are computed in parallel on connections of their own; everything below reads the outcomes in
        // the order of selected, so the release's files are those of a serial run
        long c0 = System.nanoTime();
        List<ParallelRuns.Outcome<Computed>> outcomes = ParallelRuns.run(connection, options.threads(), selected,
                (engine, indicator) -> {
                    long e0 = System.nanoTime();
                    try (EngineRun run = engine.prepare(indicator, request)) {
                        // the engine's results first (the run keeps them and the analysis starts from them), so the
                        // split between engine and analysis can be timed; the results are the same either way
                        run.results();
                        long a0 = System.nanoTime();
                        timing.engine.add((a0 - e0) / 1e9);
                        timing.engineByIndicator.put(indicator.id(), (a0 - e0) / 1e9);
                        Computed computed = new Computed(computation.compute(run), run.leftOut());
                        timing.analysis.add(since(a0));
                        return computed;
                    }
                }, new Consumer<>() {
                    private int done;

                    @Override
                    public void accept(ParallelRuns.Outcome<Computed> outcome) {
                        progress(outcome, progress, ++done, selected.size());
                    }
                });
        timing.computeWall = since(c0);
        long r0 = System.nanoTime();
        for (int k = 0; k < selected.size(); k++) {
            Indicator indicator = selected.get(k);
            ParallelRuns.Outcome<Computed> outcome = outcomes.get(k);
            if (outcome.failed()) {
                failed.put(indicator.id(), reason(outcome.failure()));
                continue;
            }
            AnalysedIndicator analysed = outcome.value().analysed();
            List<IndicatorResult> rows = new ArrayList<>(analysed.results());
            rows.sort(ROW_ORDER);
            FunnelSummary funnel = reportFunnel(analysed, rows);
            if (funnel != null) funnels.put(indicator.id(), funnel);
            // every funnel of every level and period, for the statistics views (funnels.json)
            for (FunnelSummary f : analysed.funnels()) released.add(ReleasedFunnels.of(indicator.id(), f));
            byIndicator.put(indicator.id(), rows);
            all.addAll(rows);
            metas.put(indicator.id(), indicator.meta());
            // the indicator's SQL and the reference macros and views it reads: a changed macro is a changed definition
            String sqlHash = definitionHash.sqlSha256(indicator);
            String metaHash = ReleaseFiles.sha256(metadataFile(indicator));
            definitions.add(Definition.of(indicator.meta(), sqlHash, metaHash, SubscriberWorkbook.sheetName(indicator.id(),
                    definitions.stream().map(Definition::sheet).collect(Collectors.toSet()))));
            entries.add(new ReleaseManifest.IndicatorEntry(indicator.id(), indicator.meta().version(), sqlHash, metaHash, rows.size()));
        }
        if (failed.size() == selected.size()) {
            // nothing to release: fail as a whole (before the staging folder is made), so an earlier run of this
            // release stays as it was
            throw new IllegalStateException("every indicator of edition " + edition.id() + " failed: "
                    + failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        long t = no.kvik.config.Timings.since("release_results_order", r0);
        StoreManifest storeManifest = Store.manifest(connection);
        List<ReleaseManifest.StoreInput> inputs = storeInputs(storeManifest);

        // the data-quality lines of the sources the indicators read, computed once per store state and reused by the
        // next editions (ReleaseQuality); the same lines as the whole store's report filtered to those sources
        Set<String> contractsRead = contractsReadBy(storeManifest.deliveries().stream()
                        .map(StoreManifest.Delivery::contractId).distinct().toList(), selected, dependencies);
        List<QualityRow> quality = ReleaseQuality.lines(connection, storeDir, home, contractsRead, options.threads()).stream()
                .filter(q -> inRange(q.period(), request)).toList();
        t = no.kvik.config.Timings.since("release_quality", t);
        Findings findings = Findings.of(edition.id(), all, metas, quality);
        t = no.kvik.config.Timings.since("release_findings", t);
        int year = edition.published().getYear();
        List<String> financingIds = Financing.loadIndicators(home.sql().resolve("calendar").resolve(Financing.FILE), catalogue)
                .getOrDefault(year, List.of());
        Financing financing = Financing.of(year, financingIds, all, metas, hospitalRhf);
        Optional<Path> previous = previousRelease(calendar, edition, outRoot);
        no.kvik.config.Timings.since("release_financing", t);
        timing.contentsWall = since(r0);
        return new ReleaseContents(edition, options, request, catalogue, catalogueVersion(catalogue, definitionHash),
                definitions, entries, byIndicator, all, funnels, released, failed, inputs, findings, financing, previous);
    }

    /** Replaces {@code target} with the complete staging folder; the old release is removed only after. */
    private static void swapIn(Path staging, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old");
        Folders.deleteTree(old);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteTree(old);
    }

    /** The release folder may be replaced: it is new, empty, or an earlier run of the same release (with a manifest). */
    private static void checkReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.toList();
            if (!files.isEmpty() && !Files.exists(dir.resolve(ReleaseManifest.FILE))) {
                throw new IllegalArgumentException(dir + " exists, is not empty and is not a kvik release; refusing to overwrite");
            }
            for (Path f : files) {
                if (Files.isDirectory(f)) throw new IllegalArgumentException(dir + " holds a folder " + f.getFileName() + "; refusing to overwrite");
            }
        }
    }

    private static Path metadataFile(Indicator indicator) {
        return indicator.metaFile();
    }

    private static boolean inRange(String period, RunRequest request) {
        if (period == null || !period.matches("\\d{4}(-T[1-3])?")) return false;
        int year = Integer.parseInt(period.substring(0, 4));
        LocalDate start = period.length() == 4 ? LocalDate.of(year, 1, 1)
                : LocalDate.of(year, 1 + 4 * (period.charAt(6) - '1'), 1);
        LocalDate end = start.plusMonths(period.length() == 4 ? 12 : 4);
        return !start.isBefore(request.from()) && !end.isAfter(request.to());
    }

    /**
     * The contracts among {@code contractIds} whose view some indicator reads, in its own SQL or through the reference
     * macros and views it calls (quality caveats only concern the sources used). Matching each quality row's contract
     * against every SQL text, as before, took minutes for a release of 131 indicators and missed the sources an
     * indicator reads through a macro (AMI reads npr_somatic only through one).
     */
    static Set<String> contractsReadBy(java.util.Collection<String> contractIds, List<Indicator> indicators,
                                       no.kvik.store.SqlDependencies dependencies) {
        Set<String> named = new java.util.HashSet<>();
        for (Indicator i : indicators) named.addAll(dependencies.closure(i.sql().text()).names());
        Set<String> read = new java.util.TreeSet<>();
        for (String c : contractIds) {
            if (c != null && (named.contains(c.toLowerCase(java.util.Locale.ROOT))
                    || named.contains(c.toLowerCase(java.util.Locale.ROOT) + "_all"))) {
                read.add(c);
            }
        }
        return read;
    }

    /**
     * The RHF of each hospital, for the financing view. A hospital under two RHFs in the reference data has no one RHF
     * to credit (a map would keep whichever row came last): refused with an {@link IllegalStateException} naming the
     * hospital and the rows of the reference files that place it.
     */
    static Map<String, String> hospitalRhf(Connection connection) throws SQLException {
        String tied = "SELECT hospital_id FROM ref_level_provider WHERE hospital_id IS NOT NULL AND rhf_id IS NOT NULL "
                + "GROUP BY hospital_id HAVING count(DISTINCT rhf_id) > 1";
        Map<String, List<String>> placesByHospital = new TreeMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT hospital_id, 'RHFs ' || string_agg(DISTINCT rhf_id, ', ' ORDER BY rhf_id) FROM ref_level_provider "
                        + "WHERE rhf_id IS NOT NULL AND hospital_id IN (" + tied + ") GROUP BY hospital_id")) {
            while (rs.next()) placesByHospital.computeIfAbsent(rs.getString(1), h -> new ArrayList<>()).add(rs.getString(2));
        }
        if (placesByHospital.isEmpty()) return hospitalsUnderOneRhf(connection);
        // the rows of the hospital file that place each tied hospital (a private specialist, a hospital of its own,
        // cannot be tied: listed under two agreements it would repeat its organisation number, which building the
        // level tables refuses, reference.LevelTables)
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT behsh, 'data/reference/behandlingssteder_skde_behandler.csv rows "
                     + "(orgnr,behsh,behrhf) ' || string_agg(concat_ws(',', orgnr, behsh, behrhf), '; ' ORDER BY orgnr, behrhf) "
                     + "FROM ref_behandlingssteder_skde_behandler WHERE orgnr IS NOT NULL AND behrhf IS NOT NULL "
                     + "AND behsh IN (" + tied + ") GROUP BY behsh ORDER BY 1, 2")) {
            while (rs.next()) placesByHospital.get(rs.getString(1)).add(rs.getString(2));
        }
        throw new IllegalStateException("the financing view credits each hospital to one RHF, but "
                + placesByHospital.entrySet().stream().map(e -> "hospital " + e.getKey() + " lies under "
                        + e.getValue().get(0) + (e.getValue().size() == 1 ? ""
                        : ": " + String.join(" and ", e.getValue().subList(1, e.getValue().size()))))
                .collect(Collectors.joining("; "))
                + ". Keep the RHF the hospital belongs to in the reference data");
    }

    /** Hospital id → RHF id of the provider levels, where no hospital lies under two RHFs. */
    private static Map<String, String> hospitalsUnderOneRhf(Connection connection) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT hospital_id, rhf_id FROM ref_level_provider "
                     + "WHERE hospital_id IS NOT NULL AND rhf_id IS NOT NULL")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    /** SHA-256 over every indicator's id, version, definition SQL hash ({@link DefinitionHash}) and metadata hash. */
    static String catalogueVersion(Catalogue catalogue, DefinitionHash definitionHash) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Indicator i : catalogue.all().stream().sorted(Comparator.comparing(Indicator::id)).toList()) {
            sb.append(i.id()).append(' ').append(i.meta().version()).append(' ').append(definitionHash.sqlSha256(i))
              .append(' ').append(ReleaseFiles.sha256(metadataFile(i))).append('\n');
        }
        return ReleaseFiles.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<ReleaseManifest.StoreInput> storeInputs(StoreManifest m) {
        List<ReleaseManifest.StoreInput> out = new ArrayList<>();
        for (StoreManifest.Delivery d : m.deliveries()) {
            out.add(new ReleaseManifest.StoreInput(d.contractId(), d.contractVersion(), d.sourceFile(), d.sha256(), d.rowsStored(), "accepted"));
        }
        for (StoreManifest.Rejection r : m.rejected()) {
            out.add(new ReleaseManifest.StoreInput(r.contractId(), null, r.sourceFile(), r.sha256(), 0, "rejected"));
        }
        return out;
    }

    /** The latest release folder in {@code outRoot} of an edition published before {@code edition}. */
    static Optional<Path> previousRelease(Calendar calendar, Calendar.Edition edition, Path outRoot) {
        List<Calendar.Edition> earlier = calendar.editions().stream()
                .filter(e -> e.published().isBefore(edition.published())).collect(Collectors.toList());
        for (int k = earlier.size() - 1; k >= 0; k--) {
            Path p = outRoot.resolve(earlier.get(k).id());
            if (Files.exists(p.resolve(ReleaseManifest.FILE))) return Optional.of(p);
        }
        return Optional.empty();
    }
}
