package no.kvik.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.OutputContract;
import no.kvik.catalog.PeriodRules;
import no.kvik.store.PersonKeys;

/**
 * Runs an indicator against a store connection (views {@code <contract_id>}, {@code ref_*} and the
 * level tables of sql/reference/levels.sql) and reports it at every declared level in one pass over the
 * case rows: they are reduced once to sufficient statistics per month and raw unit code (a small temp
 * table), which is then assigned to periods, mapped to units and aggregated with one GROUPING SETS
 * query; intervals, suppression and goal attainment are computed on the aggregates in Java.
 * (Materialising the case rows themselves was measured at 9 s for 4 M rows; the reduced table is tiny.)
 *
 * <p>An indicator's run is an {@link EngineRun} ({@link #prepare}): it owns its tables under names no other
 * run shares, so several runs can be open at once on one connection, and runs on connections of their own
 * (one per thread) can proceed in parallel. The engine itself holds no run state; the only thing it keeps on
 * its connection is a cache of what the store covers (the store a connection sees does not change).
 */
public final class Engine {
    /** Bounds bound for "all data in the store". */
    static final LocalDate OPEN_START = LocalDate.of(1900, 1, 1);
    static final LocalDate OPEN_END = LocalDate.of(2200, 1, 1);
    /**
     * The reference tables the level mapping joins (sql/reference/levels.sql): a store opened for a few indicators
     * ({@link no.kvik.store.StoreScope}) creates them whatever the indicators' SQL names.
     */
    public static final List<String> LEVEL_TABLES = no.kvik.reference.LevelTables.names();

    private final Connection connection;
    /**
     * One lock per database, held while its coverage tables are filled ({@link #coverage}), by the database's id
     * ({@link #databaseId}): the worker connections of one store connection share it, two stores (a notebook's) do
     * not wait for each other. An entry stays for the life of the JVM (one small object per database opened).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> COVERAGE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Held only while a database's id is looked up or made (a few milliseconds, once per engine). */
    private static final Object DATABASE_ID_LOCK = new Object();
    /** This engine's database's coverage lock (looked up on first use). */
    private Object coverageLock;
    /** How many times this engine read a coverage ({@link #coverage} calls), for tests. */
    private final java.util.concurrent.atomic.AtomicInteger coverageReads = new java.util.concurrent.atomic.AtomicInteger();
    /** Registries whose coverage was scanned (not found already read) since the JVM started, for tests. */
    private static final java.util.concurrent.atomic.AtomicInteger COVERAGE_SCANS = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether the connection's database is a store's (looked up on first use; {@link #withSharedCohort}). */
    private Boolean isStore;
    /** Whether the store has the keyed views of {@link PersonKeys} (looked up on first use). */
    private Boolean personKeys;

    public Engine(Connection connection) {
        this(connection, QuantileMethod.CHOSEN_BY_REPEATS);
    }

    /** An engine that takes every quantile by {@code quantileMethod} (tests force each way; both give the same values). */
    Engine(Connection connection, QuantileMethod quantileMethod) {
        this.connection = connection;
        this.quantileMethod = java.util.Objects.requireNonNull(quantileMethod, "quantileMethod");
    }

    /** SQL work run while the keyed views come first on the search path. */
    @FunctionalInterface
    interface KeyedWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} (binding and running indicator SQL) with the store's keyed views ({@link PersonKeys#SCHEMA})
     * first on the connection's search path, so person ids are dense integers in joins and groupings; the search
     * path is put back after. A connection without them (a store ingested before person keys, a test database) runs
     * {@code work} as it is.
     */
    <T> T withPersonKeys(KeyedWork<T> work) throws SQLException {
        if (personKeys == null) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = '" + PersonKeys.SCHEMA + "'")) {
                rs.next();
                personKeys = rs.getLong(1) > 0;
            }
        }
        if (!personKeys) return work.run();
        String before;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            before = rs.getString(1);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path = '" + PersonKeys.SCHEMA + ",main'");
        }
        try {
            return work.run();
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("SET search_path = '" + (before == null ? "" : before.replace("'", "''")) + "'");
            }
        }
    }

    /** The store connection the engine's runs read and write their tables on. */
    public Connection connection() {
        return connection;
    }

    /** Runs one indicator; results sorted by period, level and unit. A run that is opened and closed. */
    public List<IndicatorResult> run(Indicator indicator, RunRequest request) throws SQLException {
        try (EngineRun run = prepare(indicator, request)) {
            return run.results();
        }
    }

    /**
     * Prepares one indicator's run: the case rows reduced to its own table, its periods planned (within what the
     * store covers) and written. The caller closes the run, which drops its tables.
     */
    public EngineRun prepare(Indicator indicator, RunRequest request) throws SQLException {
        EngineRun run = new EngineRun(this, indicator, request);
        try {
            run.start();
        } catch (SQLException | RuntimeException e) {
            try {
                run.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return run;
    }

    /** The indicator's parameter values over its defaults, with the case range [from, to) (null: open). */
    static Map<String, Object> parameters(Indicator indicator, RunRequest request, LocalDate from, LocalDate to) {
        Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(request.parameters()));
        params.put(Indicator.PERIOD_START, from == null ? OPEN_START : from);
        params.put(Indicator.PERIOD_END, to == null ? OPEN_END : to);
        return params;
    }

    /**
     * The period length of a run: the request's, else the indicator's own. A length shorter than the
     * indicator's {@code periodRules.finestFrequency} is refused: its yearly rows would all fall in one part.
     */
    public static Frequency frequency(IndicatorMeta meta, RunRequest request) {
        if (request.frequency() != null && !meta.reportableBy(request.frequency())) {
            throw new IllegalArgumentException(meta.id() + " cannot be reported by " + request.frequency().code()
                    + ": its rows are yearly (periodRules.finestFrequency " + meta.periodRules().finestFrequency().code() + ")");
        }
        return request.frequency() != null ? request.frequency() : meta.frequency();
    }

    /** A period the cases reach into but the store does not cover (with its follow-up), and why, for messages. */
    public record LeftOutPeriod(String periodLabel, String reason) {
    }

    /**
     * What the store covers for an indicator: the registries of its {@code sources} that have stored contracts,
     * and the earliest of their last covered days (view {@link no.kvik.store.Store#COVERAGE_VIEW}). Null when the
     * connection has no such view (a hand-made store) or none of the sources is delivered.
     */
    DataCoverage coverage(IndicatorMeta meta) throws SQLException {
        coverageReads.incrementAndGet();
        if (!hasCoverageView()) return null;
        // read once per database and registry, and only the indicator's registries: the view scans the year column
        // of each contract (on six scale-1 years several seconds per registry), and a contract the indicator does not
        // read must not make it fail. The tables are the database's, not the connection's: the worker connections
        // of a release are duplicates of one store connection (ParallelRuns) and each used to scan every registry
        // again; a store connection's database sees one store generation, so what it covers never changes under it.
        // The database's lock makes a second worker wait for the first's scan instead of repeating it.
        synchronized (coverageLock()) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS main._kvik_coverage (registry VARCHAR, contract_id VARCHAR, "
                        + "last_year INTEGER, first_year INTEGER)");
                st.execute("CREATE TABLE IF NOT EXISTS main._kvik_coverage_read (registry VARCHAR)");
            }
            for (String registry : meta.sources()) {
                String literal = "'" + registry.replace("'", "''") + "'";
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM main._kvik_coverage_read WHERE registry = " + literal)) {
                    rs.next();
                    if (rs.getLong(1) > 0) continue;
                }
                try (Statement st = connection.createStatement()) {
                    st.execute("INSERT INTO main._kvik_coverage SELECT registry, contract_id, last_year, first_year FROM "
                            + no.kvik.store.Store.COVERAGE_VIEW + " WHERE registry = " + literal);
                    st.execute("INSERT INTO main._kvik_coverage_read VALUES (" + literal + ")");
                }
                COVERAGE_SCANS.incrementAndGet();
            }
        }
        Map<String, Integer> lastYear = new java.util.TreeMap<>();
        Map<String, Integer> firstYear = new java.util.TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT registry, contract_id, last_year, first_year FROM main._kvik_coverage "
                     + "WHERE last_year IS NOT NULL")) {
            while (rs.next()) {
                if (!meta.sources().contains(rs.getString(1))) continue;
                String name = rs.getString(2) + " (" + rs.getString(1) + ")";
                lastYear.put(name, rs.getInt(3));
                firstYear.put(name, rs.getInt(4));
            }
        }
        return DataCoverage.of(lastYear, firstYear);
    }

    /**
     * Runs {@code work} (the indicator's statement with these parameter values) with the indicator's shared cohort
     * ({@code cohort} in its metadata) built once for the store's database and read from there ({@link SharedCohorts},
     * issue #17); {@code work} as it is for an indicator without one or on a database that is not a store's.
     */
    <T> T withSharedCohort(Indicator indicator, Map<String, Object> params, KeyedWork<T> work) throws SQLException {
        if (indicator.meta().cohort() == null || !isStore()) return work.run();
        return SharedCohorts.of(databaseId()).around(connection, indicator, params, work);
    }

    /** Drops the store database's unread shared cohorts of {@code macro} ({@link SharedCohorts#dropUnread}). */
    void dropSharedCohorts(String macro) throws SQLException {
        if (isStore()) SharedCohorts.of(databaseId()).dropUnread(connection, macro);
    }

    /** Whether the connection's database is a store's (it has the coverage view): only a store's share cohorts. */
    private boolean isStore() throws SQLException {
        if (isStore == null) isStore = hasCoverageView();
        return isStore;
    }

    /** Whether the connection's database has the store's coverage view ({@link no.kvik.store.Store#COVERAGE_VIEW}). */
    private boolean hasCoverageView() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                     + no.kvik.store.Store.COVERAGE_VIEW + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** The coverage lock of this engine's database. */
    Object coverageLock() throws SQLException {
        if (coverageLock == null) coverageLock = COVERAGE_LOCKS.computeIfAbsent(databaseId(), id -> new Object());
        return coverageLock;
    }

    /**
     * The id of the connection's database: JDBC does not say which database a connection (or a duplicate of it) is
     * on, so the database carries a random id of its own in a one-row table, made by the first engine that asks.
     */
    String databaseId() throws SQLException {
        synchronized (DATABASE_ID_LOCK) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS main._kvik_database_id AS SELECT CAST(uuid() AS VARCHAR) AS id");
                try (ResultSet rs = st.executeQuery("SELECT id FROM main._kvik_database_id")) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }

    /** How many times this engine read a store's coverage (for tests: a run reads it once). */
    int coverageReads() {
        return coverageReads.get();
    }

    /** How many registries' coverage was scanned rather than found already read, since the JVM started (for tests). */
    static int coverageScans() {
        return COVERAGE_SCANS.get();
    }

    /**
     * The last day the store covers for an indicator, and which delivered contracts end there.
     *
     * @param end      the day after the last covered day
     * @param limiting the contracts (with their registry) whose coverage ends there
     */
    record DataCoverage(LocalDate end, List<String> limiting, LocalDate start, List<String> startLimiting) {
        /** Coverage from each delivered contract's last year with valid rows, without a start; null when none. */
        static DataCoverage of(Map<String, Integer> lastYearByContract) {
            return of(lastYearByContract, Map.of());
        }

        /**
         * Coverage from each delivered contract's last and first year with usable rows: it ends with the earliest
         * last year and starts with the latest first year (a period before it holds only the cases that later
         * deliveries carry back, e.g. 2021 referrals on 2022 episodes: a truncated count). Null when none.
         */
        static DataCoverage of(Map<String, Integer> lastYearByContract, Map<String, Integer> firstYearByContract) {
            if (lastYearByContract.isEmpty()) return null;
            int last = lastYearByContract.values().stream().min(Integer::compare).orElseThrow();
            List<String> limiting = lastYearByContract.entrySet().stream().filter(e -> e.getValue() == last)
                    .map(Map.Entry::getKey).toList();
            if (firstYearByContract.isEmpty()) return new DataCoverage(LocalDate.of(last + 1, 1, 1), limiting, null, List.of());
            int first = firstYearByContract.values().stream().max(Integer::compare).orElseThrow();
            List<String> startLimiting = firstYearByContract.entrySet().stream().filter(e -> e.getValue() == first)
                    .map(Map.Entry::getKey).toList();
            return new DataCoverage(LocalDate.of(last + 1, 1, 1), limiting, LocalDate.of(first, 1, 1), startLimiting);
        }

        /**
         * The latest period end that can be reported: a case on the period's last day (end − 1) is followed up
         * to end − 1 + followUpDays, which must be covered (≤ this.end − 1), so end ≤ this.end − followUpDays.
         */
        LocalDate reportableEnd(int followUpDays) {
            return end.minusDays(followUpDays);
        }

        String reason(Period p, int followUpDays) {
            if (start != null && p.start().isBefore(start)) {
                return "before the data: " + String.join(", ", startLimiting) + " covered from " + start;
            }
            String covered = String.join(", ", limiting) + " covered through " + end.minusDays(1);
            if (!p.end().isAfter(end)) {
                return "its " + followUpDays + "-day follow-up needs data through "
                        + p.end().minusDays(1).plusDays(followUpDays) + "; " + covered;
            }
            return "beyond the data: " + covered;
        }
    }

    /** The periods of a run and the small-unit rule over them. */
    record PeriodPlan(List<Period> periods, SmallUnitPooling pooling) {
    }

    /**
     * The periods a request asks for: the frequency's periods, rolling windows for every unit (the request's
     * rollingYears, else periodRules.poolYears), and the windows of the small-unit rule. The rule needs yearly
     * periods; windows lie wholly inside the range and the years with data, so small units of the first years
     * are reported for the year alone.
     */
    static PeriodPlan plan(IndicatorMeta meta, RunRequest request, LocalDate first, LocalDate last) {
        return plan(meta, request, first, last, null, null);
    }

    /**
     * As {@link #plan(IndicatorMeta, RunRequest, LocalDate, LocalDate)}, keeping only periods that start on or after
     * {@code reportableStart} (the first year every source of the indicator covers) and end on or before
     * {@code reportableEnd} (the store's coverage less the indicator's follow-up); null: no bound.
     */
    static PeriodPlan plan(IndicatorMeta meta, RunRequest request, LocalDate first, LocalDate last,
                           LocalDate reportableStart, LocalDate reportableEnd) {
        Frequency frequency = frequency(meta, request);
        PeriodRules rules = meta.periodRules();
        int rolling = request.rollingYears() > 0 ? request.rollingYears()
                : rules != null && rules.poolYears() != null && rules.poolYears() > 1 ? rules.poolYears() : 0;
        List<Period> periods = new ArrayList<>(request.from() == null
                ? Periods.covering(frequency, first, last)
                : Periods.within(frequency, request.from(), request.to()));
        if (reportableEnd != null) periods.removeIf(p -> p.end().isAfter(reportableEnd));
        if (reportableStart != null) periods.removeIf(p -> p.start().isBefore(reportableStart));
        List<Period> base = List.copyOf(periods);
        // windows lie inside both the range and the data: a window reaching into years without data would
        // carry fewer years than its label says
        int firstYear = request.from() == null ? first.getYear() : Math.max(first.getYear(), request.from().getYear()
                + (request.from().getDayOfYear() == 1 ? 0 : 1));
        int lastYear = request.from() == null ? last.getYear() : Math.min(last.getYear(), request.to().minusDays(1).getYear()
                - (request.to().getDayOfYear() == 1 ? 0 : 1));
        // the last whole year ending on or before reportableEnd ends on 1 January of reportableEnd's year
        if (reportableEnd != null) lastYear = Math.min(lastYear, reportableEnd.getYear() - 1);
        if (reportableStart != null) firstYear = Math.max(firstYear, reportableStart.getYear());
        List<Period> forAll = rolling > 0 ? Periods.rolling(rolling, firstYear + rolling - 1, lastYear) : List.of();
        for (Period p : forAll) {
            if (!periods.contains(p)) periods.add(p);
        }
        int small = rules != null && rules.smallUnitPoolYears() != null ? rules.smallUnitPoolYears() : 0;
        if (small < 2 || rules.smallUnitBelowDenominator() == null || frequency != Frequency.YEAR) {
            return new PeriodPlan(periods, SmallUnitPooling.NONE);
        }
        Map<Period, Period> windowOfYear = new LinkedHashMap<>();
        Set<Period> onlyForSmall = new java.util.HashSet<>();
        for (Period window : Periods.rolling(small, firstYear + small - 1, lastYear)) {
            Period year = Periods.parse(Integer.toString(window.end().getYear() - 1));
            if (!base.contains(year)) continue;
            windowOfYear.put(year, window);
            if (!forAll.contains(window)) onlyForSmall.add(window);
            if (!periods.contains(window)) periods.add(window);
        }
        return new PeriodPlan(periods, new SmallUnitPooling(rules.smallUnitBelowDenominator(), windowOfYear, onlyForSmall));
    }

    /**
     * For a request with a range: when no period of it can be reported whatever the cases are (every period the
     * plan could hold lies before {@code coverage}'s start or beyond its end less the follow-up), the periods a run
     * with cases would name as left out, with their reasons; null when some period might be reported, or when what
     * would be left out depends on the years the cases fall in (rolling or small-unit windows).
     *
     * <p>The periods of a plan over the cases' first and last day are among those of the plan over the whole range
     * (the same base periods; windows only between years with cases), so an empty plan over the range means an empty
     * plan for any cases.
     */
    static List<LeftOutPeriod> noneReportable(IndicatorMeta meta, RunRequest request, DataCoverage coverage, int followUpDays) {
        if (request.from() == null) return null;
        LocalDate lastDay = request.to().minusDays(1);
        if (!plan(meta, request, request.from(), lastDay, coverage.start(), coverage.reportableEnd(followUpDays))
                .periods().isEmpty()) {
            return null;
        }
        List<Period> unbounded = plan(meta, request, request.from(), lastDay, null, null).periods();
        if (!Periods.within(frequency(meta, request), request.from(), request.to()).containsAll(unbounded)) return null;
        return unbounded.stream().map(p -> new LeftOutPeriod(p.label(), coverage.reason(p, followUpDays))).toList();
    }

    /**
     * The query reducing an indicator's case rows to the reduced table's columns: sufficient statistics per month
     * and raw unit codes. Its sums do not depend on the order DuckDB's threads meet the rows in (see
     * {@link #orderFreeSum}).
     */
    public static String reducedSql(String indicatorJdbcSql, boolean withValues) {
        return "SELECT CAST(date_trunc('month', event_date) AS DATE) AS month, provider_org, residence_municipality, "
                + "residence_county, central_id, "
                + "CAST(count(*) AS BIGINT) AS n_rows, "
                + "CAST(count(*) FILTER (WHERE event_date IS NULL OR numerator IS NULL OR denominator IS NULL) AS BIGINT) AS n_bad, "
                + orderFreeSum("numerator") + " AS num, " + orderFreeSum("denominator") + " AS den, "
                + "CAST(count(value) AS BIGINT) AS n_values, " + orderFreeSum("value") + " AS s1, "
                + orderFreeSum("value * value") + " AS s2"
                + (withValues ? ", list(value) FILTER (WHERE value IS NOT NULL) AS vals" : "")
                + "\nFROM (SELECT " + String.join(", ", OutputContract.COLUMNS) + " FROM (\n" + indicatorJdbcSql
                + "\n) AS indicator_query) AS c\nGROUP BY ALL";
    }

    /**
     * The DOUBLE sum of {@code term} over a group, the same whatever the order of its rows: DuckDB adds a group's
     * terms in the order its threads meet them, so a plain sum of fractions (an expected survival, a survey score,
     * a time in minutes) may differ in its last digit from run to run on a store of more than one row group (the
     * five-year relative survival indicators did, between --threads 1 and 2 at scale 1). Whole terms are added as
     * HUGEINT (exact, so the same double as a plain sum that was exact: whole-number results are unchanged), the
     * other terms in ascending order, then the two parts; null when every term is null, as sum().
     */
    static String orderFreeSum(String term) {
        String whole = "(" + term + ") = trunc(" + term + ") AND abs(" + term + ") < 1e30";
        return "CAST(CASE WHEN count(" + term + ") = 0 THEN NULL ELSE "
                + "CAST(coalesce(sum(TRY_CAST(" + term + " AS HUGEINT)) FILTER (WHERE " + whole + "), 0) AS DOUBLE) + "
                + "coalesce(list_sum(list_sort(list(" + term + ") FILTER (WHERE NOT (" + whole + ")))), 0.0) END AS DOUBLE)";
    }

    /**
     * The reduced table from case rows already materialised in {@code caseTable} (the same rows the indicator query
     * gives with the run's parameters): the same sums, without running the indicator query again.
     */
    void reduceFrom(String caseTable, boolean withValues, String reduced) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + reduced + " AS " + reducedSql("SELECT * FROM " + caseTable, withValues));
        }
    }

    void reduce(Indicator indicator, Map<String, Object> params, boolean withValues, String reduced) throws SQLException {
        String sql = "CREATE OR REPLACE TEMP TABLE " + reduced + " AS " + reducedSql(indicator.sql().jdbcText(), withValues);
        try {
            withPersonKeys(() -> withSharedCohort(indicator, params, () -> {
                try (PreparedStatement ps = prepareChecked(indicator, sql, params)) {
                    return ps.execute();
                }
            }));
        } catch (SQLException e) {
            throw new SQLException(indicator.sqlFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code wrapped} (SQL that holds the indicator's query) prepared with the indicator's parameters bound, after
     * checking the bare query's output columns against the output contract.
     */
    PreparedStatement prepareChecked(Indicator indicator, String wrapped, Map<String, Object> params)
            throws SQLException {
        // check the output contract on the bare query's metadata before running anything
        String problem = OutputContract.checkUnbound(connection, indicator.sql().jdbcText());
        if (problem != null) throw new SQLException(problem);
        PreparedStatement ps = connection.prepareStatement(wrapped);
        try {
            var types = indicator.parameterTypes();
            List<String> occ = indicator.sql().occurrences();
            for (int k = 0; k < occ.size(); k++) types.get(occ.get(k)).bind(ps, k + 1, params.get(occ.get(k)));
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    record CaseSummary(long rows, LocalDate first, LocalDate last) {
    }

    CaseSummary summarise(Indicator indicator, String reduced) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(coalesce(sum(n_rows), 0) AS BIGINT), min(month), max(month), "
                     + "CAST(coalesce(sum(n_bad), 0) AS BIGINT) FROM " + reduced)) {
            rs.next();
            long bad = rs.getLong(4);
            if (bad > 0) {
                throw new SQLException(indicator.sqlFile() + ": the output contract requires event_date, numerator and "
                        + "denominator on every row; " + bad + " row(s) have a null in one of them");
            }
            LocalDate lastMonth = rs.getObject(3, LocalDate.class);
            return new CaseSummary(rs.getLong(1), rs.getObject(2, LocalDate.class),
                    lastMonth == null ? null : lastMonth.plusMonths(1).minusDays(1));
        }
    }

    /** Writes the periods and, per month, the periods that contain it ({@code months}, what the mapping joins). */
    void writePeriods(List<Period> periods, String table, String months) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + table + " (period_start DATE, period_end DATE, period_label VARCHAR)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            for (Period p : periods) {
                ps.setObject(1, p.start());
                ps.setObject(2, p.end());
                ps.setString(3, p.label());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // every month maps to the periods that contain it: an equi-join, and windows may overlap
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + months + " AS SELECT CAST(unnest(range(period_start, period_end, "
                    + "INTERVAL 1 MONTH)) AS DATE) AS month, period_start, period_end, period_label FROM " + table);
        }
    }

    /** Key column, name column and parent columns of each non-nation level in the mapped case rows. */
    private static final Map<Level, String> KEY = Map.ofEntries(Map.entry(Level.RHF, "rhf_id"), Map.entry(Level.HF, "hf_id"),
            Map.entry(Level.HOSPITAL, "hospital_id"), Map.entry(Level.COUNTY, "county_id"),
            Map.entry(Level.MUNICIPALITY, "municipality_id"), Map.entry(Level.CENTRAL, "central_id"),
            Map.entry(Level.AMK, "amk_id"), Map.entry(Level.LEGEVAKT, "legevakt_id"),
            Map.entry(Level.RHF_RESIDENCE, "rhf_residence_id"), Map.entry(Level.HF_RESIDENCE, "hf_residence_id"),
            Map.entry(Level.MUNICIPALITY_GROUP, "municipality_group_id"),
            Map.entry(Level.MUNICIPALITY_CENTRALITY, "municipality_centrality_id"));
    private static final Map<Level, String> NAME = Map.ofEntries(Map.entry(Level.RHF, "rhf_name"), Map.entry(Level.HF, "hf_name"),
            Map.entry(Level.HOSPITAL, "hospital_name"), Map.entry(Level.COUNTY, "county_name"),
            Map.entry(Level.MUNICIPALITY, "municipality_name"), Map.entry(Level.CENTRAL, "central_name"),
            Map.entry(Level.AMK, "amk_name"), Map.entry(Level.LEGEVAKT, "legevakt_name"),
            Map.entry(Level.RHF_RESIDENCE, "rhf_residence_name"), Map.entry(Level.HF_RESIDENCE, "hf_residence_name"),
            Map.entry(Level.MUNICIPALITY_GROUP, "municipality_group_name"),
            Map.entry(Level.MUNICIPALITY_CENTRALITY, "municipality_centrality_name"));
    /** The key columns that are some level's parent, in the order the aggregation selects them. */
    private static final List<String> PARENT_KEYS = List.of("rhf_id", "hf_id", "county_id", "rhf_residence_id");

    /**
     * Maps the reduced rows of {@code source} to periods (through the month table {@code months} of
     * {@link #writePeriods}) and units (every level column, 'unknown' where unmapped).
     */
    static String mappedCasesSql(Set<Level> levels, String source, boolean quantile, String months) {
        boolean provider = levels.contains(Level.RHF) || levels.contains(Level.HF) || levels.contains(Level.HOSPITAL);
        boolean residence = levels.contains(Level.COUNTY) || levels.contains(Level.MUNICIPALITY);
        boolean central = levels.contains(Level.CENTRAL);
        boolean catchment = levels.contains(Level.RHF_RESIDENCE) || levels.contains(Level.HF_RESIDENCE);
        StringBuilder sb = new StringBuilder("SELECT p.period_start, p.period_end, p.period_label, c.num, c.den, c.n_values, c.s1, c.s2");
        if (provider) {
            sb.append(", coalesce(lp.rhf_id, 'unknown') AS rhf_id, lp.rhf_name, coalesce(lp.hf_id, 'unknown') AS hf_id, lp.hf_name")
              .append(", coalesce(lp.hospital_id, 'unknown') AS hospital_id, lp.hospital_name");
        }
        if (residence) {
            sb.append(", coalesce(lm.municipality_id, 'unknown') AS municipality_id, lm.municipality_name")
              .append(", coalesce(lm.county_id, lc.county_id, 'unknown') AS county_id, coalesce(lm.county_name, lc.county_name) AS county_name");
        }
        if (central) sb.append(", coalesce(ce.central_id, 'unknown') AS central_id, ce.central_name");
        for (Level typed : List.of(Level.AMK, Level.LEGEVAKT)) {
            if (!levels.contains(typed)) continue;
            String t = "ce_" + typed.code();
            sb.append(", coalesce(").append(t).append(".central_id, 'unknown') AS ").append(KEY.get(typed))
              .append(", ").append(t).append(".central_name AS ").append(NAME.get(typed));
        }
        if (catchment) {
            sb.append(", coalesce(lca.rhf_residence_id, 'unknown') AS rhf_residence_id, lca.rhf_residence_name")
              .append(", coalesce(lca.hf_residence_id, 'unknown') AS hf_residence_id, lca.hf_residence_name");
        }
        if (levels.contains(Level.MUNICIPALITY_GROUP)) {
            sb.append(", coalesce(lmg.municipality_group_id, 'unknown') AS municipality_group_id, lmg.municipality_group_name");
        }
        if (levels.contains(Level.MUNICIPALITY_CENTRALITY)) {
            sb.append(", coalesce(lmc.municipality_centrality_id, 'unknown') AS municipality_centrality_id")
              .append(", lmc.municipality_centrality_name");
        }
        if (quantile) sb.append(", c.vals");
        sb.append("\nFROM ").append(source).append(" c JOIN ").append(months).append(" p ON p.month = c.month");
        if (provider) sb.append("\nLEFT JOIN ref_level_provider lp ON lp.provider_org = c.provider_org");
        if (residence) {
            sb.append("\nLEFT JOIN ref_level_municipality lm ON lm.registered_nr = lpad(c.residence_municipality, 4, '0')")
              .append("\nLEFT JOIN ref_level_county lc ON c.residence_municipality IS NULL AND lc.county_id = lpad(c.residence_county, 2, '0')");
        }
        if (central) sb.append("\nLEFT JOIN ref_level_central ce ON ce.central_id = c.central_id");
        for (Level typed : List.of(Level.AMK, Level.LEGEVAKT)) {
            if (!levels.contains(typed)) continue;
            String t = "ce_" + typed.code();
            sb.append("\nLEFT JOIN ref_level_central_typed ").append(t).append(" ON ").append(t).append(".central_id = c.central_id AND ")
              .append(t).append(".central_type = '").append(typed.code()).append("'");
        }
        if (catchment) {
            sb.append("\nLEFT JOIN ref_level_catchment lca ON lca.registered_nr = lpad(c.residence_municipality, 4, '0')");
        }
        if (levels.contains(Level.MUNICIPALITY_GROUP)) {
            sb.append("\nLEFT JOIN ref_level_municipality_group lmg ON lmg.registered_nr = lpad(c.residence_municipality, 4, '0')");
        }
        if (levels.contains(Level.MUNICIPALITY_CENTRALITY)) {
            sb.append("\nLEFT JOIN ref_level_municipality_centrality lmc ON lmc.registered_nr = lpad(c.residence_municipality, 4, '0')");
        }
        return sb.toString();
    }

    /** The one GROUPING SETS aggregation over the mapped cases (and, for quantiles, the sorted values). */
    static String aggregateSql(Set<Level> levels, boolean quantile, String source, String months) {
        return aggregateSql(levels, quantile, source, months, false);
    }

    /**
     * As {@link #aggregateSql(Set, boolean, String, String)}; with {@code numDenOnly} the source's n_values, s1 and s2
     * are zero in every row (an observed/expected table), so only num and den are summed, each as the sum of its
     * sorted list: the same values added in the same order as {@code sum(x ORDER BY x)}, without the ordered
     * aggregate's per-group sort state (issue #17, readmit20: about half of this pass's CPU for a risk model's O and E).
     */
    static String aggregateSql(Set<Level> levels, boolean quantile, String source, String months, boolean numDenOnly) {
        // double sums in value order: the order rows arrive in varies between processes, and a release must be
        // reproducible to the last bit (ReleaseReproducibilityIT)
        String sums;
        if (numDenOnly) {
            // a sum of zeros is +0.0 (and 0 for n_values), exactly what the ordered sums give on such a table
            sums = ", CAST(list_sum(list_sort(list(num))) AS DOUBLE) AS num, CAST(list_sum(list_sort(list(den))) AS DOUBLE) AS den"
                    + ", CAST(0 AS BIGINT) AS n_values, CAST(0 AS DOUBLE) AS s1, CAST(0 AS DOUBLE) AS s2";
        } else {
            sums = ", CAST(sum(num ORDER BY num) AS DOUBLE) AS num, CAST(sum(den ORDER BY den) AS DOUBLE) AS den"
                    + ", CAST(sum(n_values) AS BIGINT) AS n_values, CAST(sum(s1 ORDER BY s1) AS DOUBLE) AS s1"
                    + ", CAST(sum(s2 ORDER BY s2) AS DOUBLE) AS s2";
        }
        if (quantile) sums += ", list_sort(flatten(list(vals))) AS vals";
        return groupingSetsSql(levels, source, quantile, months, sums);
    }

    /**
     * A benchmark floor for a quantile measure (issue #17, qfloor): what an analyst would write in DuckDB directly.
     * The indicator's case rows (not reduced, no value lists), mapped to the run's periods and units and grouped by
     * the same GROUPING SETS cells as {@link #aggregateSql}, with plain sums and DuckDB's own {@code quantile_cont}
     * of the values: the engine's quantile, linear interpolation between order statistics (Hyndman and Fan 1996,
     * Am. Stat. 50:361, definition 7). The engine's order-statistic interval ends are left out.
     */
    public static String bareQuantileSql(Set<Level> levels, double p, String indicatorJdbcSql, String months) {
        // one case row, shaped as a reduced row (its value in the column the mapping carries as vals)
        String cases = "(SELECT CAST(date_trunc('month', event_date) AS DATE) AS month, provider_org, residence_municipality, "
                + "residence_county, central_id, numerator AS num, denominator AS den, CAST(0 AS BIGINT) AS n_values, "
                + "CAST(0 AS DOUBLE) AS s1, CAST(0 AS DOUBLE) AS s2, CAST(value AS DOUBLE) AS vals\nFROM (\n" + indicatorJdbcSql
                + "\n) AS indicator_query)";
        String aggregates = ", CAST(sum(num) AS DOUBLE) AS num, CAST(sum(den) AS DOUBLE) AS den, count(vals) AS n_values"
                + ", quantile_cont(vals, " + p + ") AS quant";
        return groupingSetsSql(levels, cases, true, months, aggregates);
    }

    /**
     * The mapped rows of {@code source} grouped by period and by period and unit at every level of {@code levels}
     * (the unit columns, names and parents the reading expects), with {@code aggregates} (", expr AS name…").
     */
    private static String groupingSetsSql(Set<Level> levels, String source, boolean mappedValues, String months,
                                          String aggregates) {
        List<Level> keyed = levels.stream().filter(l -> l != Level.NATION).sorted().toList();
        Set<String> present = new TreeSet<>();
        boolean provider = keyed.stream().anyMatch(l -> l == Level.RHF || l == Level.HF || l == Level.HOSPITAL);
        boolean residence = keyed.stream().anyMatch(l -> l == Level.COUNTY || l == Level.MUNICIPALITY);
        if (provider) present.addAll(List.of("rhf_id", "hf_id", "hospital_id"));
        if (residence) present.addAll(List.of("county_id", "municipality_id"));
        if (keyed.contains(Level.CENTRAL)) present.add("central_id");
        if (keyed.contains(Level.RHF_RESIDENCE) || keyed.contains(Level.HF_RESIDENCE)) {
            present.addAll(List.of("rhf_residence_id", "hf_residence_id"));
        }
        String p = "period_start, period_end, period_label";
        StringBuilder sb = new StringBuilder("WITH m AS (\n").append(mappedCasesSql(levels, source, mappedValues, months)).append("\n)\nSELECT ").append(p);
        for (Level l : keyed) {
            sb.append(", grouping(").append(KEY.get(l)).append(") AS g_").append(l.code())
              .append(", ").append(KEY.get(l)).append(" AS key_").append(l.code())
              .append(", min(").append(NAME.get(l)).append(") AS name_").append(l.code());
        }
        for (String parent : PARENT_KEYS) {
            if (present.contains(parent)) sb.append(", min(").append(parent).append(") AS parent_").append(parent);
        }
        sb.append(aggregates);
        sb.append("\nFROM m\nGROUP BY GROUPING SETS ((").append(p).append(")");
        for (Level l : keyed) sb.append(", (").append(p).append(", ").append(KEY.get(l)).append(")");
        return sb.append(")").toString();
    }

    /**
     * The aggregates of a reduced-shaped table at every level of {@code meta} over {@code periods} (written to
     * {@code months}); for a quantile measure the run's tables {@code aggregated} and {@code ranks} hold the steps.
     */
    List<UnitAggregate> aggregate(IndicatorMeta meta, List<Period> periods, String source, String months,
                                  String aggregated, String ranks) throws SQLException {
        Set<Level> levels = EnumSet.copyOf(meta.levels());
        Double q = meta.measure().quantile();
        String sql = aggregateSql(levels, false, source, months);
        Map<String, Period> byLabel = new HashMap<>();
        for (Period p : periods) byLabel.put(p.start() + "|" + p.end(), p);
        try (Statement st = connection.createStatement()) {
            if (q == null) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    return read(rs, meta, byLabel, false);
                }
            }
            if (!byValueCounts(source)) {
                st.execute("CREATE OR REPLACE TEMP TABLE " + aggregated + " AS " + aggregateSql(levels, true, source, months));
                writeRanks(sizes(st, aggregated), q, ranks);
                try (ResultSet rs = st.executeQuery("SELECT a.* EXCLUDE (vals), "
                        + "a.vals[r.lo] + r.frac * (a.vals[r.hi] - a.vals[r.lo]) AS quant, "
                        + "CASE WHEN r.r >= 1 THEN a.vals[r.r] END AS q_low, "
                        + "CASE WHEN r.s <= a.n_values THEN a.vals[r.s] END AS q_high "
                        + "FROM " + aggregated + " a LEFT JOIN " + ranks + " r ON r.n = a.n_values")) {
                    return read(rs, meta, byLabel, true);
                }
            }
            // the sums as for any measure; the quantile's values come from counts per value (quantileSql)
            st.execute("CREATE OR REPLACE TEMP TABLE " + aggregated + " AS " + sql);
            writeRanks(sizes(st, aggregated), q, ranks);
            try (ResultSet rs = st.executeQuery(quantileSql(levels, source, months, aggregated, ranks))) {
                return read(rs, meta, byLabel, true);
            }
        }
    }

    /** The distinct numbers of values of the aggregate rows (the sample sizes the ranks are needed for). */
    private static List<Long> sizes(Statement st, String aggregated) throws SQLException {
        List<Long> sizes = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT n_values FROM " + aggregated + " WHERE n_values > 0")) {
            while (rs.next()) sizes.add(rs.getLong(1));
        }
        return sizes;
    }

    /** How a quantile's order statistics are taken; both give the same values (tests force each). */
    enum QuantileMethod { CHOSEN_BY_REPEATS, SORTED_LISTS, VALUE_COUNTS }

    /**
     * Values a quantile must have, and how often each must repeat on average, to be taken from value counts. Measured
     * at release shape (2019–2024, scale 1, one DuckDB thread, CPU s; issue #17, branch quantile): waiting days and
     * answer or dispatch seconds repeat 800–17,000 times (the counting statement against the sorted lists: PHV adults
     * 0.30 / 0.69, AMK dispatch 0.17 / 0.60), ambulance response minutes (tenths of a minute) 100–490 times and are
     * quicker sorted (urban 1.0 / 0.75, rural 0.48 / 0.21): at 100 repeats, the threshold before, the urban ambulance
     * quantiles went by counts. Under 250,000 values the counts' separate sums pass outweighs them (the whole engine
     * run of the tsb median, 209,000 values: 0.50 sorted, 0.61 by counts).
     */
    static final long COUNTS_MIN_VALUES = 250_000;
    static final long COUNTS_MIN_REPEATS = 600;

    /** How this engine takes quantiles, fixed when it is made: by the values' repeats, or forced (tests). */
    private final QuantileMethod quantileMethod;

    /**
     * Whether {@link #quantileSql} (counts per distinct value) beats sorting the value lists at every level: at scale
     * 1 it took a median over a million waiting days (a few hundred distinct) from 1.5 to 1.0 CPU s, but made
     * ambulance response minutes (few repeats within a unit) slower (issue #17; thresholds: {@link #COUNTS_MIN_REPEATS}).
     */
    private boolean byValueCounts(String source) throws SQLException {
        if (quantileMethod != QuantileMethod.CHOSEN_BY_REPEATS) return quantileMethod == QuantileMethod.VALUE_COUNTS;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*), count(DISTINCT value) FROM (SELECT unnest(vals) AS value FROM " + source + ")")) {
            rs.next();
            long values = rs.getLong(1);
            long distinct = rs.getLong(2);
            return values >= COUNTS_MIN_VALUES && values >= COUNTS_MIN_REPEATS * distinct;
        }
    }

    /**
     * The rows of {@code aggregated} (the sums of {@link #aggregateSql} without values) with the quantile and its
     * interval ends: the sorted values at the ranks of {@code ranks} for the row's number of values, taken from the
     * count of each distinct value per unit and period (the k-th smallest value is the least value whose running
     * count reaches k). The values are those the list of {@code vals} held, so the results are the same as indexing
     * the sorted list, which grouped and sorted every value again at each level (issue #17: about 0.9 of the 1.5
     * CPU s of a median over a million waiting times at scale 1). Waiting days and seconds repeat, so the counts are
     * far fewer than the values.
     * <p>
     * The values are counted once per period, finest unit (every level's key together) and value, straight from the
     * unnested lists, and the level grouping adds up those counts: before (issue #17, branch quantile) each reduced
     * row's values were counted on its row number in a materialised copy of the mapped rows and joined back to it,
     * about twice the CPU at release shape (call_116117_answer_median 1.45 → 0.5 s, 2019–2024, scale 1).
     */
    static String quantileSql(Set<Level> levels, String source, String months, String aggregated, String ranks) {
        List<Level> keyed = levels.stream().filter(l -> l != Level.NATION).sorted().toList();
        String p = "period_start, period_end, period_label";
        StringBuilder finest = new StringBuilder();
        StringBuilder groupings = new StringBuilder();
        StringBuilder unitColumns = new StringBuilder();
        StringBuilder sets = new StringBuilder("(" + p + ", value)");
        StringBuilder same = new StringBuilder("c.period_start = a.period_start AND c.period_end = a.period_end "
                + "AND c.period_label = a.period_label");
        for (Level l : keyed) {
            String key = KEY.get(l);
            finest.append(", ").append(key);
            groupings.append(", grouping(").append(key).append(") AS g_").append(l.code())
                     .append(", ").append(key).append(" AS key_").append(l.code());
            unitColumns.append(", g_").append(l.code()).append(", key_").append(l.code());
            sets.append(", (").append(p).append(", ").append(key).append(", value)");
            same.append(" AND c.g_").append(l.code()).append(" = a.g_").append(l.code())
                .append(" AND c.key_").append(l.code()).append(" IS NOT DISTINCT FROM a.key_").append(l.code());
        }
        String picked = same.toString().replace("c.", "k.");
        return "WITH m AS (\n" + mappedCasesSql(levels, source, true, months) + "\n),\n"
                + "fine AS (SELECT " + p + finest + ", value, count(*) AS cnt FROM (SELECT " + p + finest
                + ", unnest(vals) AS value FROM m) GROUP BY ALL),\n"
                + "counts AS (SELECT " + p + groupings + ", value, sum(cnt) AS cnt FROM fine "
                + "GROUP BY GROUPING SETS (" + sets + ")),\n"
                + "c AS (SELECT *, sum(cnt) OVER (PARTITION BY " + p + unitColumns + " ORDER BY value "
                + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto FROM counts),\n"
                + "k AS (SELECT a." + p.replace(", ", ", a.") + unitColumns.toString().replace(", ", ", a.")
                + ", min(c.value) FILTER (WHERE c.upto >= r.lo) AS v_lo, min(c.value) FILTER (WHERE c.upto >= r.hi) AS v_hi"
                + ", min(c.value) FILTER (WHERE c.upto >= r.r) AS v_r, min(c.value) FILTER (WHERE c.upto >= r.s) AS v_s"
                + "\nFROM " + aggregated + " a JOIN " + ranks + " r ON r.n = a.n_values JOIN c ON " + same
                + "\nGROUP BY ALL)\n"
                + "SELECT a.*, k.v_lo + r.frac * (k.v_hi - k.v_lo) AS quant, CASE WHEN r.r >= 1 THEN k.v_r END AS q_low, "
                + "CASE WHEN r.s <= a.n_values THEN k.v_s END AS q_high\n"
                + "FROM " + aggregated + " a LEFT JOIN " + ranks + " r ON r.n = a.n_values LEFT JOIN k ON " + picked;
    }

    /** Per sample size: interpolation ranks of the quantile (DuckDB quantile_cont's rule) and the CI ranks. */
    private void writeRanks(List<Long> sizes, double p, String ranks) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + ranks + " (n BIGINT, lo INTEGER, hi INTEGER, frac DOUBLE, r INTEGER, s INTEGER)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + ranks + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (long n : sizes) {
                double h = (n - 1) * p;
                int lo = (int) Math.floor(h);
                int[] ci = Intervals.quantileRanks(n, p, Intervals.ALPHA);
                ps.setLong(1, n);
                ps.setInt(2, lo + 1);
                ps.setInt(3, (int) Math.min(lo + 2, n));
                ps.setDouble(4, h - lo);
                ps.setInt(5, ci[0]);
                ps.setInt(6, ci[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<UnitAggregate> read(ResultSet rs, IndicatorMeta meta, Map<String, Period> periods, boolean quantile)
            throws SQLException {
        List<Level> keyed = meta.levels().stream().filter(l -> l != Level.NATION).sorted().toList();
        List<UnitAggregate> out = new ArrayList<>();
        while (rs.next()) {
            Period period = periods.get(rs.getObject("period_start", LocalDate.class) + "|"
                    + rs.getObject("period_end", LocalDate.class));
            Level level = Level.NATION;
            for (Level l : keyed) {
                if (rs.getInt("g_" + l.code()) == 0) level = l;
            }
            String unitId = level == Level.NATION ? ResultSchema.NATION_ID : rs.getString("key_" + level.code());
            String unitName = level == Level.NATION ? ResultSchema.NATION_NAME : rs.getString("name_" + level.code());
            boolean unknown = ResultSchema.UNKNOWN_UNIT.equals(unitId);
            if (unknown) unitName = ResultSchema.UNKNOWN_UNIT;
            String parentId = null;
            if (level != Level.NATION && !unknown) {
                Level ancestor = Reporting.reportedAncestor(level, meta.levels());
                parentId = ancestor == Level.NATION ? ResultSchema.NATION_ID : rs.getString("parent_" + KEY.get(ancestor));
            }
            out.add(new UnitAggregate(period, level, unitId, unitName, parentId, rs.getDouble("num"), rs.getDouble("den"),
                    rs.getLong("n_values"), mean(rs), sd(rs),
                    quantile ? nullable(rs, "quant") : null, quantile ? nullable(rs, "q_low") : null,
                    quantile ? nullable(rs, "q_high") : null));
        }
        return out;
    }

    private static Double mean(ResultSet rs) throws SQLException {
        long n = rs.getLong("n_values");
        return n > 0 ? rs.getDouble("s1") / n : null;
    }

    /** Sample standard deviation from the sums (values are days or minutes: no cancellation worth a two-pass). */
    private static Double sd(ResultSet rs) throws SQLException {
        long n = rs.getLong("n_values");
        if (n < 2) return null;
        double s1 = rs.getDouble("s1");
        double var = (rs.getDouble("s2") - s1 * s1 / n) / (n - 1);
        return Math.sqrt(Math.max(0, var));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Materialises the indicator's case rows (all output columns, covariates included) for [from, to) of
     * the request into the temp table {@code table}, for work that needs cases rather than aggregates
     * (risk models). The range ends where the store stops covering the cases with their follow-up (as for
     * {@link #run}): a model is not fitted on cases whose outcome the store cannot yet show. Returns the number
     * of rows. The table is the caller's: {@link EngineRun#cases} makes one the run owns.
     */
    public long createCaseTable(Indicator indicator, RunRequest request, String table) throws SQLException {
        if (!table.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("table name must be lower_snake_case: " + table);
        LocalDate[] range = caseRange(indicator, request);
        return createCaseTable(indicator, parameters(indicator, request, range[0], range[1]), table);
    }

    /**
     * The case range [from, to) of {@link #createCaseTable}: the request's, ending where the store stops covering
     * the cases with their follow-up and starting where every source covers.
     */
    LocalDate[] caseRange(Indicator indicator, RunRequest request) throws SQLException {
        return caseRange(indicator, request, coverage(indicator.meta()));
    }

    /** As {@link #caseRange(Indicator, RunRequest)} with the store's coverage of the indicator already read. */
    LocalDate[] caseRange(Indicator indicator, RunRequest request, DataCoverage coverage) {
        LocalDate from = request.from() == null ? OPEN_START : request.from();
        LocalDate to = request.to() == null ? OPEN_END : request.to();
        if (coverage != null) {
            IndicatorMeta meta = indicator.meta();
            Map<String, Object> declared = indicator.parameterValues(request.parameters());
            LocalDate reportableEnd = coverage.reportableEnd(meta.followUp() == null ? 0 : meta.followUp().daysFor(declared));
            if (reportableEnd.isBefore(to)) to = reportableEnd;
            // nor on the truncated cases dated before the first year every source covers
            if (coverage.start() != null && coverage.start().isAfter(from)) from = coverage.start();
        }
        return new LocalDate[] {from, to};
    }

    /** The indicator's case rows with these parameter values in the temp table {@code table}; returns the rows. */
    long createCaseTable(Indicator indicator, Map<String, Object> params, String table) throws SQLException {
        String sql = "CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM (\n" + indicator.sql().jdbcText()
                + "\n) AS indicator_query";
        try {
            withPersonKeys(() -> withSharedCohort(indicator, params, () -> {
                try (PreparedStatement ps = prepareChecked(indicator, sql, params)) {
                    return ps.execute();
                }
            }));
        } catch (SQLException e) {
            throw new SQLException(indicator.sqlFile() + ": " + e.getMessage(), e);
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
