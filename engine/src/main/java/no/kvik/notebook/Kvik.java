package no.kvik.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.oecd.OecdDelivery;
import no.kvik.oecd.StandardChoice;
import no.kvik.quality.QualityReport;
import no.kvik.release.Calendar;
import no.kvik.release.Release;
import no.kvik.sql.DuckDb;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;
import no.kvik.synth.Synthesizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The notebook entry point: a store opened for analysis, with the indicator catalogue. Reads like the
 * analyst's question and needs no SQL:
 * <pre>
 * Kvik kvik = Kvik.open();                               // the synthetic default store (built if missing)
 * var ami = kvik.indicator("ami_30d_survival").years(2021, 2024);
 * ami.level("hospital").table();  ami.funnel();  ami.trend();  ami.sql();
 * </pre>
 * Runs are cached per indicator and request, so re-running a cell or going back to an earlier parameter is
 * instant. One connection, one run at a time (the engine uses temp tables): methods are synchronized.
 */
public final class Kvik implements AutoCloseable {
    /** Scale, years and seed of the synthetic default store (the {@code kvik synth} defaults). */
    static final double DEFAULT_SCALE = 0.02;
    static final int FIRST_YEAR = 2019;
    static final int LAST_YEAR = 2024;
    static final long SEED = 42;

    /** Every Kvik not yet closed (weakly held), for {@link #cancelRunningQueries()}. */
    private static final java.util.Set<Kvik> OPEN = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private final KvikHome home;
    private final Path store;
    private final CancellableConnection cancellable;
    private final Connection connection;
    private final Catalogue catalogue;
    private final Engine engine;
    private final Map<RunKey, List<IndicatorResult>> runs = new HashMap<>();
    private final Map<AnalysisKey, AnalysedIndicator> analyses = new HashMap<>();
    private Quality quality;

    private record RunKey(String indicatorId, RunRequest request) {
    }

    /** An analysis depends on its settings too (the notebook's over-dispersion choice). */
    private record AnalysisKey(String indicatorId, RunRequest request, AnalysisOptions options) {
    }

    private Kvik(KvikHome home, Path store, Connection connection, Catalogue catalogue) {
        this.home = home;
        this.store = store;
        this.cancellable = new CancellableConnection(connection);
        this.connection = cancellable.connection();
        this.catalogue = catalogue;
        this.engine = new Engine(this.connection);
        OPEN.add(this);
    }

    /**
     * Cancels the DuckDB query running in any open Kvik (the kvik kernel calls this on a cell interrupt: a
     * query in native code does not see the thread being stopped). The interrupted call fails with an
     * SQLException; the Kvik stays usable. Returns the number of statements asked to stop.
     */
    public static int cancelRunningQueries() {
        List<Kvik> open;
        synchronized (OPEN) {
            open = new java.util.ArrayList<>(OPEN);
        }
        int asked = 0;
        for (Kvik k : open) asked += k.cancellable.cancelRunning();
        return asked;
    }

    /**
     * Opens the synthetic default store {@code data/store} of the kvik folder; when it has no manifest yet,
     * builds it first (synthetic extracts at the default scale into {@code data/extracts}, then ingest),
     * printing progress.
     */
    public static Kvik open() {
        KvikHome home = KvikHome.locate();
        Path store = home.data().resolve("store");
        if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
            buildStore(home, DEFAULT_SCALE, FIRST_YEAR, LAST_YEAR, home.data().resolve("extracts"), store, System.out);
        }
        return open(home, store);
    }

    /** Opens an existing store folder (it must hold a manifest). */
    public static Kvik open(Path store) {
        if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
            throw new IllegalArgumentException("not a kvik store (no " + StoreManifest.FILE_NAME + "): "
                    + store.toAbsolutePath());
        }
        return open(KvikHome.locate(), store);
    }

    static Kvik open(KvikHome home, Path store) {
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        try {
            // one thread: parallel aggregation adds doubles (expected counts) in a varying order, and the
            // same inputs must give the same numbers to the last digit (the release notebook is a report)
            Connection connection = Store.open(store, home, DuckDb.Settings.DEFAULTS.withThreads(1));
            return new Kvik(home, store.toAbsolutePath().normalize(), connection, catalogue);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open store " + store.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Generates synthetic extracts (seed 42) into {@code extracts} and ingests them into {@code store}. */
    static void buildStore(KvikHome home, double scale, int firstYear, int lastYear, Path extracts, Path store,
                           PrintStream out) {
        out.println("building a synthetic store (scale " + scale + ", " + firstYear + "-" + lastYear + ") in " + store);
        try {
            Synthesizer.Result r = new Synthesizer(new Synthesizer.Settings(scale, firstYear, lastYear, SEED,
                    extracts, Runtime.getRuntime().availableProcessors()), home.reference(),
                    Contracts.load(home.contracts())).generate();
            out.printf("synthetic extracts: %,d rows in %.1f s -> %s%n", r.totalRows(), r.seconds(), extracts);
            List<Path> files;
            try (Stream<Path> s = Files.list(extracts)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            long start = System.nanoTime();
            try (Ingester ingester = Ingester.open(store, home, null)) {
                for (Path f : files) {
                    IngestResult ir = ingester.ingest(f);
                    out.printf("  %s: %,d rows stored%n", f.getFileName(), ir.rowsStored());
                }
            }
            out.printf("ingested %d files in %.1f s%n", files.size(), (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the default store in " + store, e);
        }
    }

    public Path store() {
        return store;
    }

    /** The catalogue: one row per indicator (id, area, name, measure, direction, levels, frequency, target). */
    public Table indicators() {
        List<Indicator> all = catalogue.all();
        StringColumn id = StringColumn.create("id");
        StringColumn area = StringColumn.create("area");
        StringColumn name = StringColumn.create("name");
        StringColumn measure = StringColumn.create("measure");
        StringColumn direction = StringColumn.create("direction");
        StringColumn levels = StringColumn.create("levels");
        StringColumn frequency = StringColumn.create("frequency");
        DoubleColumn target = DoubleColumn.create("target");
        for (Indicator i : all) {
            IndicatorMeta m = i.meta();
            id.append(m.id());
            area.append(m.area());
            name.append(m.name().en());
            measure.append(m.measure().kind().code());
            direction.append(m.direction() == null ? "" : m.direction().code());
            levels.append(m.levels().stream().map(Level::code).collect(Collectors.joining(", ")));
            frequency.append(m.frequency().code());
            if (m.target() != null && m.target().value() != null) target.append(m.target().value());
            else target.appendMissing();
        }
        return Table.create("indicators", id, area, name, measure, direction, levels, frequency, target);
    }

    /** The indicator with this id, over all years in the store, at every level it reports. */
    public IndicatorQuery indicator(String id) {
        return IndicatorQuery.of(this, catalogue.get(id));
    }

    /**
     * One row per indicator with the main figures of its latest period in [firstYear, lastYear], at the
     * hospital level where it reports one (else its finest level): the table behind a release's main findings.
     */
    public Table overview(List<String> indicatorIds, int firstYear, int lastYear) {
        StringColumn id = StringColumn.create("indicator");
        StringColumn period = StringColumn.create("period");
        DoubleColumn nation = DoubleColumn.create("nation");
        DoubleColumn previous = DoubleColumn.create("previous");
        StringColumn level = StringColumn.create("level");
        tech.tablesaw.api.IntColumn units = tech.tablesaw.api.IntColumn.create("units");
        tech.tablesaw.api.IntColumn high = tech.tablesaw.api.IntColumn.create("above_99_8");
        tech.tablesaw.api.IntColumn low = tech.tablesaw.api.IntColumn.create("below_99_8");
        tech.tablesaw.api.IntColumn worse = tech.tablesaw.api.IntColumn.create("deteriorating");
        tech.tablesaw.api.IntColumn goalHigh = tech.tablesaw.api.IntColumn.create("goal_high");
        tech.tablesaw.api.IntColumn goalMedium = tech.tablesaw.api.IntColumn.create("goal_medium");
        tech.tablesaw.api.IntColumn goalLow = tech.tablesaw.api.IntColumn.create("goal_low");
        for (String i : indicatorIds) {
            Headline h = indicator(i).years(firstYear, lastYear).headline();
            id.append(h.indicatorId());
            period.append(h.period());
            IndicatorQuery.append(nation, h.nationValue());
            IndicatorQuery.append(previous, h.previousValue());
            level.append(h.level());
            units.append(h.units());
            high.append(h.outerHigh());
            low.append(h.outerLow());
            worse.append(h.deteriorating());
            goalHigh.append(h.goalHigh());
            goalMedium.append(h.goalMedium());
            goalLow.append(h.goalLow());
        }
        return Table.create("overview " + firstYear + "-" + lastYear, id, period, nation, previous, level, units, high, low,
                worse, goalHigh, goalMedium, goalLow);
    }

    /**
     * The data-quality report of the store: completeness and validity per registry and reporting unit,
     * flagged rows by reason, rejected files (built once per session).
     */
    public synchronized Quality quality() {
        if (quality == null) {
            try {
                // from the store generation this session reads, like every other figure of the session
                quality = new Quality(QualityReport.build(connection, store, home, QualityReport.Expected.STORE));
            } catch (SQLException e) {
                throw new IllegalStateException("quality report of " + store + ": " + e.getMessage(), e);
            }
        }
        return quality;
    }

    /** Runs (or recalls) one indicator for one request. */
    synchronized List<IndicatorResult> run(Indicator indicator, RunRequest request) {
        RunKey key = new RunKey(indicator.id(), request);
        List<IndicatorResult> cached = runs.get(key);
        if (cached != null) return cached;
        try {
            List<IndicatorResult> results = List.copyOf(engine.run(indicator, request));
            runs.put(key, results);
            return results;
        } catch (SQLException e) {
            throw new IllegalStateException(indicator.id() + ": " + e.getMessage(), e);
        }
    }

    /** Runs (or recalls) one indicator with the statistics filled in: risk adjustment, funnels, FDR, trends. */
    synchronized AnalysedIndicator analyse(Indicator indicator, RunRequest request, AnalysisOptions options) {
        AnalysisKey key = new AnalysisKey(indicator.id(), request, options);
        AnalysedIndicator cached = analyses.get(key);
        if (cached != null) return cached;
        try {
            AnalysedIndicator a = new Analysis(connection).run(indicator, request, options);
            analyses.put(key, a);
            return a;
        } catch (SQLException e) {
            throw new IllegalStateException(indicator.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prepares the OECD acute-care delivery for one year (the six 30-day mortality indicators by sex and age
     * group, standardised to {@code standard}: esp2013, norway (Norway on 1 January 2024) or a CSV file) and
     * runs its checks.
     */
    public synchronized OecdView oecd(int year, String standard) {
        try {
            StandardChoice choice = StandardChoice.parse(standard);
            return new OecdView(OecdDelivery.prepare(connection, catalogue, home.reference(), year, choice), catalogue,
                    store, standard);
        } catch (SQLException e) {
            throw new IllegalStateException("OECD delivery " + year + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the release of a calendar edition (sql/calendar/publications.csv) into {@code outRoot/<edition>/},
     * for {@code only} these due indicators (empty: every due indicator), with {@code historyYears} years of
     * history; progress is printed. The same files as {@code kvik release}.
     */
    public ReleaseView release(String edition, int historyYears, List<String> only, Path outRoot) {
        Calendar calendar = Calendar.load(home.sql().resolve("calendar").resolve(Calendar.FILE));
        try {
            Path dir = Release.run(home, calendar, store, outRoot, new Release.Options(edition, historyYears, only),
                    System.out::println);
            return new ReleaseView(dir);
        } catch (SQLException e) {
            throw new IllegalStateException("release " + edition + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("release " + edition + ": " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    KvikHome home() {
        return home;
    }

    @Override
    public synchronized void close() {
        OPEN.remove(this);
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the store connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "kvik store " + store + " (" + catalogue.ids().size() + " indicators)";
    }
}
