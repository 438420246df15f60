package no.kvik.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;

/**
 * From unit aggregates to result rows: value and interval by measure kind, small-cell protection per
 * period over the level hierarchy, goal attainment. Pure: no I/O.
 */
public final class Reporting {
    private Reporting() {
    }

    /** The nearest ancestor of {@code level} that the indicator reports (nation when none is). */
    public static Level reportedAncestor(Level level, List<Level> reported) {
        Level a = level.parent();
        while (a != null && a != Level.NATION && !reported.contains(a)) a = a.parent();
        return a == null ? Level.NATION : a;
    }

    /** Value and 95 % interval of one aggregate; value null (never NaN) when it is not defined. */
    public static double[] valueAndInterval(Measure measure, UnitAggregate a) {
        Double value;
        Intervals.Interval ci;
        switch (measure.kind()) {
            case PROPORTION -> {
                value = a.denominator() > 0 ? a.numerator() / a.denominator() : null;
                ci = Intervals.wilson(a.numerator(), a.denominator(), Intervals.ALPHA);
            }
            case RATE -> {
                value = a.denominator() > 0 ? a.numerator() / a.denominator() * measure.multiplier() : null;
                ci = Intervals.poissonRate(a.numerator(), a.denominator(), measure.multiplier(), Intervals.ALPHA);
            }
            case RATIO -> {
                value = a.denominator() > 0 ? a.numerator() / a.denominator() * measure.multiplier() : null;
                ci = Intervals.Interval.NONE;
            }
            case MEAN -> {
                value = a.nValues() > 0 ? a.mean() : null;
                ci = a.nValues() > 1 && a.sd() != null
                        ? Intervals.tMean(a.mean(), a.sd(), a.nValues(), Intervals.ALPHA) : Intervals.Interval.NONE;
            }
            case MEDIAN, PERCENTILE -> {
                value = a.nValues() > 0 ? a.quantile() : null;
                ci = new Intervals.Interval(a.qLow(), a.qHigh());
            }
            default -> throw new IllegalStateException("unknown measure " + measure.kind());
        }
        if (value == null) ci = Intervals.Interval.NONE;
        return new double[] {value == null ? Double.NaN : value,
                ci.low() == null ? Double.NaN : ci.low(), ci.high() == null ? Double.NaN : ci.high()};
    }

    /** Result rows for an indicator's aggregates without small-unit pooling. */
    public static List<IndicatorResult> report(IndicatorMeta meta, List<UnitAggregate> aggregates) {
        return report(meta, aggregates.stream().map(UnitAggregate::period).distinct().toList(), aggregates,
                SmallUnitPooling.NONE);
    }

    /**
     * Result rows for an indicator's aggregates, sorted by period, level and unit id. Small-cell protection
     * runs over all periods at once, because a window of years is the sum of its years (see {@link #protect});
     * {@code periods} are all periods of the run, including those without cases.
     * Under {@code pooling}, a small unit's yearly row is published without figures, with the reason
     * {@value ResultSchema#SUPPRESSED_POOLED}, and its row for the window ending that year is published instead;
     * a yearly cell the primary rule hides keeps its primary reason (it is private, not only unstable).
     */
    public static List<IndicatorResult> report(IndicatorMeta meta, List<Period> periods, List<UnitAggregate> aggregates,
                                               SmallUnitPooling pooling) {
        // a fixed order makes the choice of secondary cells independent of DuckDB's output order
        List<UnitAggregate> cells = aggregates.stream()
                .sorted(Comparator.comparing((UnitAggregate a) -> a.period().start())
                        .thenComparing(a -> a.period().end())
                        .thenComparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId)).toList();
        Map<Period, java.util.Set<String>> smallAtYearEnd = new java.util.HashMap<>();
        for (UnitAggregate a : cells) {
            if (pooling.pools(a)) {
                smallAtYearEnd.computeIfAbsent(pooling.windowOfYear().get(a.period()), k -> new java.util.HashSet<>())
                        .add(a.level().code() + "|" + a.unitId());
            }
        }
        boolean[] published = new boolean[cells.size()];
        boolean[] pooled = new boolean[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            UnitAggregate a = cells.get(i);
            published[i] = a.level() != Level.NATION || meta.levels().contains(Level.NATION);
            if (pooling.onlyForSmallUnits().contains(a.period())) {
                published[i] &= smallAtYearEnd.getOrDefault(a.period(), java.util.Set.of()).contains(a.level().code() + "|" + a.unitId());
            }
            // a pooled yearly cell that the primary rule would not hide is not private: it is left out of the
            // tables for its instability alone, so nothing needs to protect it (it is an unpublished term)
            if (pooling.pools(a)) {
                pooled[i] = true;
                if (ResultSchema.UNKNOWN_UNIT.equals(a.unitId())
                        || SmallCellProtection.primary(meta.suppression(), a.numerator(), a.denominator()) == null) {
                    published[i] = false;
                }
            }
        }
        String[] reasons = protect(meta, periods, cells, published);
        List<IndicatorResult> results = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            UnitAggregate a = cells.get(i);
            String reason = reasons[i] == null && pooled[i] ? ResultSchema.SUPPRESSED_POOLED : reasons[i];
            if (!published[i] && !pooled[i]) continue;
            results.add(result(meta, a, reason));
        }
        results.sort(Comparator.comparing(IndicatorResult::periodStart).thenComparing(IndicatorResult::periodEnd)
                .thenComparing(r -> Level.of(r.level())).thenComparing(IndicatorResult::unitId));
        return results;
    }

    private static IndicatorResult result(IndicatorMeta meta, UnitAggregate a, String suppressed) {
        Period p = a.period();
        if (suppressed != null) {
            return new IndicatorResult(meta.id(), meta.version(), p.start(), p.end(), p.label(), a.level().code(),
                    a.unitId(), a.unitName(), null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, suppressed);
        }
        double[] v = valueAndInterval(meta.measure(), a);
        Double value = boxed(v[0]);
        return new IndicatorResult(meta.id(), meta.version(), p.start(), p.end(), p.label(), a.level().code(),
                a.unitId(), a.unitName(), a.numerator(), a.denominator(), value, boxed(v[1]), boxed(v[2]),
                null, null, null, null, null, null, null, null, null, null, null,
                GoalAttainment.level(value, meta.target(), meta.direction()), null);
    }

    private static Double boxed(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /**
     * Suppression reasons for the cells of all periods (null = visible or unpublished).
     *
     * <p>Within a period, each reported parent equals the sum of its known children plus its (unpublished)
     * share of the 'unknown' child, and the 'unknown' child equals the sum of those shares (a share of zero is
     * treated as known); directly under the nation the 'unknown' unit is an ordinary child. The 'unknown' unit
     * places no one in a unit: the primary rule never hides it (it is published as the count of unplaced cases),
     * and it is the first cell hidden to protect another. A share under a real parent is that unit's people:
     * the primary rule applies to it, so it is never derivable when small (a share under the parent 'unknown'
     * is not). The nation cell
     * always takes part. Across periods, a window of whole years (2022-2024) is, for every unit and share, the
     * sum of the shorter periods that tile it (2022, 2023, 2024): without those equations a published window
     * minus two visible years would give away a hidden year.
     */
    static String[] protect(IndicatorMeta meta, List<Period> periods, List<UnitAggregate> cells, boolean[] published) {
        List<SmallCellProtection.Cell> terms = new ArrayList<>();
        // period -> "level|unit" or "share|level|parent" -> term
        Map<Period, Map<String, Integer>> keyed = new LinkedHashMap<>();
        Map<Period, List<Integer>> byPeriod = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            UnitAggregate a = cells.get(i);
            // the 'unknown' unit holds the cases a level cannot place: published as a data-quality figure, tied to no unit
            boolean unplaced = ResultSchema.UNKNOWN_UNIT.equals(a.unitId());
            terms.add(new SmallCellProtection.Cell(a.numerator(), a.denominator(), published[i], a.level() == Level.NATION,
                    published[i] && !unplaced));
            byPeriod.computeIfAbsent(a.period(), k -> new ArrayList<>()).add(i);
            keyed.computeIfAbsent(a.period(), k -> new LinkedHashMap<>()).put(a.level().code() + "|" + a.unitId(), i);
        }
        List<int[]> equations = new ArrayList<>();
        for (Map.Entry<Period, List<Integer>> period : byPeriod.entrySet()) {
            periodEquations(meta, cells, period.getValue(), terms, equations, keyed.get(period.getKey()));
        }
        crossPeriodEquations(periods, keyed, equations);
        String[] reasons = SmallCellProtection.protect(terms, equations, meta.suppression());
        String[] out = new String[cells.size()];
        System.arraycopy(reasons, 0, out, 0, cells.size());
        return out;
    }

    /** The hierarchy equations of one period; adds the 'unknown' shares as terms and to {@code keys}. */
    private static void periodEquations(IndicatorMeta meta, List<UnitAggregate> cells, List<Integer> members,
                                        List<SmallCellProtection.Cell> terms, List<int[]> equations,
                                        Map<String, Integer> keys) {
        Map<Level, Map<String, Integer>> index = new java.util.EnumMap<>(Level.class);
        for (int i : members) index.computeIfAbsent(cells.get(i).level(), k -> new LinkedHashMap<>()).put(cells.get(i).unitId(), i);
        for (Level child : meta.levels()) {
            if (child == Level.NATION || !index.containsKey(child)) continue;
            Level parentLevel = reportedAncestor(child, meta.levels());
            Map<String, Integer> parents = index.getOrDefault(parentLevel, Map.of());
            Map<String, List<Integer>> children = new LinkedHashMap<>();
            Integer unknown = null;
            for (Map.Entry<String, Integer> e : index.get(child).entrySet()) {
                UnitAggregate a = cells.get(e.getValue());
                if (a.parentId() == null) {
                    unknown = e.getValue();
                } else {
                    children.computeIfAbsent(a.parentId(), k -> new ArrayList<>()).add(e.getValue());
                }
            }
            if (parentLevel == Level.NATION && unknown != null) {
                children.computeIfAbsent(ResultSchema.NATION_ID, k -> new ArrayList<>()).add(unknown);
                unknown = null;
            }
            List<Integer> shares = new ArrayList<>();
            for (Map.Entry<String, Integer> parent : parents.entrySet()) {
                List<Integer> eq = new ArrayList<>(children.getOrDefault(parent.getKey(), List.of()));
                UnitAggregate p = cells.get(parent.getValue());
                double shareNum = p.numerator();
                double shareDen = p.denominator();
                for (int ch : eq) {
                    shareNum -= cells.get(ch).numerator();
                    shareDen -= cells.get(ch).denominator();
                }
                // a parent without unknown-unit cases has a share of zero, which counts as known
                if (unknown != null && (Math.abs(shareNum) > 1e-9 || Math.abs(shareDen) > 1e-9)) {
                    // the unplaced cases of a real parent are a group of that unit's people: derivable as the parent
                    // minus its children, so protected like a published cell; under the parent 'unknown' they are not
                    boolean tied = !ResultSchema.UNKNOWN_UNIT.equals(parent.getKey());
                    terms.add(new SmallCellProtection.Cell(shareNum, shareDen, false, false, tied));
                    eq.add(terms.size() - 1);
                    shares.add(terms.size() - 1);
                    keys.put("share|" + child.code() + "|" + parent.getKey(), terms.size() - 1);
                }
                eq.add(parent.getValue()); // the total goes last
                equations.add(eq.stream().mapToInt(Integer::intValue).toArray());
            }
            if (unknown != null) {
                shares.add(unknown); // the 'unknown' unit is the total of its shares
                equations.add(shares.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /**
     * For every period of the run that contains shorter periods of the run (a window of years over its years,
     * or over their tertials), one equation per unit and share of the window: the terms of those periods, then
     * the window's term (a unit without cases in a period has no term there: its zero is known).
     */
    private static void crossPeriodEquations(List<Period> periods, Map<Period, Map<String, Integer>> keyed,
                                             List<int[]> equations) {
        List<Period> tiles = periods.stream().filter(p -> periods.stream().noneMatch(q -> !q.equals(p) && within(q, p)))
                .distinct().sorted(Comparator.comparing(Period::start)).toList();
        for (Period window : keyed.keySet()) {
            if (tiles.contains(window)) continue;
            // months of the window outside every tile have no cases: the run's periods cover all months with data
            List<Period> parts = tiles.stream().filter(t -> within(t, window)).toList();
            if (parts.isEmpty()) continue;
            for (Map.Entry<String, Integer> unit : keyed.get(window).entrySet()) {
                List<Integer> eq = new ArrayList<>();
                for (Period part : parts) {
                    Integer t = keyed.getOrDefault(part, Map.of()).get(unit.getKey());
                    if (t != null) eq.add(t);
                }
                eq.add(unit.getValue()); // the window is the total
                equations.add(eq.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    private static boolean within(Period inner, Period outer) {
        return !inner.start().isBefore(outer.start()) && !inner.end().isAfter(outer.end());
    }

}
