package no.kvik.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.config.Timings;

/**
 * One indicator's run on a store connection ({@link Engine#prepare}): its case rows reduced to sufficient
 * statistics, its periods planned within what the store covers, and everything that reads them: the results,
 * re-aggregation of other tables of the reduced shape with exactly this run's periods and unit mapping, and the
 * case rows themselves. Every table it makes has a name of its own ({@code _kvik_<serial>_<role>}), so runs do
 * not see each other's tables; {@link #close} drops them. A run is used by one thread at a time.
 */
public final class EngineRun implements AutoCloseable {
    /** Serial numbers of runs in this JVM: what makes table names unique across runs and connections. */
    private static final AtomicLong SERIAL = new AtomicLong();

    private final Engine engine;
    private final Indicator indicator;
    private final RunRequest request;
    private final String prefix;
    /** Names and kinds of the objects this run made, in creation order (dropped in reverse). */
    private final Map<String, Boolean> owned = new LinkedHashMap<>();
    private List<Period> periods = List.of();
    private SmallUnitPooling pooling = SmallUnitPooling.NONE;
    private List<Engine.LeftOutPeriod> leftOut = List.of();
    private List<IndicatorResult> results;
    /** The counts {@link #results} were built from, kept for {@link #aggregates} (null until then, or a quantile's). */
    private List<UnitAggregate> aggregates;
    /** The run's case rows for the request's whole range when {@link #keepsCases}, else null. */
    private String allCases;
    /** The store's coverage of the indicator once {@link #storeCoverage} read it (null: the store has none). */
    private Engine.DataCoverage coverage;
    private boolean coverageRead;
    private boolean closed;
    /** Nanoseconds of each engine phase of this run, in the order first met (printed with kvik.timings). */
    private final Map<String, Long> phaseNanos = new LinkedHashMap<>();

    EngineRun(Engine engine, Indicator indicator, RunRequest request) {
        this.engine = engine;
        this.indicator = indicator;
        this.request = request;
        this.prefix = "_kvik_" + SERIAL.incrementAndGet() + "_";
    }

    /** Reduces the case rows and plans and writes the periods (what {@link Engine#prepare} does). */
    void start() throws SQLException {
        IndicatorMeta meta = indicator.meta();
        Map<String, Object> params = Engine.parameters(indicator, request, request.from(), request.to());
        String reduced = table("reduced");
        // where a run's engine time goes beside its floor (the reduce and the aggregation), for bench-release
        long t = System.nanoTime();
        if (request.from() != null) {
            // a range whose every period lies beyond what the store covers with the follow-up (a one-year run of a
            // 30-day survival indicator on a store ending with that year) cannot report anything, whatever its cases:
            // its case query is not run (issue #17: at scale 1 such queries took a tenth of a one-year catalogue)
            Engine.DataCoverage coverage = storeCoverage();
            List<Engine.LeftOutPeriod> none = coverage == null ? null
                    : Engine.noneReportable(meta, request, coverage, meta.followUp() == null ? 0 : meta.followUp().daysFor(params));
            if (none != null) {
                leftOut = none;
                return;
            }
        }
        t = mark("coverage", t);
        if (keepsCases(meta)) {
            // the analysis fits its risk model on the case rows: materialise them once, reduce from them, and let
            // cases() filter them instead of running the indicator query a second time (issue #17)
            allCases = table("all_cases");
            engine.createCaseTable(indicator, params, allCases);
            t = mark("case_table", t);
            engine.reduceFrom(allCases, meta.measure().quantile() != null, reduced);
        } else {
            engine.reduce(indicator, params, meta.measure().quantile() != null, reduced);
        }
        t = mark("reduce", t);
        Engine.CaseSummary summary = engine.summarise(indicator, reduced);
        t = mark("summarise", t);
        if (summary.rows() == 0) return;
        Engine.DataCoverage coverage = storeCoverage();
        int followUpDays = meta.followUp() == null ? 0 : meta.followUp().daysFor(params);
        LocalDate reportableEnd = coverage == null ? null : coverage.reportableEnd(followUpDays);
        LocalDate reportableStart = coverage == null ? null : coverage.start();
        Engine.PeriodPlan plan = Engine.plan(meta, request, summary.first(), summary.last(), reportableStart, reportableEnd);
        if (coverage != null) {
            List<Engine.LeftOutPeriod> out = new ArrayList<>();
            for (Period p : Engine.plan(meta, request, summary.first(), summary.last(), null, null).periods()) {
                if (!plan.periods().contains(p)) out.add(new Engine.LeftOutPeriod(p.label(), coverage.reason(p, followUpDays)));
            }
            leftOut = List.copyOf(out);
        }
        if (plan.periods().isEmpty()) return;
        t = mark("coverage", t);
        engine.writePeriods(plan.periods(), table("periods"), table("months"));
        mark("periods", t);
        periods = List.copyOf(plan.periods());
        pooling = plan.pooling();
    }

    /**
     * The store's coverage of the indicator, read from the connection once per run: the check for a range that
     * cannot report, the period plan and {@link #cases} all use the same reading (it cannot change on the run's
     * connection, which reads one manifest generation).
     */
    private Engine.DataCoverage storeCoverage() throws SQLException {
        if (!coverageRead) {
            coverage = engine.coverage(indicator.meta());
            coverageRead = true;
        }
        return coverage;
    }

    /**
     * Ends phase {@code name} of this run (its time runs from {@code startNanos}), kept for the run's timings line and
     * added to the process's {@link Timings} as engine_NAME; returns now.
     */
    private long mark(String name, long startNanos) {
        long now = System.nanoTime();
        phaseNanos.merge(name, now - startNanos, Long::sum);
        Timings.add("engine_" + name, now - startNanos);
        return now;
    }

    public Indicator indicator() {
        return indicator;
    }

    public RunRequest request() {
        return request;
    }

    /**
     * Whether the run keeps its case rows: indicators with a logistic risk model, whose analysis reads them (a
     * linear model's mean scores carry values whose sums of squares could round differently when summed from a
     * table in another order, so those still reduce straight from the query).
     */
    static boolean keepsCases(IndicatorMeta meta) {
        no.kvik.catalog.RiskModel model = no.kvik.catalog.RiskModel.of(meta);
        return model != null && model.family() != no.kvik.catalog.RiskModel.Family.LINEAR;
    }

    /** The connection the run's tables are on (for work on them, e.g. fitting a model on its cases). */
    public Connection connection() {
        return engine.connection();
    }

    /** The periods reported (empty when there are no cases, or the store covers none of them). */
    public List<Period> periods() {
        return periods;
    }

    /**
     * The periods the cases reach into but the store does not cover (with the indicator's follow-up), with the
     * reason; empty when none was left out or the store does not say what it covers.
     */
    public List<Engine.LeftOutPeriod> leftOut() {
        return leftOut;
    }

    /** The results at every level, sorted by period, level and unit (computed once). */
    public List<IndicatorResult> results() throws SQLException {
        checkOpen();
        if (results == null) {
            if (periods.isEmpty()) {
                results = List.of();
            } else {
                long t = System.nanoTime();
                List<UnitAggregate> sums = engine.aggregate(indicator.meta(), periods, table("reduced"), table("months"),
                        table("aggregated"), table("ranks"));
                t = mark("aggregate", t);
                // without a quantile these are the very rows aggregates() would query again (same SQL, same reading):
                // the analysis reads them next, so it does not repeat the aggregation (issue #17)
                if (indicator.meta().measure().quantile() == null) aggregates = List.copyOf(sums);
                results = Reporting.report(indicator.meta(), periods, sums, pooling);
                mark("report", t);
            }
        }
        return results;
    }

    /**
     * The counts of every unit at every level and period of the run, suppressed ones included (the sums
     * {@link #results} are built from, before intervals and suppression).
     */
    public List<UnitAggregate> aggregates() throws SQLException {
        checkOpen();
        if (aggregates == null) aggregates = reaggregate(table("reduced"));
        return aggregates;
    }

    /**
     * Aggregates a table shaped like the reduced case table (month, provider_org, residence_municipality,
     * residence_county, central_id, num, den, n_values, s1, s2) with this run's periods and unit mapping: e.g.
     * observed and expected events per unit with exactly the engine's period assignment and level mapping. Empty
     * when the run has no periods.
     */
    public List<UnitAggregate> reaggregate(String reducedShaped) throws SQLException {
        return reaggregate(reducedShaped, false);
    }

    /**
     * As {@link #reaggregate(String)} for a table whose n_values, s1 and s2 are zero in every row (the observed and
     * expected events of a risk model): only num and den are summed, to the same values (issue #17). The caller
     * vouches for the zeros; n_values, s1 and s2 of the result are zero.
     */
    public List<UnitAggregate> reaggregateObservedExpected(String reducedShaped) throws SQLException {
        return reaggregate(reducedShaped, true);
    }

    private List<UnitAggregate> reaggregate(String reducedShaped, boolean numDenOnly) throws SQLException {
        checkOpen();
        if (!reducedShaped.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name must be lower_snake_case: " + reducedShaped);
        }
        if (periods.isEmpty()) return List.of();
        IndicatorMeta meta = indicator.meta();
        Map<String, Period> byLabel = new HashMap<>();
        for (Period p : periods) byLabel.put(p.start() + "|" + p.end(), p);
        try (Statement st = connection().createStatement();
             ResultSet rs = st.executeQuery(Engine.aggregateSql(EnumSet.copyOf(meta.levels()), false, reducedShaped,
                     table("months"), numDenOnly))) {
            return Engine.read(rs, meta, byLabel, false);
        }
    }

    /**
     * The indicator's case rows (every output column) for this run's request, in a table or view of the run (see
     * {@link Engine#createCaseTable}: the range ends where the store's coverage with follow-up ends). Returns its name.
     */
    public String cases() throws SQLException {
        return cases("cases", request);
    }

    /**
     * The indicator's case rows for another request (e.g. a model's reference period, with this run's
     * parameters) in the run's table of {@code role} (a view of the kept rows for the run's own request). Returns
     * its name.
     */
    public String cases(String role, RunRequest other) throws SQLException {
        checkOpen();
        if (allCases != null && other.equals(request)) {
            // the rows of the narrower case range are the kept rows dated in it (a case's row does not depend on
            // the range asked for; CaseTableReuseTest checks this against the query for the risk-model indicators);
            // a view, not a copy: the model's few passes filter the kept rows as cheaply as they would read a copy
            // (issue #17). The dates are literals: a view holds no parameters
            String name = view(role);
            // the coverage start() read: the same store on the same connection (issue #17: reading it again took
            // several catalogue queries per analysis)
            LocalDate[] range = coverageRead ? engine.caseRange(indicator, other, coverage) : engine.caseRange(indicator, other);
            try (Statement st = connection().createStatement()) {
                st.execute("CREATE OR REPLACE TEMP VIEW " + name + " AS SELECT * FROM " + allCases
                        + " WHERE event_date >= DATE '" + range[0] + "' AND event_date < DATE '" + range[1] + "'");
            }
            return name;
        }
        String name = table(role);
        if (coverageRead) {
            // another range on the same connection: the same store state, so the coverage start() read
            LocalDate[] range = engine.caseRange(indicator, other, coverage);
            engine.createCaseTable(indicator, Engine.parameters(indicator, other, range[0], range[1]), name);
        } else {
            engine.createCaseTable(indicator, other, name);
        }
        return name;
    }

    /**
     * The unique name of this run's temp table for {@code role} (lower_snake_case); the run drops it on close.
     * The same role gives the same name.
     */
    public String table(String role) {
        return own(role, false);
    }

    /** As {@link #table}, for a temp view. */
    public String view(String role) {
        return own(role, true);
    }

    private synchronized String own(String role, boolean view) {
        checkOpen();
        if (!role.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("role must be lower_snake_case: " + role);
        String name = prefix + role;
        Boolean before = owned.putIfAbsent(name, view);
        if (before != null && before != view) {
            throw new IllegalArgumentException(role + " is already this run's " + (before ? "view" : "table"));
        }
        return name;
    }

    /** The GROUPING SETS aggregation of a reduced-shaped relation with this run's periods and mapping (e.g. for a floor). */
    public String aggregateSql(String source) {
        return Engine.aggregateSql(EnumSet.copyOf(indicator.meta().levels()), false, source, table("months"));
    }

    /**
     * The bare DuckDB aggregate of this run's work (a benchmark's floor), to be run with {@link #prepareStatement}:
     * the indicator query reduced as the engine reduces it and aggregated with the run's GROUPING SETS sums, with no
     * Java work; for a quantile measure the case rows grouped into the same cells with DuckDB's own quantile_cont
     * ({@link Engine#bareQuantileSql}), so the floor does the quantile too (issue #17, qfloor). Its rows carry a
     * {@code quant} column for a quantile measure.
     */
    public String floorSql() {
        String query = indicator.sql().jdbcText();
        Double q = indicator.meta().measure().quantile();
        if (q != null) return Engine.bareQuantileSql(EnumSet.copyOf(indicator.meta().levels()), q, query, table("months"));
        return "WITH _kvik_floor AS (" + Engine.reducedSql(query, false) + "), "
                + aggregateSql("_kvik_floor").substring("WITH ".length());
    }

    /**
     * {@code wrapped} (SQL holding the indicator's query) prepared on the run's connection with the run's parameters
     * and range bound, after checking the output contract.
     */
    public PreparedStatement prepareStatement(String wrapped) throws SQLException {
        checkOpen();
        // bound with the keyed views, as the run's own queries (Engine#withPersonKeys)
        return engine.withPersonKeys(() -> engine.prepareChecked(indicator, wrapped,
                Engine.parameters(indicator, request, request.from(), request.to())));
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(indicator.id() + ": the engine run is closed");
    }

    /** Drops the run's tables and views (views first: the latest made are dropped first). */
    @Override
    public synchronized void close() throws SQLException {
        if (closed) return;
        closed = true;
        if (Timings.on()) {
            // one line per run: where its engine time went beside its floor (the reduce and aggregate queries); only
            // the indicator's id and durations, never data
            StringBuilder line = new StringBuilder("kvik-engine-timings: ").append(indicator.id());
            phaseNanos.forEach((name, nanos) -> line.append(' ').append(name).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6)));
            System.err.println(line);
        }
        Deque<Map.Entry<String, Boolean>> reverse = new ArrayDeque<>();
        owned.entrySet().forEach(reverse::push);
        SQLException first = null;
        for (Map.Entry<String, Boolean> e : reverse) {
            try (Statement st = connection().createStatement()) {
                st.execute("DROP " + (e.getValue() ? "VIEW" : "TABLE") + " IF EXISTS " + e.getKey());
            } catch (SQLException ex) {
                if (first == null) first = ex;
                else first.addSuppressed(ex);
            }
        }
        if (first != null) throw first;
    }
}
