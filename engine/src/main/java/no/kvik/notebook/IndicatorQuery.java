package no.kvik.notebook;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.FunnelSummary;
import no.kvik.analysis.TrendAlert;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.ParameterDecl;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;
import no.kvik.engine.RunRequest;
import no.kvik.engine.TablesawTypes;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.variation.Direction;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.TrendPoint;
import no.kvik.variation.TrendResult;
import no.kvik.variation.TrendTest;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
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
 */
public record IndicatorQuery(Kvik kvik, Indicator indicator, LocalDate from, LocalDate to, Frequency frequency,
                             Map<String, Object> overrides, Level level, Overdispersion overdispersion) {

    public IndicatorQuery {
        Objects.requireNonNull(kvik, "kvik");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(overdispersion, "overdispersion");
        overrides = Map.copyOf(overrides);
        indicator.parameterValues(overrides); // an unknown parameter or a bad value fails here, naming it
    }

    /** All years, the indicator's own frequency and defaults, its finest provider level (else its finest level). */
    static IndicatorQuery of(Kvik kvik, Indicator indicator) {
        List<Level> levels = indicator.meta().levels();
        Level start = levels.contains(Level.HOSPITAL) ? Level.HOSPITAL
                : levels.stream().max(Comparator.naturalOrder()).orElse(Level.NATION);
        return new IndicatorQuery(kvik, indicator, null, null, null, Map.of(), start, Overdispersion.ADDITIVE);
    }

    public String id() {
        return indicator.id();
    }

    // ---- narrowing the question ----

    /** Whole calendar years {@code first}..{@code last}. */
    public IndicatorQuery years(int first, int last) {
        if (last < first) throw new IllegalArgumentException("years(" + first + ", " + last + "): last before first");
        return new IndicatorQuery(kvik, indicator, LocalDate.of(first, 1, 1), LocalDate.of(last + 1, 1, 1), frequency,
                overrides, level, overdispersion);
    }

    public IndicatorQuery year(int year) {
        return years(year, year);
    }

    /** Period length: {@code year}, {@code half_year} or {@code tertial}. */
    public IndicatorQuery by(String frequencyCode) {
        return new IndicatorQuery(kvik, indicator, from, to, Frequency.of(frequencyCode), overrides, level,
                overdispersion);
    }

    /** A parameter of the indicator's SQL (see {@link #parameters()}), e.g. {@code withParameter("min_age", 70)}. */
    public IndicatorQuery withParameter(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(overrides);
        p.put(name, value);
        return new IndicatorQuery(kvik, indicator, from, to, frequency, p, level, overdispersion);
    }

    /** The reporting level of tables and charts: nation, rhf, hf, hospital, county, municipality, central. */
    public IndicatorQuery level(String code) {
        Level l = Level.of(code);
        if (!indicator.meta().levels().contains(l)) {
            throw new IllegalArgumentException(id() + " is not reported at level '" + code + "'; its levels: "
                    + indicator.meta().levels().stream().map(Level::code).toList());
        }
        return new IndicatorQuery(kvik, indicator, from, to, frequency, overrides, l, overdispersion);
    }

    /** Over-dispersion model of the funnel limits: none, multiplicative or additive (the default). */
    public IndicatorQuery overdispersion(String model) {
        return new IndicatorQuery(kvik, indicator, from, to, frequency, overrides, level,
                Overdispersion.valueOf(model.toUpperCase(java.util.Locale.ROOT)));
    }

    // ---- what the indicator is ----

    /** The indicator's SQL as written, with its named parameters ({@code :min_age}); bound, never spliced. */
    public String sql() {
        return indicator.sql().text();
    }

    /** The metadata as a two-column table (field, value). */
    public Table describe() {
        IndicatorMeta m = indicator.meta();
        StringColumn field = StringColumn.create("field");
        StringColumn value = StringColumn.create("value");
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
        rows.forEach((k, v) -> {
            field.append(k);
            value.append(v == null ? "" : v);
        });
        return Table.create(id(), field, value);
    }

    /** The declared parameters with their defaults and the values this query uses. */
    public Table parameters() {
        StringColumn name = StringColumn.create("parameter");
        StringColumn type = StringColumn.create("type");
        StringColumn def = StringColumn.create("default");
        StringColumn used = StringColumn.create("value");
        StringColumn description = StringColumn.create("description");
        Map<String, Object> values = indicator.parameterValues(overrides);
        for (ParameterDecl p : indicator.meta().parameters()) {
            name.append(p.name());
            type.append(p.type().name());
            def.append(String.valueOf(p.defaultValue()));
            used.append(String.valueOf(values.get(p.name())));
            description.append(p.description() == null ? "" : p.description());
        }
        return Table.create(id() + " parameters", name, type, def, used, description);
    }

    // ---- levels ----

    /** The engine's run request for this query. */
    public RunRequest request() {
        RunRequest r = from == null ? RunRequest.allYears() : RunRequest.between(from, to);
        if (frequency != null) r = r.withFrequency(frequency);
        return r.withParameters(overrides);
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
        return compact(id() + " by " + level.code(), atLevel());
    }

    /** The rows of the latest period only. */
    public Table latest() {
        String last = latestPeriod();
        return compact(id() + " by " + level.code() + ", " + last,
                atLevel().stream().filter(r -> r.periodLabel().equals(last)).toList());
    }

    /** One unit over every period (drill-down into an outlier): the unit's id or name. */
    public Table unit(String unit) {
        List<IndicatorResult> rows = atLevel().stream()
                .filter(r -> unit.equals(r.unitId()) || unit.equals(r.unitName())).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(id() + ": no unit '" + unit + "' at level " + level.code());
        }
        return compact(id() + ", " + unit, rows);
    }

    /** The nation over every period. */
    public Table nation() {
        return level(Level.NATION.code()).table();
    }

    /** Every result-schema column of every row (all levels), as the exports write them. */
    public Table resultTable() {
        return TablesawTypes.results(id(), results());
    }

    private static Table compact(String name, List<IndicatorResult> rows) {
        StringColumn period = StringColumn.create("period");
        StringColumn unitId = StringColumn.create("unit_id");
        StringColumn unitName = StringColumn.create("unit_name");
        DoubleColumn numerator = DoubleColumn.create("numerator");
        DoubleColumn denominator = DoubleColumn.create("denominator");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        StringColumn goal = StringColumn.create("goal_level");
        StringColumn suppressed = StringColumn.create("suppressed");
        for (IndicatorResult r : rows) {
            period.append(r.periodLabel());
            unitId.append(r.unitId());
            unitName.append(r.unitName());
            append(numerator, r.numerator());
            append(denominator, r.denominator());
            append(value, r.value());
            append(low, r.ciLow());
            append(high, r.ciHigh());
            goal.append(r.goalLevel() == null ? "" : r.goalLevel());
            suppressed.append(r.suppressed() == null ? "" : r.suppressed());
        }
        return Table.create(name, period, unitId, unitName, numerator, denominator, value, low, high, goal, suppressed);
    }

    static void append(DoubleColumn c, Double v) {
        if (v == null) c.appendMissing();
        else c.append(v);
    }

    // ---- variation ----

    /** Units of the latest period that can enter a funnel: reported, not suppressed, not the 'unknown' unit. */
    private List<IndicatorResult> funnelRows() {
        String last = latestPeriod();
        return atLevel().stream()
                .filter(r -> r.periodLabel().equals(last))
                .filter(r -> r.suppressed() == null && r.numerator() != null && r.denominator() != null)
                .filter(r -> !ResultSchema.UNKNOWN_UNIT.equals(r.unitId()))
                .toList();
    }

    IndicatorKind kind() {
        MeasureKind k = indicator.meta().measure().kind();
        return switch (k) {
            case PROPORTION -> IndicatorKind.PROPORTION;
            case RATE -> IndicatorKind.RATE;
            default -> throw new IllegalStateException(id() + " is a " + k.code()
                    + ": funnel plots and trend tests need counts (a proportion or a rate)");
        };
    }

    Direction direction() {
        if (indicator.meta().direction() == null) return Direction.NONE;
        return switch (indicator.meta().direction()) {
            case HIGHER_IS_BETTER -> Direction.HIGHER_IS_BETTER;
            case LOWER_IS_BETTER -> Direction.LOWER_IS_BETTER;
        };
    }

    /** The funnel analysis of the latest period at this level (exact limits, 95 % and 99.8 %, BH-FDR 5 %). */
    public FunnelResult funnelResult() {
        List<no.kvik.variation.UnitCount> counts = funnelRows().stream()
                .map(r -> new no.kvik.variation.UnitCount(r.unitName(), r.numerator(), r.denominator()))
                .toList();
        if (counts.isEmpty()) throw new IllegalStateException(id() + ": no unsuppressed units at level " + level.code());
        FunnelOptions options = FunnelOptions.of(kind(), LimitMethod.EXACT, overdispersion).withDirection(direction());
        return Funnel.compute(counts, options);
    }

    /** The funnel plot of the latest period at this level. */
    public Chart funnel() {
        FunnelResult f = funnelResult();
        String title = indicator.meta().name().en() + " — " + level.code() + ", " + latestPeriod();
        return Chart.of(title, Charts.funnelSvg(f, title), Charts.funnelPng(f, title));
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
        return Chart.of(title, Charts.trendSvg(points, title, label), Charts.trendPng(points, title, label));
    }

    /** Per unit of the funnel: value, z after over-dispersion, five-level flag, alarm, FDR q and flag. */
    public Table funnelTable() {
        FunnelResult f = funnelResult();
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn numerator = DoubleColumn.create("numerator");
        DoubleColumn denominator = DoubleColumn.create("denominator");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn z = DoubleColumn.create("z");
        StringColumn flag = StringColumn.create("funnel_flag");
        StringColumn alarm = StringColumn.create("alarm");
        DoubleColumn q = DoubleColumn.create("fdr_q");
        StringColumn fdr = StringColumn.create("fdr_flag");
        for (FunnelUnit u : f.units()) {
            unit.append(u.unit());
            numerator.append(u.numerator());
            denominator.append(u.denominator());
            value.append(u.value());
            z.append(u.zEquivalent());
            flag.append(u.funnelFlag().name().toLowerCase(java.util.Locale.ROOT));
            alarm.append(u.alarm() ? "alarm" : "");
            q.append(u.fdrQ());
            fdr.append(u.fdrFlag());
        }
        Table t = Table.create(String.format(java.util.Locale.ROOT, "%s funnel, %s %s (target %.4g, phi %.3g, tau2 %.3g)",
                id(), level.code(), latestPeriod(), f.target(), f.phi(), f.tau2()),
                unit, numerator, denominator, value, z, flag, alarm, q, fdr);
        return t.sortAscendingOn("z");
    }

    // ---- risk adjustment and the statistics of a release (no.kvik.analysis) ----

    /** The run with risk adjustment, funnels, FDR and trend flags filled in, as a release computes it. */
    public AnalysedIndicator analysed() {
        return kvik.analyse(indicator, request());
    }

    /**
     * Crude against risk-adjusted at this level: observed, expected, O/E with its interval, the adjusted value,
     * z, funnel, FDR and trend flags (expected and adjusted columns are empty for indicators without a risk model).
     */
    public Table adjusted() {
        int months = (frequency != null ? frequency : indicator.meta().frequency()).months();
        StringColumn period = StringColumn.create("period");
        StringColumn unitName = StringColumn.create("unit_name");
        DoubleColumn numerator = DoubleColumn.create("numerator");
        DoubleColumn denominator = DoubleColumn.create("denominator");
        DoubleColumn crude = DoubleColumn.create("crude");
        DoubleColumn expected = DoubleColumn.create("expected");
        DoubleColumn oe = DoubleColumn.create("o_e");
        DoubleColumn oeLow = DoubleColumn.create("o_e_low");
        DoubleColumn oeHigh = DoubleColumn.create("o_e_high");
        DoubleColumn adjusted = DoubleColumn.create("adjusted");
        DoubleColumn z = DoubleColumn.create("z");
        StringColumn funnel = StringColumn.create("funnel_flag");
        StringColumn fdr = StringColumn.create("fdr_flag");
        StringColumn trend = StringColumn.create("trend_flag");
        for (IndicatorResult r : analysed().results()) {
            if (!r.level().equals(level.code()) || ChronoUnit.MONTHS.between(r.periodStart(), r.periodEnd()) != months) continue;
            period.append(r.periodLabel());
            unitName.append(r.unitName());
            append(numerator, r.numerator());
            append(denominator, r.denominator());
            append(crude, r.value());
            append(expected, r.expected());
            append(oe, r.oE());
            append(oeLow, r.oELow());
            append(oeHigh, r.oEHigh());
            append(adjusted, r.adjustedValue());
            append(z, r.z());
            funnel.append(r.funnelFlag() == null ? "" : r.funnelFlag());
            fdr.append(r.fdrFlag() == null ? "" : r.fdrFlag() ? "yes" : "");
            trend.append(r.trendFlag() == null ? "" : r.trendFlag());
        }
        return Table.create(id() + " crude and adjusted by " + level.code(), period, unitName, numerator, denominator,
                crude, expected, oe, oeLow, oeHigh, adjusted, z, funnel, fdr, trend);
    }

    /** The funnel of the latest period at this level as the analysis computes it (O/E for risk-adjusted indicators). */
    public Chart adjustedFunnel() {
        String last = latestPeriod();
        FunnelSummary f = analysed().funnels().stream()
                .filter(s -> s.level().equals(level.code()) && s.periodLabel().equals(last) && s.funnel() != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(id() + ": no funnel for " + level.code() + " " + last));
        String title = indicator.meta().name().en() + " — " + (f.kind() == IndicatorKind.RATIO ? "risk-adjusted O/E, " : "")
                + level.code() + ", " + last;
        return Chart.of(title, Charts.funnelSvg(f.funnel(), title), Charts.funnelPng(f.funnel(), title));
    }

    /** Significant deteriorating trends the analysis found (all levels), most significant first. */
    public Table trendAlertsAllLevels() {
        StringColumn level = StringColumn.create("level");
        StringColumn unit = StringColumn.create("unit_name");
        StringColumn from = StringColumn.create("from");
        StringColumn to = StringColumn.create("to");
        IntColumn n = IntColumn.create("periods");
        DoubleColumn ratio = DoubleColumn.create("ratio_per_period");
        DoubleColumn p = DoubleColumn.create("p");
        StringColumn flag = StringColumn.create("flag");
        for (TrendAlert a : analysed().trendAlerts()) {
            level.append(a.level());
            unit.append(a.unitName());
            from.append(a.fromPeriod());
            to.append(a.toPeriod());
            n.append(a.periods());
            ratio.append(a.ratioPerPeriod());
            p.append(a.p());
            flag.append(a.flag());
        }
        return Table.create(id() + " trend alerts", level, unit, from, to, n, ratio, p, flag);
    }

    /** The unit of the latest funnel farthest from the target (largest |z| after over-dispersion). */
    public String outlier() {
        return funnelResult().units().stream()
                .filter(u -> Double.isFinite(u.zAdjusted()))
                .max(Comparator.comparingDouble((FunnelUnit u) -> Math.abs(u.zAdjusted())))
                .map(FunnelUnit::unit)
                .orElseThrow(() -> new IllegalStateException(id() + ": no unit with a finite z"));
    }

    /** Units of the latest period with their interval, sorted by value, against the national value. */
    public Chart ranking() {
        String last = latestPeriod();
        List<CaterpillarItem> items = funnelRows().stream()
                .filter(r -> r.value() != null && r.ciLow() != null && r.ciHigh() != null)
                .map(r -> new CaterpillarItem(r.unitName(), r.value(), r.ciLow(), r.ciHigh()))
                .toList();
        Double national = results().stream()
                .filter(r -> r.level().equals(Level.NATION.code()) && r.periodLabel().equals(last))
                .map(IndicatorResult::value).filter(Objects::nonNull).findFirst().orElse(Double.NaN);
        String title = indicator.meta().name().en() + " — " + level.code() + ", " + last;
        String label = indicator.meta().measure().kind().code();
        return Chart.of(title, Charts.caterpillarSvg(items, national, title, label),
                Charts.caterpillarPng(items, national, title, label));
    }

    /**
     * Trend alerts: per unit at this level, the regression of its counts on period over every period of the
     * run (logistic for proportions, Poisson for rates), Wald test at 5 %, direction-aware flag.
     * Units with fewer than 3 periods with activity are listed with a note, not tested.
     */
    public Table trend() {
        Map<String, List<IndicatorResult>> byUnit = new LinkedHashMap<>();
        List<String> periods = periods();
        for (IndicatorResult r : atLevel()) {
            if (r.suppressed() != null || r.numerator() == null || r.denominator() == null) continue;
            if (ResultSchema.UNKNOWN_UNIT.equals(r.unitId())) continue;
            byUnit.computeIfAbsent(r.unitName(), k -> new ArrayList<>()).add(r);
        }
        StringColumn unit = StringColumn.create("unit");
        IntColumn n = IntColumn.create("periods");
        DoubleColumn first = DoubleColumn.create("first_value");
        DoubleColumn lastValue = DoubleColumn.create("last_value");
        DoubleColumn change = DoubleColumn.create("change_per_period");
        DoubleColumn p = DoubleColumn.create("p");
        StringColumn flag = StringColumn.create("trend_flag");
        StringColumn note = StringColumn.create("note");
        IndicatorKind kind = kind();
        for (Map.Entry<String, List<IndicatorResult>> e : byUnit.entrySet()) {
            List<IndicatorResult> rows = e.getValue();
            List<TrendPoint> series = rows.stream()
                    .map(r -> new TrendPoint(periods.indexOf(r.periodLabel()), r.numerator(), r.denominator())).toList();
            unit.append(e.getKey());
            n.append(rows.size());
            append(first, rows.get(0).value());
            append(lastValue, rows.get(rows.size() - 1).value());
            long active = series.stream().filter(t -> t.denominator() > 0).count();
            if (active < 3) {
                change.appendMissing();
                p.appendMissing();
                flag.append("");
                note.append("fewer than 3 periods with activity");
                continue;
            }
            TrendResult t = TrendTest.test(e.getKey(), series, kind, direction(), periods.size(), 0.05);
            change.append(t.changePerPeriod());
            p.append(t.p());
            flag.append(t.trendFlag());
            note.append(t.note());
        }
        return Table.create(id() + " trend by " + level.code() + ", " + (periods.isEmpty() ? "no periods"
                : periods.get(0) + " to " + periods.get(periods.size() - 1)), unit, n, first, lastValue, change, p, flag, note)
                .sortAscendingOn("p");
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
        StringColumn goal = StringColumn.create("goal_level");
        IntColumn units = IntColumn.create("units");
        if (indicator.meta().target() != null) {
            counts.forEach((g, n) -> {
                goal.append(g);
                units.append(n);
            });
        }
        return Table.create(id() + " goal attainment, " + level.code() + " " + last, goal, units);
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
        Table goals = goalAttainment();
        int[] g = new int[3];
        for (int i = 0; i < goals.rowCount(); i++) g[i] = goals.intColumn("units").get(i);
        return new Headline(id(), indicator.meta().name().en(), level.code(), last, nation.get(last),
                previous == null ? null : nation.get(previous), units, high, low, deteriorating, g[0], g[1], g[2]);
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
