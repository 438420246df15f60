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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import no.kvik.config.KvikVersion;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.report.ReleaseReport;
import no.kvik.report.ResultWriter;
import no.kvik.sql.DuckDb;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;

/**
 * Computes every indicator due in a calendar edition on a store and freezes it in {@code OUT/<edition>/}:
 * results (Parquet, CSV, JSON), the subscriber workbook, definitions, findings, the financing view,
 * revisions against the previous release in OUT, the HTML report, and the manifest. Every file is a
 * function of the inputs the manifest records (rows sorted, no timestamps or absolute paths).
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
     */
    public record Options(String edition, int historyYears, List<String> only) {
        public Options {
            if (historyYears < 1) throw new IllegalArgumentException("history years must be at least 1");
            only = only == null ? List.of() : List.copyOf(only);
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
    static AnalysedIndicator compute(Connection connection, Indicator indicator, RunRequest request) throws SQLException {
        return new Analysis(connection).run(indicator, request, ANALYSIS);
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
    public record Outcome(Path dir, Map<String, String> failed) {
        public Outcome {
            failed = java.util.Collections.unmodifiableMap(new TreeMap<>(failed));
        }
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
        AnalysedIndicator compute(Connection connection, Indicator indicator, RunRequest request) throws SQLException;
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
        Files.createDirectories(dir);
        RunRequest request = request(edition, options.historyYears());
        Map<String, IndicatorMeta> metas = new TreeMap<>();
        List<Definition> definitions = new ArrayList<>();
        List<ReleaseManifest.IndicatorEntry> entries = new ArrayList<>();
        Map<String, List<IndicatorResult>> byIndicator = new LinkedHashMap<>();
        List<IndicatorResult> all = new ArrayList<>();
        Map<String, FunnelSummary> funnels = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        Map<String, String> hospitalRhf;
        List<QualityRow> storeQuality;
        List<ReleaseManifest.StoreInput> inputs;
        // results, data quality and the manifest's store inputs all come from the one store generation opened here
        // one thread: parallel aggregation may add doubles (expected counts) in a varying order, and a
        // release must be reproducible to the last bit
        try (Connection connection = Store.open(storeDir, home, DuckDb.Settings.DEFAULTS.withThreads(1))) {
            for (int k = 0; k < selected.size(); k++) {
                Indicator indicator = selected.get(k);
                AnalysedIndicator analysed;
                try {
                    analysed = computation.compute(connection, indicator, request);
                } catch (Exception e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    failed.put(indicator.id(), reason);
                    progress.accept(String.format("%-45s FAILED: %s", indicator.id(), reason));
                    continue;
                }
                if (analysed.model() != null && analysed.model().estimation().firth()) {
                    progress.accept(String.format("%-45s risk model: %s", indicator.id(), analysed.model().estimation().summary()));
                }
                if (analysed.crudeReason() != null) {
                    progress.accept(String.format("%-45s reported crude: %s", indicator.id(), analysed.crudeReason()));
                }
                List<IndicatorResult> rows = new ArrayList<>(analysed.results());
                rows.sort(ROW_ORDER);
                FunnelSummary funnel = reportFunnel(analysed, rows);
                if (funnel != null) funnels.put(indicator.id(), funnel);
                progress.accept(String.format("%-45s %6d rows", indicator.id(), rows.size()));
                // periods of the edition's range the store does not cover (with the follow-up) are not released
                for (no.kvik.engine.Engine.LeftOutPeriod l : new no.kvik.engine.Engine(connection).leftOutByLastRun()) {
                    progress.accept(String.format("%-45s not released: %s, %s", indicator.id(), l.periodLabel(), l.reason()));
                }
                byIndicator.put(indicator.id(), rows);
                all.addAll(rows);
                metas.put(indicator.id(), indicator.meta());
                String sqlHash = ReleaseFiles.sha256(indicator.sqlFile());
                String metaHash = ReleaseFiles.sha256(metadataFile(indicator));
                definitions.add(Definition.of(indicator.meta(), sqlHash, metaHash, SubscriberWorkbook.sheetName(indicator.id(), k)));
                entries.add(new ReleaseManifest.IndicatorEntry(indicator.id(), indicator.meta().version(), sqlHash, metaHash, rows.size()));
            }
            if (failed.size() == selected.size()) {
                // nothing to release: fail as a whole, so an earlier run of this release stays as it was
                Folders.deleteTree(dir);
                throw new IllegalStateException("every indicator of edition " + edition.id() + " failed: "
                        + failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
            }
            hospitalRhf = hospitalRhf(connection);
            ResultWriter.write(connection, all, dir, RESULTS,
                    EnumSet.of(ResultWriter.Format.PARQUET, ResultWriter.Format.CSV, ResultWriter.Format.JSON));
            storeQuality = QualityReport.build(connection, storeDir, home, QualityReport.Expected.STORE).rows();
            inputs = storeInputs(Store.manifest(connection));
        }
        ReleaseFiles.writeJson(dir.resolve(DEFINITIONS), definitions);
        SubscriberWorkbook.write(dir.resolve(SUBSCRIBER), definitions, byIndicator, edition.published());

        List<QualityRow> quality = storeQuality.stream()
                .filter(q -> inRange(q.period(), request) && readBy(q.contractId(), selected)).toList();
        Findings findings = Findings.of(edition.id(), all, metas, quality);
        ReleaseFiles.writeJson(dir.resolve(FINDINGS_JSON), findings);
        Files.writeString(dir.resolve(FINDINGS_MD), findings.markdown());

        int year = edition.published().getYear();
        List<String> financingIds = Financing.loadIndicators(home.sql().resolve("calendar").resolve(Financing.FILE), catalogue)
                .getOrDefault(year, List.of());
        Financing financing = Financing.of(year, financingIds, all, metas, hospitalRhf);
        ReleaseFiles.writeJson(dir.resolve(FINANCING), financing);

        Optional<Path> previous = previousRelease(calendar, edition, outRoot);
        Revisions revisions = null;
        if (previous.isPresent()) {
            revisions = Revisions.compare(previous.get(), dir, entries);
            ReleaseFiles.writeJson(dir.resolve(REVISIONS), revisions);
        }
        ReleaseReport.write(dir.resolve(REPORT), edition, definitions, byIndicator, funnels, findings, financing, revisions);

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("history_years", options.historyYears());
        parameters.put("period_from", request.from().toString());
        parameters.put("period_to", request.to().toString());
        parameters.put("only", options.only());
        parameters.put("findings_alpha", Findings.ALPHA);
        parameters.put("findings_low_completeness", Findings.LOW_COMPLETENESS);
        parameters.put("financing_weights", Map.of("placement", Financing.PLACEMENT_WEIGHT, "completeness", Financing.COMPLETENESS_WEIGHT));
        parameters.put("analysis", ReleaseFiles.JSON.convertValue(ANALYSIS, Map.class));
        parameters.put("duckdb_threads", 1);
        parameters.put("previous_release", previous.map(p -> p.getFileName().toString()).orElse(null));
        // only when some failed, so that the manifests of complete releases are as before
        if (!failed.isEmpty()) parameters.put("failed_indicators", failed);
        ReleaseManifest manifest = new ReleaseManifest(ReleaseManifest.FORMAT_VERSION, edition.id(),
                edition.published().toString(), edition.dataEnd().toString(), KvikVersion.VERSION,
                catalogueVersion(catalogue), parameters, entries, inputs, fileEntries(dir));
        ReleaseFiles.writeJson(dir.resolve(ReleaseManifest.FILE), manifest);
        swapIn(dir, target);
        if (!failed.isEmpty()) {
            progress.accept(failed.size() + " of " + selected.size() + " indicators failed (their rows are missing from the release):");
            failed.forEach((id, reason) -> progress.accept("  " + id + ": " + reason));
        }
        return new Outcome(target, failed);
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
        String name = indicator.sqlFile().getFileName().toString();
        return indicator.sqlFile().resolveSibling(name.substring(0, name.length() - ".sql".length()) + ".json");
    }

    private static boolean inRange(String period, RunRequest request) {
        if (period == null || !period.matches("\\d{4}(-T[1-3])?")) return false;
        int year = Integer.parseInt(period.substring(0, 4));
        LocalDate start = period.length() == 4 ? LocalDate.of(year, 1, 1)
                : LocalDate.of(year, 1 + 4 * (period.charAt(6) - '1'), 1);
        LocalDate end = start.plusMonths(period.length() == 4 ? 12 : 4);
        return !start.isBefore(request.from()) && !end.isAfter(request.to());
    }

    /** True when an indicator's SQL reads the contract's view (quality caveats only concern the sources used). */
    private static boolean readBy(String contractId, List<Indicator> indicators) {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(contractId) + "\\b");
        return contractId != null && indicators.stream().anyMatch(i -> word.matcher(i.sql().text()).find());
    }

    private static Map<String, String> hospitalRhf(Connection connection) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT hospital_id, rhf_id FROM ref_level_provider "
                     + "WHERE hospital_id IS NOT NULL AND rhf_id IS NOT NULL")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }

    static String catalogueVersion(Catalogue catalogue) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Indicator i : catalogue.all().stream().sorted(Comparator.comparing(Indicator::id)).toList()) {
            sb.append(i.id()).append(' ').append(i.meta().version()).append(' ').append(ReleaseFiles.sha256(i.sqlFile()))
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

    private static List<ReleaseManifest.FileEntry> fileEntries(Path dir) throws IOException {
        List<ReleaseManifest.FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                if (f.getFileName().toString().equals(ReleaseManifest.FILE)) continue;
                out.add(new ReleaseManifest.FileEntry(f.getFileName().toString(), ReleaseFiles.sha256(f), Files.size(f)));
            }
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
