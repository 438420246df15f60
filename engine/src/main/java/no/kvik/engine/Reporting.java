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

    /** Result rows for an indicator's aggregates, sorted by period, level and unit id. */
    public static List<IndicatorResult> report(IndicatorMeta meta, List<UnitAggregate> aggregates) {
        Map<Period, List<UnitAggregate>> byPeriod = new LinkedHashMap<>();
        for (UnitAggregate a : aggregates) byPeriod.computeIfAbsent(a.period(), k -> new ArrayList<>()).add(a);
        List<IndicatorResult> results = new ArrayList<>();
        for (List<UnitAggregate> unordered : byPeriod.values()) {
            // a fixed order makes the choice of secondary cells independent of DuckDB's output order
            List<UnitAggregate> cells = unordered.stream()
                    .sorted(Comparator.comparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId)).toList();
            String[] reasons = protect(meta, cells);
            for (int i = 0; i < cells.size(); i++) {
                UnitAggregate a = cells.get(i);
                if (a.level() == Level.NATION && !meta.levels().contains(Level.NATION)) continue;
                results.add(result(meta, a, reasons[i]));
            }
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
                    null, null, null, suppressed);
        }
        double[] v = valueAndInterval(meta.measure(), a);
        Double value = boxed(v[0]);
        return new IndicatorResult(meta.id(), meta.version(), p.start(), p.end(), p.label(), a.level().code(),
                a.unitId(), a.unitName(), a.numerator(), a.denominator(), value, boxed(v[1]), boxed(v[2]),
                null, null, null, null, null, null, null, null, null,
                GoalAttainment.level(value, meta.target(), meta.direction()), null);
    }

    private static Double boxed(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /**
     * Suppression reasons for the cells of one period. Equations: each reported parent equals the sum of
     * its known children plus its (unpublished) share of the 'unknown' child, and the 'unknown' child
     * equals the sum of those shares (a share of zero is treated as known); directly under the nation the 'unknown' unit is an ordinary child.
     * The nation cell always takes part, published only when the indicator reports it.
     */
    static String[] protect(IndicatorMeta meta, List<UnitAggregate> cells) {
        List<SmallCellProtection.Cell> terms = new ArrayList<>();
        Map<Level, Map<String, Integer>> index = new java.util.EnumMap<>(Level.class);
        for (int i = 0; i < cells.size(); i++) {
            UnitAggregate a = cells.get(i);
            boolean published = a.level() != Level.NATION || meta.levels().contains(Level.NATION);
            terms.add(new SmallCellProtection.Cell(a.numerator(), a.denominator(), published, a.level() == Level.NATION));
            index.computeIfAbsent(a.level(), k -> new LinkedHashMap<>()).put(a.unitId(), i);
        }
        List<int[]> equations = new ArrayList<>();
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
                eq.add(parent.getValue());
                // a parent without unknown-unit cases has a share of zero, which counts as known
                if (unknown != null && (Math.abs(shareNum) > 1e-9 || Math.abs(shareDen) > 1e-9)) {
                    terms.add(new SmallCellProtection.Cell(0, 0, false, false));
                    eq.add(terms.size() - 1);
                    shares.add(terms.size() - 1);
                }
                equations.add(eq.stream().mapToInt(Integer::intValue).toArray());
            }
            if (unknown != null) {
                shares.add(unknown);
                equations.add(shares.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        String[] reasons = SmallCellProtection.protect(terms, equations, meta.suppression());
        String[] out = new String[cells.size()];
        System.arraycopy(reasons, 0, out, 0, cells.size());
        return out;
    }
}
