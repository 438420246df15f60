package no.kvik.notebook;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.analysis.FunnelSummary;
import no.kvik.analysis.TrendAlert;
import no.kvik.analysis.UnitTrend;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.ParameterDecl;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.report.AnalysisFiles;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.Overdispersion;
import tech.tablesaw.api.Table;

/**
 * One indicator as the analyst narrows it down: a period range, parameter values, a reporting level and a
 * funnel over-dispersion model. Immutable: every {@code withX}/{@code years}/{@code level} returns a new
 * query, so cells can branch from a common starting point. The engine run behind it is cached by the
 * {@link Kvik} session, so changing only the level or the over-dispersion model costs nothing.
 *
 * @param from           first day of the range, or null for all years in the store
 * @param to             end (exclusive) of the range, or null
 * @param frequency      period length, or null for the indicator's own
 * @param overrides      parameter values over the declared defaults
 * @param level          reporting level of tables and charts
 * @param overdispersion over-dispersion model of the funnel limits
 * @param period         the period of the funnel, ranking and table of one period (e.g. "2024" or a pooled window
 *                       "2022-2024"), or null for the latest period of the run's frequency
 */
public record IndicatorQuery(Kvik kvik, Indicator indicator, LocalDate from, LocalDate to, Frequency frequency,
                             Map<String, Object> overrides, Level level, Overdispersion overdispersion, String period) {

    public IndicatorQuery {
        Objects.requireNonNull(kvik, "kvik");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(overdispersion, "overdispersion");
        overrides = Map.copyOf(overrides);
        indicator.parameterValues(overrides); // an unknown parameter or a bad value fails here, naming it
    }

    /**
     * All years, the indicator's own frequency and defaults, its finest provider level (else its finest level;
     * the residence and municipality-group views beside the main levels are never the one it starts at).
     */
    static IndicatorQuery of(Kvik kvik, Indicator indicator) {
        List<Level> levels = indicator.meta().levels();
        Set<Level> besideMain = Set.of(Level.RHF_RESIDENCE, Level.HF_RESIDENCE, Level.MUNICIPALITY_GROUP,
                Level.MUNICIPALITY_CENTRALITY);
        Level start = levels.contains(Level.HOSPITAL) ? Level.HOSPITAL
                : levels.stream().filter(l -> !besideMain.contains(l)).max(Comparator.naturalOrder()).orElse(Level.NATION);
        return new IndicatorQuery(kvik, indicator, null, null, null, Map.of(), start, Overdispersion.ADDITIVE, null);
    }

    public String id() {
        return indicator.id();
    }

    // ---- narrowing the question ----

    /** Whole calendar years {@code first}..{@code last}. */
    public IndicatorQuery years(int first, int last) {
        if (last < first) throw new IllegalArgumentException("years(" + first + ", " + last + "): last before first");
        return new IndicatorQuery(kvik, indicator, LocalDate.of(first, 1, 1), LocalDate.of(last + 1, 1, 1), frequency,
                overrides, level, overdispersion, null);
    }

    public IndicatorQuery year(int year) {
        return years(year, year);
    }

    /** Period length: {@code year}, {@code half_year} or {@code tertial}. */
    public IndicatorQuery by(String frequencyCode) {
        return new IndicatorQuery(kvik, indicator, from, to, Frequency.of(frequencyCode), overrides, level,
                overdispersion, null);
    }

    /** A parameter of the indicator's SQL (see {@link #parameters()}), e.g. {@code withParameter("min_age", 70)}. */
    public IndicatorQuery withParameter(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(overrides);
        p.put(name, value);
        return new IndicatorQuery(kvik, indicator, from, to, frequency, p, level, overdispersion, period);
    }

    /**
     * The reporting level of tables and charts: nation, rhf, hf, hospital, county, municipality, central, amk,
     * legevakt, rhf_residence, hf_residence, municipality_group, municipality_centrality (those the indicator
     * declares).
     */
    public IndicatorQuery level(String code) {
        Level l = Level.of(code);
        if (!indicator.meta().levels().contains(l)) {
            throw new IllegalArgumentException(id() + " is not reported at level '" + code + "'; its levels: "
                    + indicator.meta().levels().stream().map(Level::code).toList());
        }
        return new IndicatorQuery(kvik, indicator, from, to, frequency, overrides, l, overdispersion, period);
    }

    /** Over-dispersion model of the funnel limits: none, multiplicative or additive (the default). */
    public IndicatorQuery overdispersion(String model) {
        return new IndicatorQuery(kvik, indicator, from, to, frequency, overrides, level,
                Overdispersion.valueOf(model.toUpperCase(java.util.Locale.ROOT)), period);
    }

    /**
     * The period of the funnel, its table, the outlier and the ranking: a period of the run ("2024") or whole years
     * pooled ("2023-2024": every unit's cases of those years together; "2022-2024" is also where small units are
     * reported); the default is the latest period. A window lies inside the query's years.
     */
    public IndicatorQuery period(String label) {
        no.kvik.engine.Periods.parse(label); // a malformed label fails here
        return new IndicatorQuery(kvik, indicator, from, to, frequency, overrides, level, overdispersion, label);
    }

    /** The analysis settings of this query: the release's defaults with this query's over-dispersion model. */
    public AnalysisOptions options() {
        return AnalysisOptions.defaults().withOverdispersion(overdispersion);
    }

    // ---- what the indicator is ----

    /** The indicator's SQL as written, with its named parameters ({@code $min_age}); bound, never spliced. */
    public String sql() {
        return indicator.sql().text();
    }

    /** The metadata as a two-column table (field, value). */
    public Table describe() {
        IndicatorMeta m = indicator.meta();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("id", m.id() + " " + m.version());
        rows.put("name", m.name().en());
        rows.put("description", m.description() == null ? "" : m.description().en());
        rows.put("area / type / dimension", m.area() + " / " + m.type() + " / " + m.dimension());
        rows.put("measure", m.measure().kind().code() + (m.measure().per() == null ? "" : " per " + m.measure().per()));
        rows.put("direction", m.direction() == null ? "" : m.direction().code());
        rows.put("levels", m.levels().stream().map(Level::code).collect(Collectors.joining(", ")));
        rows.put("frequency", m.frequency().code());
        rows.put("sources", String.join(", ", m.sources()));
        rows.put("target", m.target() == null ? "" : m.target().toString());
        rows.put("risk model", m.riskModel() == null ? "" : m.riskModel().toString());
        rows.put("parameters", m.parameters().stream().map(p -> p.name() + "=" + p.defaultValue())
                .collect(Collectors.joining(", ")));
        rows.put("basis", m.basis());
        rows.put("references", String.join("; ", m.references()));
        rows.put("sql file", indicator.sqlFile().toString());
        return Tables.of(id(), List.copyOf(rows.entrySet()),
                Tables.text("field", Map.Entry::getKey),
                Tables.text("value", e -> e.getValue() == null ? "" : e.getValue()));
    }

    /** The declared parameters with their defaults and the values this query uses. */
    public Table parameters() {
        Map<String, Object> values = indicator.parameterValues(overrides);
        return Tables.of(id() + " parameters", indicator.meta().parameters(),
                Tables.text("parameter", ParameterDecl::name),
                Tables.text("type", p -> p.type().name()),
                Tables.text("default", p -> String.valueOf(p.defaultValue())),
                Tables.text("value", p -> String.valueOf(values.get(p.name()))),
                Tables.text("description", p -> p.description() == null ? "" : p.description()));
    }

    // ---- levels ----

    /** The engine's run request for this query. */
    public RunRequest request() {
        RunRequest r = from == null ? RunRequest.allYears() : RunRequest.between(from, to);
        if (frequency != null) r = r.withFrequency(frequency);
        int windowYears = extraWindowYears();
        if (windowYears > 0) r = r.withRollingYears(windowYears);
        return r.withParameters(overrides);
    }

    /**
     * The length in years of the window {@link #period(String)} asks for when the indicator's own run does not
     * report windows of that length (its periodRules pool 3 years, say, and "2023-2024" is asked for), else 0: the
     * run then reports every unit's rolling windows of that length as well.
     */
    int extraWindowYears() {
        if (period == null) return 0;
        no.kvik.engine.Period p = no.kvik.engine.Periods.parse(period);
        int years = p.end().getYear() - p.start().getYear();
        boolean wholeYears = p.start().getDayOfYear() == 1 && p.end().getDayOfYear() == 1;
        if (!wholeYears || years < 2) return 0;
        no.kvik.catalog.PeriodRules rules = indicator.meta().periodRules();
        boolean reported = rules != null && (Integer.valueOf(years).equals(rules.poolYears())
                || Integer.valueOf(years).equals(rules.smallUnitPoolYears()));
        return reported ? 0 : years;
    }

    /** Every result row of the run (all levels and periods, pooled windows included), in the result schema. */
    public List<IndicatorResult> results() {
        return kvik.run(indicator, request());
    }

    /** The rows at this query's level, in periods of the run's frequency (no pooled windows). */
    List<IndicatorResult> atLevel() {
        int months = (frequency != null ? frequency : indicator.meta().frequency()).months();
        return results().stream()
                .filter(r -> r.level().equals(level.code()))
                .filter(r -> ChronoUnit.MONTHS.between(r.periodStart(), r.periodEnd()) == months)
                .toList();
    }

    /** Period labels of the run at this level, oldest first. */
    public List<String> periods() {
        return atLevel().stream().map(IndicatorResult::periodLabel).distinct().toList();
    }

    /** The latest period of the run. */
    public String latestPeriod() {
        List<String> p = periods();
        if (p.isEmpty()) throw new IllegalStateException(id() + ": no results for " + describeRange());
        return p.get(p.size() - 1);
    }

    /** Levels at this query's level: period, unit, numerator, denominator, value with CI, goal level, suppression. */
    public Table table() {
        return formatted(compact(id() + " by " + level.code(), atLevel()));
    }

    /**
     * The rows of the latest period. A small unit pooled over years in it is shown with its window's row (period
     * 2022-2024, its figures), and {@code pooled_from} names the year it stands for; other rows have it empty.
     */
    public Table latest() {
        String last = latestPeriod();
        List<IndicatorResult> rows = atLevel().stream().filter(r -> r.periodLabel().equals(last)).toList();
        // a small unit is reported for the window of years ending in the latest year, as the release shows it
        List<IndicatorResult> reported = rows.stream().map(this::reportedFor).toList();
        Table t = compact(id() + " by " + level.code() + ", " + last, reported);
        List<String> pooledFrom = java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(i -> reported.get(i) == rows.get(i) ? "" : last).toList();
        return formatted(t.addColumns(Tables.<String>text("pooled_from", p -> p).fill(pooledFrom)));
    }

    /** A row pooled over years ({@code suppressed = "pooled"}): its published window row; any other row: itself. */
    IndicatorResult reportedFor(IndicatorResult r) {
        if (!no.kvik.engine.ResultSchema.SUPPRESSED_POOLED.equals(r.suppressed())) return r;
        return results().stream().filter(w -> w.level().equals(r.level()) && w.unitId().equals(r.unitId())
                        && w.periodEnd().equals(r.periodEnd()) && w.periodStart().isBefore(r.periodStart())
                        && w.suppressed() == null)
                .findFirst().orElse(r);
    }

    /** One unit over every period (drill-down into an outlier): the unit's id or name. */
    public Table unit(String unit) {
        List<IndicatorResult> rows = atLevel().stream()
                .filter(r -> unit.equals(r.unitId()) || unit.equals(r.unitName())).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(id() + ": no unit '" + unit + "' at level " + level.code());
        }
        return formatted(compact(id() + ", " + unit, rows));
    }

    /** The nation over every period. */
    public Table nation() {
        return level(Level.NATION.code()).table();
    }

    /** Every result-schema column of every row (all levels), as the exports write them. */
    public Table resultTable() {
        return formatted(TablesawTypes.results(id(), results()));
    }

    private static Table compact(String name, List<IndicatorResult> rows) {
        return Tables.of(name, rows,
                Tables.text("period", IndicatorResult::periodLabel),
                Tables.text("unit_id", IndicatorResult::unitId),
                Tables.text("unit_name", IndicatorResult::unitName),
                Tables.number("numerator", IndicatorResult::numerator),
                Tables.number("denominator", IndicatorResult::denominator),
                Tables.number("value", IndicatorResult::value),
                Tables.number("ci_low", IndicatorResult::ciLow),
                Tables.number("ci_high", IndicatorResult::ciHigh),
                Tables.text("goal_level", r -> r.goalLevel() == null ? "" : r.goalLevel()),
                Tables.text("suppressed", r -> r.suppressed() == null ? "" : r.suppressed()));
    }

    /** The table with its numbers printed for this indicator's measure (percent for proportions). */
    private Table formatted(Table t) {
        return TableFormats.apply(t, indicator.meta().measure());
    }

    // ---- variation: every number from no.kvik.analysis.Analysis, as kvik run, kvik funnel and a release ----

    /** The funnel period asked for: {@link #period()} or the latest period. */
    String funnelPeriod() {
        return period != null ? period : latestPeriod();
    }

    /**
     * The funnel of this level and period as the analysis computes it (O/E for risk-adjusted indicators, centred
     * on the national value). Without an explicit {@link #period(String)}, when no unit of the latest period is
     * published (all small or suppressed) but a pooled window of years ending then has units, that window's.
     */
    public FunnelSummary funnelSummary() {
        AnalysedIndicator a = analysed();
        String p = funnelPeriod();
        FunnelSummary s = a.funnel(level.code(), p);
        if (s == null) {
            throw new IllegalStateException(id() + ": no funnel for " + level.code() + " " + p + " (a funnel needs a "
                    + "proportion, rate or risk-adjusted ratio at a level below the nation; funnels of this run: "
                    + a.funnels().stream().map(f -> f.level() + " " + f.periodLabel()).distinct().toList() + ")");
        }
        if (period == null && s.unitsPublished() == 0) {
            FunnelSummary window = pooledWindow(a, s);
            if (window != null) return window;
        }
        return s;
    }

    /** The pooled window of years ending with {@code s}'s period with the most published units, or null. */
    private FunnelSummary pooledWindow(AnalysedIndicator a, FunnelSummary s) {
        no.kvik.engine.Period p = no.kvik.engine.Periods.parse(s.periodLabel());
        return a.funnels().stream().filter(f -> f.level().equals(s.level()) && f.unitsPublished() > 0)
                .filter(f -> {
                    no.kvik.engine.Period w = no.kvik.engine.Periods.parse(f.periodLabel());
                    return w.end().equals(p.end()) && w.start().isBefore(p.start());
                })
                .max(Comparator.comparingInt(FunnelSummary::unitsPublished)).orElse(null);
    }

    /** Why the funnel shown is not the latest period's (its units are all suppressed), or "". */
    private String substitution(FunnelSummary shown) {
        if (period != null || shown.periodLabel().equals(latestPeriod())) return "";
        FunnelSummary latest = analysed().funnel(level.code(), latestPeriod());
        return latest == null ? "" : latest.emptyReason();
    }

    /** The funnel analysis of this level and period: units, limits, φ, τ², target; published units only. */
    public FunnelResult funnelResult() {
        FunnelSummary s = funnelSummary();
        if (s.unitsPublished() == 0) throw new IllegalStateException(noFunnel(s));
        return s.funnel();
    }

    private String noFunnel(FunnelSummary s) {
        FunnelSummary window = pooledWindow(analysed(), s);
        String hint = window == null ? "" : ": " + id() + ".period(\"" + window.periodLabel() + "\").funnel()";
        return id() + " " + level.code() + " " + s.periodLabel() + ": no funnel: " + s.emptyReason() + hint;
    }

    /**
     * The funnel plot of this level and period, centred on the national value (named on the chart). When no unit
     * can be shown, a notice saying why (and where the units are reported) takes its place.
     */
    public Chart funnel() {
        FunnelSummary s = funnelSummary();
        String why = substitution(s);
        String title = indicator.meta().name().en() + " — " + (s.kind() == IndicatorKind.RATIO ? "risk-adjusted O/E, " : "")
                + level.code() + ", " + s.periodLabel() + (why.isEmpty() ? "" : " (pooled window)");
        if (s.unitsPublished() == 0) {
            String message = "No funnel plot: " + noFunnel(s).substring((id() + " " + level.code() + " " + s.periodLabel()
                    + ": no funnel: ").length()) + ".";
            return Chart.of(title, Charts.noticeSvg(title, message), Charts.noticePng(title, message));
        }
        FunnelResult named = Charts.withUnitNames(s.funnel(), AnalysisFiles.unitNames(analysed(), s));
        String centre = s.centre() + (why.isEmpty() ? "" : "; latest year: " + why);
        return Chart.of(title, Charts.funnelSvg(named, title, centre), Charts.funnelPng(named, title, centre),
                Charts.funnelVegaLite(named, title, centre));
    }

    /**
     * The value over every period of the run, with its 95 % interval, for one unit of this level (by unit id
     * or name), or for the nation when {@code unit} is null. Suppressed periods are left out.
     */
    public Chart trendChart(String unit) {
        List<IndicatorResult> rows = (unit == null ? level(Level.NATION.code()).atLevel() : atLevel()).stream()
                .filter(r -> unit == null || unit.equals(r.unitId()) || unit.equals(r.unitName()))
                .filter(r -> r.suppressed() == null && r.value() != null)
                .toList();
        if (rows.isEmpty()) throw new IllegalArgumentException("no published values for " + (unit == null ? "the nation" : unit));
        List<no.kvik.report.chart.TrendPoint> points = rows.stream()
                .map(r -> new no.kvik.report.chart.TrendPoint(r.periodLabel(), r.value(), r.ciLow(), r.ciHigh())).toList();
        String title = indicator.meta().name().en() + " — " + (unit == null ? "Norway" : rows.get(0).unitName());
        String label = indicator.meta().measure().kind().name().toLowerCase();
        return Chart.of(title, Charts.trendSvg(points, title, label), Charts.trendPng(points, title, label),
                Charts.trendVegaLite(points, title, label));
    }

    /**
     * Per published unit of the funnel: value, z after over-dispersion, five-level flag, alarm, FDR q and flag.
     * The table's name gives the period, target (the national value), φ and τ²; an empty table's name says why.
     */
    public Table funnelTable() {
        FunnelSummary s = funnelSummary();
        if (s.unitsPublished() == 0) {
            return formatted(funnelUnits(noFunnel(s), List.of()));
        }
        FunnelResult f = s.funnel();
        FunnelResult named = Charts.withUnitNames(f, AnalysisFiles.unitNames(analysed(), s));
        List<NamedUnit> units = java.util.stream.IntStream.range(0, f.units().size())
                .mapToObj(i -> new NamedUnit(f.units().get(i), named.units().get(i).unit())).toList();
        String why = substitution(s);
        Table t = funnelUnits(String.format(java.util.Locale.ROOT, "%s funnel, %s %s (%s; target %.4g, phi %.3g, tau2 %.3g)%s",
                id(), level.code(), s.periodLabel(), s.centre(), s.target(), s.phi(), s.tau2(),
                why.isEmpty() ? "" : "; pooled window because " + why), units);
        // a risk-adjusted funnel's value is O/E: two decimals, not a proportion
        return s.kind() == IndicatorKind.RATIO ? TableFormats.apply(t.sortAscendingOn("z"), false, 2)
                : formatted(t.sortAscendingOn("z"));
    }

    /** A unit of the funnel with its display name (the funnel keeps unit ids). */
    private record NamedUnit(FunnelUnit unit, String name) {
    }

    private static Table funnelUnits(String tableName, List<NamedUnit> units) {
        return Tables.of(tableName, units,
                Tables.text("unit", n -> n.unit().unit()),
                Tables.text("unit_name", NamedUnit::name),
                Tables.number("numerator", n -> n.unit().numerator()),
                Tables.number("denominator", n -> n.unit().denominator()),
                Tables.number("value", n -> n.unit().value()),
                Tables.number("z", n -> n.unit().zEquivalent()),
                Tables.text("funnel_flag", n -> n.unit().funnelFlag().code()),
                Tables.text("alarm", n -> n.unit().alarm() ? "alarm" : ""),
                Tables.number("fdr_q", n -> n.unit().fdrQ()),
                Tables.text("fdr_flag", n -> n.unit().fdrFlag()));
    }

    // ---- risk adjustment and the statistics of a release (no.kvik.analysis) ----

    /** The run with risk adjustment, funnels, FDR and trend flags filled in, as a release computes it. */
    public AnalysedIndicator analysed() {
        return kvik.analyse(indicator, request(), options());
    }

    /**
     * Crude against risk-adjusted at this level: the modelled event (death for survival indicators, whose
     * numerator counts survivors), its observed and expected counts, O/E with its interval, the adjusted value,
     * z, funnel, FDR and trend flags (event to adjusted are empty for indicators without a risk model).
     */
    public Table adjusted() {
        int months = (frequency != null ? frequency : indicator.meta().frequency()).months();
        List<IndicatorResult> rows = analysed().results().stream()
                .filter(r -> r.level().equals(level.code()) && ChronoUnit.MONTHS.between(r.periodStart(), r.periodEnd()) == months)
                .toList();
        return formatted(Tables.of(id() + " crude and adjusted by " + level.code(), rows,
                Tables.text("period", IndicatorResult::periodLabel),
                Tables.text("unit_name", IndicatorResult::unitName),
                Tables.number("numerator", IndicatorResult::numerator),
                Tables.number("denominator", IndicatorResult::denominator),
                Tables.number("crude", IndicatorResult::value),
                Tables.text("event", r -> r.event() == null ? "" : r.event()),
                Tables.number("observed", IndicatorResult::observed),
                Tables.number("expected", IndicatorResult::expected),
                Tables.number("o_e", IndicatorResult::oE),
                Tables.number("o_e_low", IndicatorResult::oELow),
                Tables.number("o_e_high", IndicatorResult::oEHigh),
                Tables.number("adjusted", IndicatorResult::adjustedValue),
                Tables.number("z", IndicatorResult::z),
                Tables.text("funnel_flag", r -> r.funnelFlag() == null ? "" : r.funnelFlag()),
                Tables.text("fdr_flag", r -> r.fdrFlag() == null ? "" : r.fdrFlag() ? "yes" : ""),
                Tables.text("trend_flag", r -> r.trendFlag() == null ? "" : r.trendFlag())));
    }

    /** The funnel as the analysis computes it (O/E for risk-adjusted indicators): the same chart as {@link #funnel()}. */
    public Chart adjustedFunnel() {
        return funnel();
    }

    /** Significant deteriorating trends the analysis found (all levels), most significant first. */
    public Table trendAlertsAllLevels() {
        Table alerts = Tables.of(id() + " trend alerts", analysed().trendAlerts(),
                Tables.text("level", TrendAlert::level),
                Tables.text("unit_name", TrendAlert::unitName),
                Tables.text("from", TrendAlert::fromPeriod),
                Tables.text("to", TrendAlert::toPeriod),
                Tables.integer("periods", TrendAlert::periods),
                Tables.number("ratio_per_period", TrendAlert::ratioPerPeriod),
                Tables.number("p", TrendAlert::p),
                Tables.text("flag", TrendAlert::flag));
        return TableFormats.apply(alerts, false, 3);
    }

    /**
     * The unit (id) of the funnel with the strongest evidence against the national value: the smallest p-value, i.e.
     * the largest |z| equivalent of its tail probability (the one p its flag follows).
     */
    public String outlier() {
        return funnelResult().units().stream()
                .filter(u -> Double.isFinite(u.zEquivalent()))
                .max(Comparator.comparingDouble((FunnelUnit u) -> Math.abs(u.zEquivalent())))
                .map(FunnelUnit::unit)
                .orElseThrow(() -> new IllegalStateException(id() + ": no unit with a finite z"));
    }

    /** Published units of the funnel's period with their interval (O/E when risk-adjusted), sorted, against the national value. */
    public Chart ranking() {
        AnalysedIndicator a = analysed();
        FunnelSummary s = funnelSummary();
        List<CaterpillarItem> items = AnalysisFiles.caterpillarItems(a, s);
        String title = indicator.meta().name().en() + " — " + level.code() + ", " + s.periodLabel() + " (" + s.centre() + ")";
        if (items.isEmpty()) {
            String message = "No ranking: " + noFunnel(s) + ".";
            return Chart.of(title, Charts.noticeSvg(title, message), Charts.noticePng(title, message));
        }
        String label = s.kind() == IndicatorKind.RATIO ? "O/E" : indicator.meta().measure().kind().code();
        double centre = s.target() * AnalysisFiles.valueMultiplier(a, s);
        return Chart.of(title, Charts.caterpillarSvg(items, centre, title, label),
                Charts.caterpillarPng(items, centre, title, label), Charts.caterpillarVegaLite(items, centre, title, label));
    }

    /**
     * Trend per unit at this level, as the analysis tests it (and a release flags it): the regression of the
     * counts (O/E for risk-adjusted indicators) on period over the latest {@link AnalysisOptions#trendYears()}
     * years of periods, logistic for proportions, Poisson for rates and ratios, Wald test at 5 %, direction-aware
     * flag. Units published in the latest period; those with fewer than 3 periods with activity carry a note.
     */
    public Table trend() {
        List<UnitTrend> trends = analysed().trends().stream().filter(t -> t.level().equals(level.code())).toList();
        String window = trends.isEmpty() ? "no unit tested (none published in the latest period, or fewer than 3 periods)"
                : trends.get(0).fromPeriod() + " to " + trends.get(0).toPeriod();
        Table t = Tables.of(id() + " trend by " + level.code() + ", " + window, trends,
                Tables.text("unit", u -> u.unitName() == null ? u.unitId() : u.unitName()),
                Tables.text("unit_id", UnitTrend::unitId),
                Tables.text("from", UnitTrend::fromPeriod),
                Tables.text("to", UnitTrend::toPeriod),
                Tables.integer("periods", u -> u.result().periods()),
                Tables.number("change_per_period", u -> finiteOrNull(u.result().changePerPeriod())),
                Tables.number("p", u -> finiteOrNull(u.result().p())),
                Tables.text("trend_flag", u -> u.result().trendFlag()),
                Tables.text("note", u -> u.result().note()));
        return TableFormats.apply(t.sortAscendingOn("p"), false, 4);
    }

    /** A non-finite estimate (not estimable) is shown as missing. */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Units per goal level (high, medium, low) in the latest period; empty when the indicator has no target. */
    public Table goalAttainment() {
        String last = latestPeriod();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String g : List.of(no.kvik.engine.GoalAttainment.HIGH, no.kvik.engine.GoalAttainment.MEDIUM,
                no.kvik.engine.GoalAttainment.LOW)) counts.put(g, 0);
        for (IndicatorResult r : atLevel()) {
            if (r.periodLabel().equals(last) && r.goalLevel() != null) counts.merge(r.goalLevel(), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> rows = indicator.meta().target() == null ? List.of() : List.copyOf(counts.entrySet());
        return Tables.of(id() + " goal attainment, " + level.code() + " " + last, rows,
                Tables.text("goal_level", Map.Entry::getKey),
                Tables.integer("units", Map.Entry::getValue));
    }

    /** Units with a significant deteriorating trend (see {@link #trend()}). */
    public Table trendAlerts() {
        Table t = trend();
        return t.where(t.stringColumn("trend_flag").isEqualTo("deteriorating"))
                .setName(id() + " deteriorating trends, " + level.code());
    }

    /** The main figures of the latest period (funnel counts only for proportions and rates). */
    public Headline headline() {
        List<String> ps = periods();
        String last = latestPeriod();
        String previous = ps.size() > 1 ? ps.get(ps.size() - 2) : null;
        Map<String, Double> nation = new LinkedHashMap<>();
        for (IndicatorResult r : results()) {
            if (r.level().equals(Level.NATION.code()) && r.value() != null) nation.put(r.periodLabel(), r.value());
        }
        // the release's statistics: funnel flags of the analysed rows, its trend alerts
        AnalysedIndicator a = analysed();
        int units = 0;
        int high = 0;
        int low = 0;
        for (IndicatorResult r : a.results()) {
            if (!r.level().equals(level.code()) || !r.periodLabel().equals(last) || r.funnelFlag() == null) continue;
            units++;
            if (r.funnelFlag().equals(no.kvik.variation.FunnelFlag.HIGH_OUTER.code())) high++;
            if (r.funnelFlag().equals(no.kvik.variation.FunnelFlag.LOW_OUTER.code())) low++;
        }
        int deteriorating = (int) a.trendAlerts().stream().filter(t -> t.level().equals(level.code())).count();
        FunnelSummary funnel = a.funnel(level.code(), last);
        String funnelNote = units == 0 && funnel != null ? funnel.emptyReason() : "";
        Table goals = goalAttainment();
        int[] g = new int[3];
        for (int i = 0; i < goals.rowCount(); i++) g[i] = goals.intColumn("units").get(i);
        return new Headline(id(), indicator.meta().name().en(), level.code(), last, nation.get(last),
                previous == null ? null : nation.get(previous), units, high, low, deteriorating, g[0], g[1], g[2], funnelNote);
    }

    private String describeRange() {
        return from == null ? "all years" : from + " to " + to;
    }

    @Override
    public String toString() {
        return id() + " (" + indicator.meta().name().en() + "), " + describeRange() + ", level " + level.code()
                + (overrides.isEmpty() ? "" : ", parameters " + overrides);
    }
}
