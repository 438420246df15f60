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
import no.kvik.engine.EngineRun;
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
 * instant. Each run is an {@link EngineRun} with tables of its own, closed when its results are in. One connection,
 * and the kernel's cancel works on its one running statement: methods are synchronized.
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

    /** Daemon threads that open stores in the background (see {@link #open(KvikHome, Path)}). */
    private static final java.util.concurrent.Executor OPENER = task -> {
        Thread t = new Thread(task, "kvik-open");
        t.setDaemon(true);
        t.start();
    };

    private final KvikHome home;
    private final Path store;
    private final java.util.concurrent.CompletableFuture<Session> session;
    private final Map<RunKey, List<IndicatorResult>> runs = new HashMap<>();
    private final Map<AnalysisKey, AnalysedIndicator> analyses = new HashMap<>();
    private Quality quality;
    private int engineRuns;

    /** What opening a store sets up: the catalogue, the store's DuckDB connection (cancellable) and the engine on it. */
    private record Session(Catalogue catalogue, CancellableConnection cancellable, Connection connection, Engine engine) {
    }

    private record RunKey(String indicatorId, RunRequest request) {
    }

    /** An analysis depends on its settings too (the notebook's over-dispersion choice). */
    private record AnalysisKey(String indicatorId, RunRequest request, AnalysisOptions options) {
    }

    private Kvik(KvikHome home, Path store, java.util.concurrent.CompletableFuture<Session> session) {
        this.home = home;
        this.store = store;
        this.session = session;
        OPEN.add(this);
    }

    /** The opened store, waiting for the background open to finish; its failure is thrown here, naming the store. */
    private Session session() {
        try {
            return session.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private Catalogue catalogue() {
        return session().catalogue();
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
        for (Kvik k : open) {
            // a store still opening runs no query of the cell's
            if (k.session.isDone() && !k.session.isCompletedExceptionally()) asked += k.session.join().cancellable().cancelRunning();
        }
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

    /**
     * Returns at once: loading the catalogue and opening the store's DuckDB connection (3-4 s in a fresh JVM on a
     * quiet 2-core machine, 8-9 s on a busy one: class loading, DuckDB's native library, the catalogue's validation,
     * the reference tables and the store's views; see KvikOpenBenchmark) run on background threads, the two side by
     * side, while the analyst reads or types, and the first call that needs them waits for what is left. A failure
     * to open is thrown by that call.
     */
    static Kvik open(KvikHome home, Path store) {
        Path dir = store.toAbsolutePath().normalize();
        var catalogue = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Catalogue.load(home.indicators(), Contracts.load(home.contracts())), OPENER);
        var connection = java.util.concurrent.CompletableFuture.supplyAsync(() -> openConnection(home, dir), OPENER);
        return new Kvik(home, dir, catalogue.handle((loaded, failure) -> {
            Connection opened = connection.join(); // its own failure is thrown from here
            if (failure != null) {
                closeQuietly(opened); // ends the store lease too
                throw new java.util.concurrent.CompletionException(failure instanceof java.util.concurrent.CompletionException c
                        ? c.getCause() : failure);
            }
            CancellableConnection cancellable = new CancellableConnection(opened);
            return new Session(loaded, cancellable, cancellable.connection(), new Engine(cancellable.connection()));
        }));
    }

    private static Connection openConnection(KvikHome home, Path store) {
        try {
            // one thread: parallel aggregation adds doubles (expected counts) in a varying order, and the
            // same inputs must give the same numbers to the last digit (the release notebook is a report)
            return Store.open(store, home, DuckDb.Settings.DEFAULTS.withThreads(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open store " + store + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing for another reason, which is the one to report
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
        List<Indicator> all = catalogue().all();
        List<IndicatorMeta> metas = all.stream().map(Indicator::meta).toList();
        return Tables.of("indicators", metas,
                Tables.text("id", IndicatorMeta::id),
                Tables.text("area", IndicatorMeta::area),
                Tables.text("name", m -> m.name().en()),
                Tables.text("measure", m -> m.measure().kind().code()),
                Tables.text("direction", m -> m.direction() == null ? "" : m.direction().code()),
                Tables.text("levels", m -> m.levels().stream().map(Level::code).collect(Collectors.joining(", "))),
                Tables.text("frequency", m -> m.frequency().code()),
                Tables.number("target", m -> m.target() == null ? null : m.target().value()));
    }

    /** The indicator with this id, over all years in the store, at every level it reports. */
    public IndicatorQuery indicator(String id) {
        return IndicatorQuery.of(this, catalogue().get(id));
    }

    /**
     * Runs ad-hoc SQL on the store's views and returns its result as a table. The SQL sees what an indicator sees:
     * a view per registry extract ({@code npr_somatic}, {@code death}, … with the usable rows; {@code <name>_all}
     * with every row and its {@code _errors}), the {@code ref_*} reference tables, the views and macros of
     * {@code sql/reference} and {@code kvik_coverage}. Values are named parameters ({@code $name}, as in an
     * indicator's SQL) bound through JDBC, never spliced into the text; a value is an Integer, Long, Double,
     * String, Boolean or LocalDate. A cell interrupt cancels the query. For example
     * {@code kvik.sql("SELECT count(*) AS stays FROM npr_somatic WHERE age >= $min_age", Map.of("min_age", 80))}.
     *
     * @param sql    one SELECT (or other statement returning rows) with {@code $name} parameters
     * @param params a value for every parameter of the SQL, and no other
     * @return the rows, with DuckDB's column names; name "sql"
     * @throws IllegalArgumentException a parameter without a value, a value for no parameter, or a value of
     *                                  another type, naming the parameter
     * @throws IllegalStateException    the query failed (DuckDB's message) or was cancelled
     */
    public synchronized Table sql(String sql, Map<String, ?> params) {
        no.kvik.sql.SqlTemplate template = no.kvik.sql.SqlTemplate.parse(sql);
        Map<String, Object> values = new HashMap<>();
        Map<String, no.kvik.sql.ParameterType> types = new HashMap<>();
        for (String name : template.parameterNames()) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("kvik.sql: no value for parameter $" + name + " (given: "
                        + new java.util.TreeSet<>(params.keySet()) + ")");
            }
            Object value = params.get(name);
            no.kvik.sql.ParameterType type = parameterType(name, value);
            types.put(name, type);
            values.put(name, type.convert(value));
        }
        for (String name : params.keySet()) {
            if (!template.parameterNames().contains(name)) {
                throw new IllegalArgumentException("kvik.sql: parameter '" + name + "' is not in the SQL (its parameters: "
                        + template.parameterNames() + ")");
            }
        }
        try (java.sql.PreparedStatement ps = template.prepare(connection(), values, types);
             java.sql.ResultSet rs = ps.executeQuery()) {
            return TablesawTypes.read("sql", rs);
        } catch (SQLException e) {
            throw new IllegalStateException("kvik.sql: " + e.getMessage(), e);
        }
    }

    /** {@link #sql(String, Map)} without parameters. */
    public Table sql(String sql) {
        return sql(sql, Map.of());
    }

    /** The SQL type a Java value is bound as. */
    private static no.kvik.sql.ParameterType parameterType(String name, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return no.kvik.sql.ParameterType.INTEGER;
        if (value instanceof Long) return no.kvik.sql.ParameterType.BIGINT;
        if (value instanceof Double || value instanceof Float) return no.kvik.sql.ParameterType.DOUBLE;
        if (value instanceof String) return no.kvik.sql.ParameterType.VARCHAR;
        if (value instanceof Boolean) return no.kvik.sql.ParameterType.BOOLEAN;
        if (value instanceof java.time.LocalDate) return no.kvik.sql.ParameterType.DATE;
        throw new IllegalArgumentException("kvik.sql: parameter $" + name + ": a value of type "
                + (value == null ? "null" : value.getClass().getSimpleName())
                + " cannot be bound (use Integer, Long, Double, String, Boolean or LocalDate)");
    }

    /**
     * One row per indicator with the main figures of its latest period in [firstYear, lastYear], at the
     * hospital level where it reports one (else its finest level): the table behind a release's main findings.
     */
    public Table overview(List<String> indicatorIds, int firstYear, int lastYear) {
        Progress progress = Progress.toConsole("overview " + firstYear + "-" + lastYear, indicatorIds.size());
        List<Headline> headlines = new java.util.ArrayList<>();
        for (String i : indicatorIds) {
            headlines.add(indicator(i).years(firstYear, lastYear).headline());
            progress.done(i);
        }
        Table overview = Tables.of("overview " + firstYear + "-" + lastYear, headlines,
                Tables.text("indicator", Headline::indicatorId),
                Tables.text("period", Headline::period),
                Tables.number("nation", Headline::nationValue),
                Tables.number("previous", Headline::previousValue),
                Tables.text("level", Headline::level),
                Tables.integer("units", Headline::units),
                Tables.integer("above_99_8", Headline::outerHigh),
                Tables.integer("below_99_8", Headline::outerLow),
                Tables.integer("deteriorating", Headline::deteriorating),
                Tables.integer("goal_high", Headline::goalHigh),
                Tables.integer("goal_medium", Headline::goalMedium),
                Tables.integer("goal_low", Headline::goalLow));
        // indicators of every kind side by side: three decimals, no float noise (each indicator's own table formats by kind)
        return TableFormats.apply(overview, false, 3);
    }

    /**
     * The data-quality report of the store: completeness and validity per registry and reporting unit,
     * flagged rows by reason, rejected files (built once per session).
     */
    public synchronized Quality quality() {
        if (quality == null) {
            try {
                // from the store generation this session reads, like every other figure of the session
                quality = new Quality(QualityReport.build(connection(), store, home, QualityReport.Expected.STORE),
                        unitNames());
            } catch (SQLException e) {
                throw new IllegalStateException("quality report of " + store + ": " + e.getMessage(), e);
            }
        }
        return quality;
    }

    /**
     * Reporting-unit code → name from the store's level tables (organisation numbers to hospitals,
     * municipality, county and central numbers to their names), so quality tables name the units they list.
     */
    private Map<String, String> unitNames() throws SQLException {
        Map<String, String> names = new java.util.HashMap<>();
        String sql = "SELECT provider_org, hospital_name FROM ref_level_provider "
                + "UNION ALL SELECT registered_nr, municipality_name FROM ref_level_municipality "
                + "UNION ALL SELECT county_id, county_name FROM ref_level_county "
                + "UNION ALL SELECT central_id, central_name FROM ref_level_central";
        try (java.sql.Statement st = connection().createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(1) != null && rs.getString(2) != null) names.putIfAbsent(rs.getString(1), rs.getString(2));
            }
        }
        return names;
    }

    /**
     * The request as a cache key: every declared parameter with its value converted to its declared type, so a
     * parameter set explicitly to its default (or given as 75L instead of 75) is the same run as leaving it out.
     */
    static RunRequest cacheKey(Indicator indicator, RunRequest request) {
        return request.withParameters(indicator.parameterValues(request.parameters()));
    }

    /** Runs (or recalls) one indicator for one request. */
    synchronized List<IndicatorResult> run(Indicator indicator, RunRequest request) {
        RunKey key = new RunKey(indicator.id(), cacheKey(indicator, request));
        List<IndicatorResult> cached = runs.get(key);
        if (cached != null) return cached;
        try {
            engineRuns++;
            List<IndicatorResult> results = List.copyOf(session().engine().run(indicator, request));
            runs.put(key, results);
            return results;
        } catch (SQLException e) {
            throw new IllegalStateException(indicator.id() + ": " + e.getMessage(), e);
        }
    }

    /** Runs (or recalls) one indicator with the statistics filled in: risk adjustment, funnels, FDR, trends. */
    synchronized AnalysedIndicator analyse(Indicator indicator, RunRequest request, AnalysisOptions options) {
        AnalysisKey key = new AnalysisKey(indicator.id(), cacheKey(indicator, request), options);
        AnalysedIndicator cached = analyses.get(key);
        if (cached != null) return cached;
        try {
            engineRuns++;
            AnalysedIndicator a;
            try (EngineRun run = session().engine().prepare(indicator, request)) {
                a = Analysis.analyse(run, options);
            }
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
            return new OecdView(OecdDelivery.prepare(connection(), catalogue(), home.reference(), year, choice), catalogue(),
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
        return session().connection();
    }

    /** How many times this session ran the engine (an indicator run or an analysis): what the cache saves. */
    synchronized int engineRuns() {
        return engineRuns;
    }

    KvikHome home() {
        return home;
    }

    @Override
    public synchronized void close() {
        OPEN.remove(this);
        Session opened;
        try {
            opened = session.join();
        } catch (java.util.concurrent.CompletionException e) {
            return; // the store never opened: nothing to close
        }
        try {
            opened.connection().close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the store connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // does not wait for a store still opening: showing the session in the cell that opens it returns at once
        if (!session.isDone()) return "kvik store " + store + " (opening)";
        if (session.isCompletedExceptionally()) return "kvik store " + store + " (could not be opened: use it to see why)";
        return "kvik store " + store + " (" + catalogue().ids().size() + " indicators)";
    }
}
