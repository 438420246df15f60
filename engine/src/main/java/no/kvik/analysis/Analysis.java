package no.kvik.analysis;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.RiskModel;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.ResultSchema;
import no.kvik.engine.RunRequest;
import no.kvik.engine.UnitAggregate;
import no.kvik.risk.IndirectResult;
import no.kvik.risk.IndirectStandardisation;
import no.kvik.risk.ModelDiagnostics;
import no.kvik.risk.UnitExpected;
import no.kvik.variation.BenjaminiHochberg;
import no.kvik.variation.Direction;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.NotComputable;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.Tau2Estimator;
import no.kvik.variation.Trim;
import no.kvik.variation.TrendPoint;
import no.kvik.variation.TrendResult;
import no.kvik.variation.TrendTest;

/**
 * Runs an indicator through the engine and fills in the statistics of every result row: indirect
 * standardisation for indicators with a risk model, a funnel per level and period, the Benjamini–Hochberg
 * flag, and a trend test per unit over the latest periods. See engine/docs/statistics.md, "Indicator analysis".
 * It works on an {@link EngineRun} ({@link #analyse}) and its tables only; {@link #run} prepares and closes one.
 */
public final class Analysis {
    private static final double CI_LEVEL = 0.95;
    private final Engine engine;

    public Analysis(Connection store) {
        this(new Engine(store));
    }

    public Analysis(Engine engine) {
        this.engine = engine;
    }

    public AnalysedIndicator run(Indicator indicator, RunRequest request) throws SQLException {
        return run(indicator, request, AnalysisOptions.defaults());
    }

    public AnalysedIndicator run(Indicator indicator, RunRequest request, AnalysisOptions options) throws SQLException {
        try (EngineRun run = engine.prepare(indicator, request)) {
            return analyse(run, options);
        }
    }

    /** The indicator of an open run analysed: its results with the statistics filled in. */
    public static AnalysedIndicator analyse(EngineRun run, AnalysisOptions options) throws SQLException {
        AnalysisTimings timings = new AnalysisTimings();
        Indicator indicator = run.indicator();
        RunRequest request = run.request();
        List<IndicatorResult> rows = run.results();
        timings.mark("results");
        if (rows.isEmpty()) return new AnalysedIndicator(indicator, rows, List.of(), List.of(), null, List.of(), List.of());
        IndicatorMeta meta = indicator.meta();
        // counts of every unit, suppressed ones included: they are real units and enter φ and τ²
        Map<Key, UnitAggregate> crude = index(run.aggregates());
        timings.mark("aggregates");
        RiskModel model = RiskModel.of(meta);
        Map<Key, UnitAggregate> observedExpected = null;
        CaseMixAdjustment.Fitted fitted = null;
        List<String> modelNotes = List.of();
        LinearAdjustment.Adjusted linear = null;
        if (model != null && model.family() == RiskModel.Family.LINEAR) {
            // a mean score adjusted by linear regression: its rows get O, E and the adjusted mean; funnels stay crude
            try {
                linear = LinearAdjustment.adjust(run, model);
            } catch (CaseMixAdjustment.ModelNotFitted e) {
                modelNotes = List.of(AnalysedIndicator.CRUDE + e.getMessage());
            }
        } else if (model != null) {
            try {
                fitted = CaseMixAdjustment.adjust(run, model, options.referencePeriod(), timings);
                observedExpected = index(unitCounts(run, true));
                timings.mark("expected_aggregates");
                modelNotes = fitted.notes();
            } catch (CaseMixAdjustment.ModelNotFitted e) {
                // not even Firth's fit exists: the indicator is reported crude with the reason, the run goes on
                modelNotes = List.of(AnalysedIndicator.CRUDE + e.getMessage());
            }
        }
        Frequency frequency = request.frequency() != null ? request.frequency() : meta.frequency();
        Statistics stats = new Statistics();
        boolean survival = model != null && model.outcome() == RiskModel.Outcome.NOT_NUMERATOR;
        if (observedExpected != null) {
            stats.event = model.event();
            adjust(rows, observedExpected, fitted.nationalRate(), survival, stats);
        }
        timings.mark("model");
        List<FunnelSummary> funnels = funnels(meta, rows, crude, observedExpected, options, stats,
                String.join("; ", modelNotes));
        timings.mark("funnels");
        List<TrendAlert> alerts = trends(meta, frequency, rows, crude, observedExpected, options, stats);
        timings.mark("trends");
        List<IndicatorResult> out = new ArrayList<>();
        for (IndicatorResult r : rows) out.add(stats.apply(r));
        if (linear != null) out = LinearAdjustment.apply(out, linear, crude);
        ModelDiagnostics diagnostics = fitted == null ? null : fitted.model().diagnostics();
        timings.mark("rows");
        timings.print(meta.id());
        return new AnalysedIndicator(indicator, out, alerts, funnels, diagnostics, modelNotes, stats.unitTrends);
    }

    /**
     * The counts the funnels of an analysed run are drawn from, every unit included: observed and expected events
     * when {@code riskAdjusted} (the run's model was fitted by {@link #analyse}), else the crude counts.
     */
    public static List<UnitAggregate> unitCounts(EngineRun run, boolean riskAdjusted) throws SQLException {
        // the expected table's n_values, s1 and s2 are zero (CaseMixAdjustment.writeExpected): only O and E are summed
        return riskAdjusted ? run.reaggregateObservedExpected(run.table(CaseMixAdjustment.EXPECTED)) : run.aggregates();
    }

    /**
     * The table of an analysed run holding observed and expected events per month and raw unit code (the reduced
     * table's shape: num = observed, den = expected), made when the run's risk model was fitted.
     */
    public static String expectedTable(EngineRun run) {
        return run.table(CaseMixAdjustment.EXPECTED);
    }

    /** A row's identity: period, level and unit. */
    record Key(Period period, Level level, String unitId) {
        static Key of(IndicatorResult r) {
            return new Key(new Period(r.periodStart(), r.periodEnd(), r.periodLabel()), Level.of(r.level()), r.unitId());
        }
    }

    private static Map<Key, UnitAggregate> index(List<UnitAggregate> aggregates) {
        Map<Key, UnitAggregate> m = new HashMap<>();
        for (UnitAggregate a : aggregates) m.put(new Key(a.period(), a.level(), a.unitId()), a);
        return m;
    }

    /** The statistics gathered per row before they are written into it. */
    private static final class Statistics {
        final Map<Key, IndirectResult> adjusted = new HashMap<>();
        final Map<Key, FunnelUnit> funnel = new HashMap<>();
        final Map<Key, String> trend = new HashMap<>();
        final List<UnitTrend> unitTrends = new ArrayList<>();
        /** The risk model's event (what observed, expected and o_e count), null without a model. */
        String event;

        IndicatorResult apply(IndicatorResult r) {
            if (r.suppressed() != null) return r;
            Key k = Key.of(r);
            IndirectResult a = adjusted.get(k);
            FunnelUnit f = funnel.get(k);
            String t = trend.get(k);
            if (a == null && f == null && t == null) return r;
            return new IndicatorResult(r.indicatorId(), r.indicatorVersion(), r.periodStart(), r.periodEnd(),
                    r.periodLabel(), r.level(), r.unitId(), r.unitName(), r.numerator(), r.denominator(), r.value(),
                    r.ciLow(), r.ciHigh(), a == null ? null : event, a == null ? null : a.numerator(),
                    a == null ? null : a.expected(), a == null ? null : a.oE(), a == null ? null : a.oELow(),
                    a == null ? null : a.oEHigh(), a == null ? null : a.adjustedValue(),
                    f == null ? null : f.zEquivalent(), f == null ? null : f.funnelFlag().code(),
                    f == null ? null : !f.fdrFlag().isEmpty(), t, r.goalLevel(), r.suppressed());
        }
    }

    /**
     * Indirect standardisation of every published row with E > 0: O/E with its exact Poisson interval and the
     * adjusted value (O/E) × the fitting population's event rate. For survival indicators the event is death,
     * so observed, expected and o_e count deaths (the row's event column says so) while adjusted_value stays on
     * the value's scale: 1 − (O/E) × national mortality (adjusted survival).
     */
    private static void adjust(List<IndicatorResult> rows, Map<Key, UnitAggregate> oe, double nationalRate,
                               boolean survival, Statistics stats) {
        for (IndicatorResult r : rows) {
            if (r.suppressed() != null) continue;
            Key k = Key.of(r);
            UnitAggregate a = oe.get(k);
            if (a == null || !(a.denominator() > 0)) continue;
            UnitExpected u = new UnitExpected(r.unitId(), a.numerator(), r.denominator() == null ? Double.NaN : r.denominator(),
                    a.denominator(), Double.NaN);
            stats.adjusted.put(k, IndirectStandardisation.compute(List.of(u), nationalRate, CI_LEVEL, survival).get(0));
        }
    }

    private static IndicatorKind kind(IndicatorMeta meta, boolean riskAdjusted) {
        if (riskAdjusted) return IndicatorKind.RATIO;
        if (meta.measure().kind() == MeasureKind.PROPORTION) return IndicatorKind.PROPORTION;
        if (meta.measure().kind() == MeasureKind.RATE) return IndicatorKind.RATE;
        return null;
    }

    static Direction direction(IndicatorMeta meta, boolean riskAdjusted, boolean survival) {
        if (meta.direction() == null) return Direction.NONE;
        boolean higherBetter = meta.direction() == no.kvik.catalog.Direction.HIGHER_IS_BETTER;
        // a survival indicator's O/E counts deaths: a high ratio is bad
        if (riskAdjusted && survival) higherBetter = !higherBetter;
        return higherBetter ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }

    /** One funnel per reported level (below the nation) and period. */
    private static List<FunnelSummary> funnels(IndicatorMeta meta, List<IndicatorResult> rows, Map<Key, UnitAggregate> crude,
                                               Map<Key, UnitAggregate> oe, AnalysisOptions options, Statistics stats,
                                               String modelNote) {
        boolean riskAdjusted = oe != null;
        IndicatorKind kind = kind(meta, riskAdjusted);
        if (kind == null) return List.of();
        boolean survival = riskAdjusted && RiskModel.of(meta).outcome() == RiskModel.Outcome.NOT_NUMERATOR;
        Map<Key, UnitAggregate> counts = riskAdjusted ? oe : crude;
        Map<Period, Map<Level, List<UnitAggregate>>> groups = new LinkedHashMap<>();
        Map<Period, UnitAggregate> nation = new HashMap<>();
        for (UnitAggregate a : counts.values()) {
            if (a.level() == Level.NATION) {
                nation.put(a.period(), a);
            } else {
                groups.computeIfAbsent(a.period(), p -> new java.util.TreeMap<>()).computeIfAbsent(a.level(), l -> new ArrayList<>()).add(a);
            }
        }
        Map<Key, IndicatorResult> published = new HashMap<>();
        for (IndicatorResult r : rows) published.put(Key.of(r), r);
        List<FunnelSummary> out = new ArrayList<>();
        List<Period> periodOf = new ArrayList<>();
        List<Period> periods = new ArrayList<>(groups.keySet());
        periods.sort(Comparator.comparing(Period::start).thenComparing(Period::end));
        Direction direction = direction(meta, riskAdjusted, survival);
        String centre = "centre: " + (riskAdjusted ? "national O/E " : "national value ");
        for (Period period : periods) {
            UnitAggregate nat = nation.get(period);
            for (Map.Entry<Level, List<UnitAggregate>> e : groups.get(period).entrySet()) {
                Level level = e.getKey();
                List<UnitAggregate> units = e.getValue().stream().sorted(Comparator.comparing(UnitAggregate::unitId)).toList();
                FunnelSummary f = funnel(level, period, kind, units, nat, direction, options, published, stats,
                        centre + formatCentre(meta, kind, nat));
                if (!modelNote.isEmpty()) {
                    f = f.withNote(f.note().isEmpty() ? "risk model: " + modelNote : f.note() + "; risk model: " + modelNote);
                }
                out.add(f);
                periodOf.add(period);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).unitsPublished() == 0) {
                out.set(i, out.get(i).withEmptyReason(emptyReason(meta, out.get(i), periodOf.get(i), rows, out, periodOf)));
            }
        }
        return out;
    }

    /** The national value a funnel is centred on, as the reader knows the indicator: 14.7 %, 3.2 per 1000, O/E 0.96. */
    static String formatCentre(IndicatorMeta meta, IndicatorKind kind, UnitAggregate nation) {
        if (nation == null || !(nation.denominator() > 0)) return "not available";
        double v = nation.numerator() / nation.denominator();
        return switch (kind) {
            case PROPORTION -> String.format(java.util.Locale.ROOT, "%.1f %%", 100 * v);
            case RATE -> String.format(java.util.Locale.ROOT, "%.3g", v * meta.measure().multiplier())
                    + (meta.measure().per() == null ? "" : " per " + perLabel(meta.measure().per()));
            case RATIO -> String.format(java.util.Locale.ROOT, "%.3f", v);
        };
    }

    private static String perLabel(double per) {
        return per == Math.rint(per) ? Long.toString((long) per) : Double.toString(per);
    }

    /**
     * Why a funnel has no published unit: how many units of the level were suppressed and for what, or why none
     * was computable; and, when a pooled window of years ending in the same period has reportable units at
     * this level, that window and how many.
     */
    static String emptyReason(IndicatorMeta meta, FunnelSummary f, Period period, List<IndicatorResult> rows,
                              List<FunnelSummary> all, List<Period> periodOf) {
        Map<String, Integer> byReason = new LinkedHashMap<>();
        int units = 0;
        for (IndicatorResult r : rows) {
            if (!r.level().equals(f.level()) || !r.periodStart().equals(period.start()) || !r.periodEnd().equals(period.end())
                    || ResultSchema.UNKNOWN_UNIT.equals(r.unitId())) continue;
            units++;
            if (r.suppressed() != null) byReason.merge(r.suppressed(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        int suppressed = byReason.values().stream().mapToInt(Integer::intValue).sum();
        if (units == 0) {
            b.append("no ").append(f.level()).append(" unit has cases in ").append(f.periodLabel());
        } else if (suppressed == units) {
            b.append(units == 1 ? "the one " : "all " + units + " ").append(f.level()).append(units == 1 ? " unit" : " units")
                    .append(" of ").append(f.periodLabel()).append(" suppressed (");
            List<String> parts = new ArrayList<>();
            byReason.forEach((reason, n) -> parts.add(n + " " + describe(meta, reason)));
            b.append(String.join("; ", parts)).append(')');
        } else {
            b.append("no ").append(f.level()).append(" unit of ").append(f.periodLabel()).append(" is computable")
                    .append(f.note().isEmpty() ? "" : ": " + f.note());
        }
        FunnelSummary window = null;
        Period windowPeriod = null;
        for (int i = 0; i < all.size(); i++) {
            Period p = periodOf.get(i);
            FunnelSummary w = all.get(i);
            if (w.level().equals(f.level()) && p.end().equals(period.end()) && p.start().isBefore(period.start())
                    && w.unitsPublished() > 0 && (window == null || w.unitsPublished() > window.unitsPublished())) {
                window = w;
                windowPeriod = p;
            }
        }
        if (window != null) {
            b.append("; the pooled ").append(windowPeriod.label()).append(" window has ").append(window.unitsPublished())
                    .append(" reportable ").append(f.level()).append(window.unitsPublished() == 1 ? " unit" : " units");
        }
        return b.toString();
    }

    private static String describe(IndicatorMeta meta, String reason) {
        Integer below = meta.periodRules() == null ? null : meta.periodRules().smallUnitBelowDenominator();
        Integer years = meta.periodRules() == null ? null : meta.periodRules().smallUnitPoolYears();
        Integer min = meta.suppression() == null ? null : meta.suppression().minDenominator();
        List<Integer> hidden = meta.suppression() == null ? null : meta.suppression().hideNumeratorBetween();
        return switch (reason) {
            case ResultSchema.SUPPRESSED_POOLED -> "pooled: fewer than " + below + " cases in the year, reported for "
                    + years + " years together";
            case ResultSchema.SUPPRESSED_DENOMINATOR -> "fewer than " + min + " cases";
            case ResultSchema.SUPPRESSED_NUMERATOR -> "numerator between " + hidden.get(0) + " and " + hidden.get(1);
            case ResultSchema.SUPPRESSED_SECONDARY -> "secondary suppression (would reveal a hidden cell)";
            default -> reason;
        };
    }

    private static FunnelSummary funnel(Level level, Period period, IndicatorKind kind, List<UnitAggregate> units,
                                        UnitAggregate nation, Direction direction, AnalysisOptions options,
                                        Map<Key, IndicatorResult> rows, Statistics stats, String centre) {
        List<NotComputable> excluded = new ArrayList<>();
        List<no.kvik.variation.UnitCount> counts = new ArrayList<>();
        for (UnitAggregate a : units) {
            if (ResultSchema.UNKNOWN_UNIT.equals(a.unitId())) {
                excluded.add(new NotComputable(a.unitId(), "cases not mapped to a unit of this level"));
            } else {
                counts.add(new no.kvik.variation.UnitCount(a.unitId(), a.numerator(), a.denominator()));
            }
        }
        double target = nation != null && nation.denominator() > 0 ? nation.numerator() / nation.denominator() : Double.NaN;
        FunnelOptions fo = funnelOptions(kind, direction, target, options, counts.size());
        String note = "";
        FunnelResult result;
        try {
            result = Funnel.compute(counts, fo);
        } catch (IllegalArgumentException ex) {
            if (fo.overdispersion() == Overdispersion.NONE) {
                return notComputable(level, period, kind, options, target, units, excluded, ex.getMessage(), centre);
            }
            try {
                note = "over-dispersion not applied: " + ex.getMessage();
                fo = new FunnelOptions(kind, fo.method(), Overdispersion.NONE, fo.trim(), fo.trimFraction(), fo.levels(),
                        direction, fo.target(), fo.fdrLevel());
                result = Funnel.compute(counts, fo);
            } catch (IllegalArgumentException ex2) {
                return notComputable(level, period, kind, options, target, units, excluded, ex2.getMessage(), centre);
            }
        }
        excluded.addAll(result.notComputable());
        List<FunnelUnit> shown = new ArrayList<>();
        for (FunnelUnit u : result.units()) {
            Key k = new Key(period, level, u.unit());
            IndicatorResult r = rows.get(k);
            if (r != null && r.suppressed() == null) {
                stats.funnel.put(k, u);
                shown.add(u);
            }
        }
        // suppressed units shaped φ and τ² but their points are not published (a point would give their counts)
        FunnelResult published = new FunnelResult(result.options(), result.model(), result.levels(), shown,
                result.notComputable(), result.unitsInDispersion());
        return new FunnelSummary(level.code(), period.label(), kind, fo.method(), fo.overdispersion(), result.target(),
                result.phi(), result.tau2(), result.units().size(), excluded, note, published, centre, "");
    }

    /** Funnels with at least this many units damp only their single most extreme z on each side (PHS) before τ². */
    public static final int PHS_DAMPING_MIN_UNITS = 10;

    /**
     * The funnel settings of every analysed funnel: the analysis options' method, over-dispersion and levels, the
     * national value as target (null when it is not positive: the funnel's own default), and the damping of extreme z
     * before φ and τ²: with {@link #PHS_DAMPING_MIN_UNITS} units or more only the single largest and smallest z are
     * replaced (PHS), below that 10 % winsorising. 10 % winsorising everywhere left τ² far too small where units
     * really differ (kvik calibrate, statistics.md "Calibration and recovery"). τ² by Paule–Mandel with the damping
     * applied to the τ²-standardised z (Tau2Estimator.PM): DerSimonian–Laird after damping stayed too small where
     * units differ in size and really differ (statistics.md "τ² estimator"). Public so that kvik calibrate
     * simulates exactly the production funnel.
     */
    public static FunnelOptions funnelOptions(IndicatorKind kind, Direction direction, double target, AnalysisOptions options,
                                              int units) {
        Trim trim = units >= PHS_DAMPING_MIN_UNITS ? Trim.PHS : Trim.WINSOR;
        return new FunnelOptions(kind, options.methodOrDefault(), options.overdispersion(),
                trim, 0.1, new double[] {options.innerLevel(), options.outerLevel()}, direction,
                target > 0 ? target : null, options.fdrLevel(), FunnelOptions.DEFAULT_MID_P, Tau2Estimator.PM);
    }

    private static FunnelSummary notComputable(Level level, Period period, IndicatorKind kind, AnalysisOptions options,
                                               double target, List<UnitAggregate> units, List<NotComputable> excluded,
                                               String reason, String centre) {
        List<NotComputable> all = new ArrayList<>(excluded);
        for (UnitAggregate a : units) {
            if (!ResultSchema.UNKNOWN_UNIT.equals(a.unitId())) all.add(new NotComputable(a.unitId(), reason));
        }
        return new FunnelSummary(level.code(), period.label(), kind, options.methodOrDefault(), options.overdispersion(),
                target, Double.NaN, Double.NaN, 0, all, reason, null, centre, "");
    }

    /**
     * The significance level a level's trend flags use: p must be at or below the Benjamini–Hochberg cut-off over
     * the level's tested units (Benjamini & Hochberg 1995), so that of the units flagged no more than {@code fdr} are
     * expected to be false alarms. Returned as an exclusive bound for {@link TrendTest#flag}. A unit with hidden
     * periods is checked with the cut-off recomputed for each count a reader cannot rule out (its p moves it).
     */
    static double trendThreshold(List<Double> p, double fdr) {
        double[] ps = p.stream().mapToDouble(Double::doubleValue).toArray();
        return Math.nextUp(BenjaminiHochberg.threshold(ps, fdr));
    }

    /**
     * Trend per unit and level over the latest periods of the run's frequency (rolling windows are not
     * periods of the series); the flag goes on the latest period's row. A unit whose latest row is pooled or
     * suppressed is tested on the same yearly counts; its flag goes on its published row ending in the latest
     * period (the pooled window), only when {@link TrendDisclosure} shows that no flag outcome could reveal a
     * hidden count, and its slope and p are not published (with the window's total they would solve its years).
     */
    private static List<TrendAlert> trends(IndicatorMeta meta, Frequency frequency, List<IndicatorResult> rows,
                                           Map<Key, UnitAggregate> crude, Map<Key, UnitAggregate> oe,
                                           AnalysisOptions options, Statistics stats) {
        boolean riskAdjusted = oe != null;
        IndicatorKind kind = kind(meta, riskAdjusted);
        if (kind == null) return List.of();
        boolean survival = riskAdjusted && RiskModel.of(meta).outcome() == RiskModel.Outcome.NOT_NUMERATOR;
        Direction direction = direction(meta, riskAdjusted, survival);
        Map<Key, UnitAggregate> counts = riskAdjusted ? oe : crude;
        List<Period> allPeriods = counts.keySet().stream().map(Key::period)
                .filter(p -> p.start().plusMonths(frequency.months()).equals(p.end())).distinct()
                .sorted(Comparator.comparing(Period::start)).toList();
        int n = options.trendYears() * 12 / frequency.months();
        List<Period> series = allPeriods.subList(Math.max(0, allPeriods.size() - n), allPeriods.size());
        if (series.size() < 3) return List.of();
        Period latest = series.get(series.size() - 1);
        Map<Key, IndicatorResult> published = new HashMap<>();
        for (IndicatorResult r : rows) published.put(Key.of(r), r);
        Map<String, List<TrendPoint>> byUnit = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            for (Map.Entry<Key, UnitAggregate> e : counts.entrySet()) {
                Key k = e.getKey();
                // the nation too: its test goes to the trend table, not onto its row or into the alerts
                if (!k.period().equals(series.get(i)) || ResultSchema.UNKNOWN_UNIT.equals(k.unitId())) continue;
                byUnit.computeIfAbsent(k.level().code() + "\u0000" + k.unitId(), x -> new ArrayList<>())
                        .add(new TrendPoint(i, e.getValue().numerator(), e.getValue().denominator()));
            }
        }
        TrendSeries context = new TrendSeries(meta, kind, direction, survival, allPeriods, series, published, crude,
                counts, options);
        // every unit's test first: a level's flags control the false discovery rate over its tested units
        Map<String, TrendResult> tested = new HashMap<>();
        Map<Level, List<Double>> pByLevel = new HashMap<>();
        for (Map.Entry<String, List<TrendPoint>> e : byUnit.entrySet()) {
            String[] lu = e.getKey().split("\u0000", 2);
            Level level = Level.of(lu[0]);
            if (published.get(new Key(latest, level, lu[1])) == null
                    || e.getValue().stream().filter(t -> t.denominator() > 0).count() < 3) continue;
            TrendResult t = TrendTest.test(lu[1], e.getValue(), kind, direction, series.size(), options.trendAlpha());
            tested.put(e.getKey(), t);
            if (!Double.isNaN(t.p())) pByLevel.computeIfAbsent(level, x -> new ArrayList<>()).add(t.p());
        }
        Map<Level, Double> alphaOf = new HashMap<>();
        pByLevel.forEach((level, ps) -> alphaOf.put(level, trendThreshold(ps, options.trendAlpha())));
        List<TrendAlert> alerts = new ArrayList<>();
        for (Map.Entry<String, List<TrendPoint>> e : byUnit.entrySet()) {
            String[] lu = e.getKey().split("\u0000", 2);
            Level level = Level.of(lu[0]);
            Key k = new Key(latest, level, lu[1]);
            IndicatorResult r = published.get(k);
            if (r == null) continue;
            List<TrendPoint> points = e.getValue();
            if (points.stream().filter(t -> t.denominator() > 0).count() < 3) {
                stats.unitTrends.add(new UnitTrend(lu[0], lu[1], r.unitName(), series.get(0).label(), latest.label(),
                        new TrendResult(lu[1], points.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                                Double.NaN, "", "fewer than 3 periods with activity")));
                continue;
            }
            TrendResult raw = tested.get(e.getKey());
            double alpha = alphaOf.getOrDefault(level, options.trendAlpha());
            String flag = TrendTest.flag(direction, raw.slope(), raw.p(), alpha);
            TrendResult t = flag.equals(raw.trendFlag()) ? raw
                    : new TrendResult(raw.unit(), raw.periods(), raw.slope(), raw.standardError(), raw.z(), raw.p(),
                            raw.changePerPeriod(), flag, String.format(Locale.ROOT,
                            "p %.4f: not significant once the false discovery rate over the %d %s units tested is held at %s",
                            raw.p(), pByLevel.get(level).size(), level.code(), java.math.BigDecimal.valueOf(options.trendAlpha()).movePointRight(2).stripTrailingZeros().toPlainString() + " %"));
            Key flagged = k;
            String toPeriod = latest.label();
            if (r.suppressed() != null) {
                // the latest row is hidden: the flag goes on the unit's published row ending in the latest period
                IndicatorResult window = rows.stream()
                        .filter(w -> w.suppressed() == null && level.code().equals(w.level()) && lu[1].equals(w.unitId())
                                && w.periodEnd().equals(latest.end()))
                        .min(Comparator.comparing(IndicatorResult::periodStart)).orElse(null);
                flagged = window == null ? null : Key.of(window);
                if (window != null) toPeriod = window.periodLabel();
            }
            List<String> hiddenLabels = new ArrayList<>();
            for (TrendPoint p : points) {
                IndicatorResult pr = published.get(new Key(series.get((int) p.period()), level, lu[1]));
                if (pr == null || pr.suppressed() != null) hiddenLabels.add(series.get((int) p.period()).label());
            }
            if (!hiddenLabels.isEmpty() && level != Level.NATION) {
                String why = "the unit's rows of " + String.join(", ", hiddenLabels) + " are hidden";
                // each count a reader cannot rule out is judged by the level's cut-off as it would then be
                List<Double> others = new ArrayList<>(pByLevel.getOrDefault(level, List.of()));
                others.remove(raw.p());
                TrendDisclosure.Verdict verdict = context.disclosure(level, lu[1], points, others);
                if (verdict.determined()) {
                    // the published figures fix the hidden counts (a pooled year): the test reveals nothing more
                } else if (verdict.publishable()) {
                    t = new TrendResult(lu[1], t.periods(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            t.trendFlag(), "slope and p not published: " + why);
                } else {
                    t = new TrendResult(lu[1], t.periods(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            "", "not published: " + why + " and a trend flag could reveal their counts");
                }
            }
            stats.unitTrends.add(new UnitTrend(lu[0], lu[1], r.unitName(), series.get(0).label(), latest.label(), t));
            if (t.trendFlag().isEmpty() || level == Level.NATION) continue;
            if (flagged != null) stats.trend.put(flagged, t.trendFlag());
            if (t.trendFlag().equals("deteriorating")) {
                alerts.add(new TrendAlert(meta.id(), lu[0], lu[1], r.unitName(), series.get(0).label(), toPeriod,
                        t.periods(), t.slope(), t.changePerPeriod(), t.p(), t.trendFlag()));
            }
        }
        // most significant first; alerts without a published p (hidden periods) last; ties in a fixed order
        alerts.sort(TrendAlert.ORDER);
        // a fixed order (the counts map iterates in hash order, which varies between processes)
        stats.unitTrends.sort(Comparator.comparing((UnitTrend u) -> Level.of(u.level())).thenComparing(UnitTrend::unitId));
        return alerts;
    }

    /** What a reader knows of a unit's trend series when some of its periods are hidden. */
    private record TrendSeries(IndicatorMeta meta, IndicatorKind kind, Direction direction, boolean survival,
                               List<Period> allPeriods, List<Period> series, Map<Key, IndicatorResult> published,
                               Map<Key, UnitAggregate> crude, Map<Key, UnitAggregate> counts, AnalysisOptions options) {

        private boolean hidden(Period p, Level level, String unit) {
            IndicatorResult r = published.get(new Key(p, level, unit));
            return r == null || r.suppressed() != null;
        }

        /** Whether the unit's hidden event counts are open, and whether a trend flag could pin one (TrendDisclosure). */
        TrendDisclosure.Verdict disclosure(Level level, String unit, List<TrendPoint> points, List<Double> othersP) {
            Map<Integer, Integer> pointOfPeriod = new HashMap<>();
            for (int j = 0; j < points.size(); j++) pointOfPeriod.put((int) points.get(j).period(), j);
            // published windows of the unit: their events are the sum of the periods they span
            List<TrendDisclosure.WindowTotal> windows = new ArrayList<>();
            Set<Integer> inWindow = new HashSet<>();
            for (IndicatorResult w : published.values()) {
                if (w.suppressed() != null || !level.code().equals(w.level()) || !unit.equals(w.unitId())) continue;
                Key wk = Key.of(w);
                if (series.contains(wk.period()) || !counts.containsKey(wk)) continue;
                List<Integer> indices = new ArrayList<>();
                double total = counts.get(wk).numerator();
                boolean usable = true;
                for (Period p : allPeriods) {
                    if (p.start().isBefore(w.periodStart()) || p.end().isAfter(w.periodEnd())) continue;
                    int i = series.indexOf(p);
                    Integer j = i < 0 ? null : pointOfPeriod.get(i);
                    UnitAggregate a = counts.get(new Key(p, level, unit));
                    if (j != null) {
                        indices.add(j);
                    } else if (a != null && hidden(p, level, unit)) {
                        usable = false; // a hidden period outside the series: the total does not bound the series alone
                    } else if (a != null) {
                        total -= a.numerator();
                    }
                }
                if (!usable || indices.isEmpty()) continue;
                windows.add(new TrendDisclosure.WindowTotal(indices, Math.round(total)));
                inWindow.addAll(indices);
            }
            List<TrendDisclosure.HiddenCell> cells = new ArrayList<>();
            for (int j = 0; j < points.size(); j++) {
                Period p = series.get((int) points.get(j).period());
                if (!hidden(p, level, unit)) continue;
                TrendDisclosure.HiddenCell c = range(j, p, level, unit, inWindow.contains(j), windows);
                if (c == null) return new TrendDisclosure.Verdict(false, false);
                cells.add(c);
            }
            double[] othersSorted = othersP.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted()
                    .toArray();
            // every input of the check below, so a verdict asked before in this process is reused (DisclosureVerdicts)
            DisclosureVerdicts.Key key = new DisclosureVerdicts.Key(points, cells, windows, kind, direction, series.size(),
                    options.trendAlpha(), java.util.Arrays.stream(othersSorted).boxed().toList());
            double[] others = key.othersSorted().stream().mapToDouble(Double::doubleValue).toArray();
            return DisclosureVerdicts.of(key, () -> TrendDisclosure.check(key.points(), key.hidden(), key.windows(),
                    TrendTest.flags(key.direction()),
                    s -> {
                        TrendResult t = TrendTest.test(unit, s, key.kind(), key.direction(), key.lastPeriods(),
                                key.alpha());
                        if (Double.isNaN(t.p())) return "";
                        // as trendThreshold(othersP + t.p()), without copying and sorting them for every candidate
                        double threshold = Math.nextUp(BenjaminiHochberg.thresholdWithOneMore(others, t.p(),
                                key.alpha()));
                        return TrendTest.flag(key.direction(), t.slope(), t.p(), threshold);
                    }));
        }

        /** The event counts a reader cannot rule out for a hidden period; null when unbounded (withhold). */
        private TrendDisclosure.HiddenCell range(int j, Period p, Level level, String unit, boolean inWindow,
                                                 List<TrendDisclosure.WindowTotal> windows) {
            IndicatorResult r = published.get(new Key(p, level, unit));
            UnitAggregate cases = crude.get(new Key(p, level, unit));
            long high;
            if (kind == IndicatorKind.RATE) {
                // a rate's count has no upper bound but a published window's total
                if (!inWindow) return null;
                high = windows.stream().filter(w -> w.indices().contains(j)).mapToLong(TrendDisclosure.WindowTotal::total)
                        .min().orElseThrow();
            } else {
                high = Math.round(cases.denominator());
            }
            long low = 0;
            List<Integer> band = meta.suppression() == null ? null : meta.suppression().hideNumeratorBetween();
            if (r != null && ResultSchema.SUPPRESSED_NUMERATOR.equals(r.suppressed()) && band != null) {
                // the row's numerator lies in the band; a survival indicator's events are the cases it does not count
                long lo = band.get(0);
                long hi = band.get(1);
                if (survival) {
                    long nCases = Math.round(cases.denominator());
                    low = Math.max(low, nCases - hi);
                    high = Math.min(high, nCases - lo);
                } else {
                    low = Math.max(low, lo);
                    high = Math.min(high, hi);
                }
            }
            if (low > high) return null;
            return new TrendDisclosure.HiddenCell(j, low, high);
        }
    }
}
