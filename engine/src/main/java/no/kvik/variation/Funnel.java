package no.kvik.variation;

import java.util.ArrayList;
import java.util.List;

/**
 * Funnel-plot analysis of aggregated unit counts: target, z-scores, over-dispersion (φ, τ²), limits per
 * level, five-level flags and the Benjamini–Hochberg FDR flag. Pure: no I/O.
 */
public final class Funnel {
    private Funnel() {
    }

    public static FunnelResult compute(List<UnitCount> counts, FunnelOptions options) {
        IndicatorKind kind = options.kind();
        Screened screened = screen(counts, options);
        List<UnitCount> units = screened.units();
        if (units.isEmpty()) {
            return new FunnelResult(options, new FunnelModel(kind, options.method(), Double.NaN,
                    options.overdispersion(), Double.NaN, Double.NaN), options.levels(), List.of(), screened.excluded(), 0);
        }
        double target = target(options, screened.sumO(), screened.sumN());
        int n = units.size();
        FunnelModel scale = new FunnelModel(kind, options.method(), target, Overdispersion.NONE, Double.NaN, 0);
        double[] z = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            UnitCount u = units.get(i);
            z[i] = scale.zScore(u.numerator(), u.denominator());
            s[i] = scale.unitStandardError(u.numerator(), u.denominator());
        }
        Spread spread = overdispersion(units, z, s, options);
        FunnelModel model = new FunnelModel(kind, options.method(), target, options.overdispersion(), spread.phi(),
                Double.isNaN(spread.tau2()) ? 0 : spread.tau2());
        return new FunnelResult(options, model, options.levels(), funnelUnits(units, z, spread.keep(), model, options),
                screened.excluded(), spread.kept());
    }

    /** The units that enter the funnel, those that cannot (with why), and their summed numerators and denominators. */
    private record Screened(List<UnitCount> units, List<NotComputable> excluded, double sumO, double sumN) {
    }

    /** The trimming's kept units, and φ and τ² estimated on them (NaN when not estimated). */
    private record Spread(boolean[] keep, int kept, double phi, double tau2) {
    }

    /** Sets aside units with no denominator; rejects counts the method cannot take. */
    private static Screened screen(List<UnitCount> counts, FunnelOptions options) {
        IndicatorKind kind = options.kind();
        List<UnitCount> units = new ArrayList<>();
        List<NotComputable> excluded = new ArrayList<>();
        double sumO = 0;
        double sumN = 0;
        for (UnitCount c : counts) {
            if (c.denominator() == 0) {
                // excluded before any step, so it cannot shift I, ranks or φ (statistics.md §11, FunnelPlotR NaN case)
                excluded.add(new NotComputable(c.unit(), kind == IndicatorKind.RATIO
                        ? "expected count is 0" : "denominator is 0"));
                continue;
            }
            if (FunnelModel.scaleDenominator(options.method(), kind, c.denominator()) == 0) {
                // SHMI rounds E to 2 dp: 0 < E < 0.005 becomes 0 and is not computable, like E = 0
                excluded.add(new NotComputable(c.unit(), "expected count rounds to 0.00 (SHMI rounds E to 2 dp)"));
                continue;
            }
            if (kind == IndicatorKind.PROPORTION && c.numerator() > c.denominator()) {
                throw new IllegalArgumentException("unit " + c.unit() + ": numerator " + c.numerator()
                        + " exceeds denominator " + c.denominator() + " for a proportion");
            }
            if (options.method() == LimitMethod.EXACT) {
                requireWhole(c.unit(), "numerator", c.numerator());
                if (kind == IndicatorKind.PROPORTION) {
                    requireWhole(c.unit(), "denominator", c.denominator());
                }
            }
            units.add(c);
            sumO += c.numerator();
            sumN += c.denominator();
        }
        return new Screened(units, excluded, sumO, sumN);
    }

    /** The given target, else 1 for a ratio (O/E) and the pooled proportion ΣO/ΣN otherwise. */
    private static double target(FunnelOptions options, double sumO, double sumN) {
        IndicatorKind kind = options.kind();
        double target = options.target() != null ? options.target()
                : kind == IndicatorKind.RATIO ? 1 : sumO / sumN;
        if (!(target > 0) || (kind == IndicatorKind.PROPORTION && !(target < 1))) {
            throw new IllegalArgumentException("target " + target + " leaves no variation to test: "
                    + (target == 0 ? "no unit has any events" : "every unit has all events"));
        }
        return target;
    }

    /**
     * Trims the z-scores and estimates φ and τ² on the kept units (Spiegelhalter QSHC 2005); when they
     * cannot be estimated, that is an error only if the options ask for over-dispersion.
     */
    private static Spread overdispersion(List<UnitCount> units, double[] z, double[] s, FunnelOptions options) {
        int n = units.size();
        boolean truncate = options.trim() == Trim.TRUNCATE;
        boolean[] keep = truncate ? Dispersion.truncationKeep(z, options.trimFraction()) : new boolean[n];
        if (!truncate) {
            java.util.Arrays.fill(keep, true);
        }
        double[] zw = switch (options.trim()) {
            case TRUNCATE -> z;
            case WINSOR -> Dispersion.winsorise(z, options.trimFraction());
            case PHS -> Dispersion.replaceExtremes(z);
        };
        List<String> infinite = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i] && !Double.isFinite(zw[i])) {
                infinite.add(units.get(i).unit());
            }
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        if (infinite.isEmpty() && kept >= 2) {
            double phi = Dispersion.phi(zw, keep);
            double tau2 = options.tau2Estimator() == Tau2Estimator.PM
                    ? Dispersion.pauleMandelTau2(z, s, keep, options.trim(), options.trimFraction())
                    : Dispersion.tau2(phi, s, keep);
            return new Spread(keep, kept, phi, tau2);
        }
        if (options.overdispersion() != Overdispersion.NONE) {
            throw new IllegalArgumentException(kept < 2
                    ? "too few units to estimate over-dispersion (" + n + " units, " + kept + " kept after trimming)"
                    : "units " + infinite + " have an infinite z-score on the " + options.method()
                    + " scale (O = 0 on the log scale) and survive trimming; use truncation or another method");
        }
        return new Spread(keep, kept, Double.NaN, Double.NaN);
    }

    /** Per unit: adjusted z, p and its normal equivalent, BH q, limits at its denominator, and the flags. */
    private static List<FunnelUnit> funnelUnits(List<UnitCount> units, double[] z, boolean[] keep, FunnelModel model,
                                                FunnelOptions options) {
        int n = units.size();
        double[] levels = options.levels();
        double[] p = new double[n];
        double[] zAdj = new double[n];
        double[] zEquivalent = new double[n];
        // limits and tails depend on the denominator: each distinct one once (one beta-binomial pmf pass serves its
        // levels and its units), on the cores there are (pure functions, put back by denominator, so the result does
        // not depend on the order they finish in)
        java.util.Map<Double, List<Integer>> unitsAt = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            unitsAt.computeIfAbsent(units.get(i).denominator(), d -> new ArrayList<>()).add(i);
        }
        double[] distinct = unitsAt.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        List<FunnelModel.AtDenominator> drawn = java.util.stream.IntStream.range(0, distinct.length).parallel()
                .mapToObj(d -> model.limitsAndTails(distinct[d], levels, options.midP(),
                        unitsAt.get(distinct[d]).stream().mapToDouble(i -> units.get(i).numerator()).toArray()))
                .toList();
        List<List<Limits>> unadjusted = java.util.stream.IntStream.range(0, distinct.length).parallel()
                .mapToObj(d -> limitsAt(model, distinct[d], levels, false, options.midP())).toList();
        Tails[] tails = new Tails[n];
        java.util.Map<Double, List<List<Limits>>> limitsAt = new java.util.HashMap<>();
        for (int d = 0; d < distinct.length; d++) {
            limitsAt.put(distinct[d], List.of(drawn.get(d).limits(), unadjusted.get(d)));
            List<Integer> at = unitsAt.get(distinct[d]);
            for (int k = 0; k < at.size(); k++) {
                tails[at.get(k)] = drawn.get(d).tails().get(k);
            }
        }
        for (int i = 0; i < n; i++) {
            UnitCount u = units.get(i);
            zAdj[i] = model.adjustedZScore(u.numerator(), u.denominator());
            // one computation gives the flag, p and z (statistics.md "Flags and p-values"): model.tails, at the
            // unit's denominator with the limits there
            p[i] = tails[i].twoSided();
            double zt = tails[i].z();
            // a tail below the double range has no finite normal equivalent: keep the method-scale z (same sign)
            zEquivalent[i] = Double.isInfinite(zt) && Double.isFinite(zAdj[i]) ? zAdj[i] : zt;
        }
        double[] q = BenjaminiHochberg.adjust(p);
        List<FunnelUnit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UnitCount u = units.get(i);
            double value = u.numerator() / u.denominator();
            List<Limits> l = limitsAt.get(u.denominator()).get(0);
            List<Limits> r = limitsAt.get(u.denominator()).get(1);
            FunnelFlag flag = FunnelFlag.fromTails(tails[i], levels[0], levels[levels.length - 1]);
            String fdrFlag = q[i] <= options.fdrLevel() ? (tails[i].highSide() ? "high" : "low") : "";
            out.add(new FunnelUnit(u.unit(), u.numerator(), u.denominator(), value, z[i], zAdj[i], zEquivalent[i],
                    keep[i], l, r, flag, flag.alarm(options.direction()), p[i], q[i], fdrFlag));
        }
        return out;
    }

    private static List<Limits> limitsAt(FunnelModel model, double rho, double[] levels, boolean drawn,
                                         boolean midP) {
        // the same tail rule as the flags, so drawn limits = flags (statistics.md)
        if (drawn) {
            return model.limits(rho, levels, midP);
        }
        List<Limits> out = new ArrayList<>();
        for (double level : levels) {
            out.add(model.unadjustedLimits(rho, level, midP));
        }
        return out;
    }

    private static void requireWhole(String unit, String field, double count) {
        if (count != Math.rint(count)) {
            throw new IllegalArgumentException("unit " + unit + ": the exact method needs a whole " + field
                    + ", got " + count + " (the normal method takes non-integer counts)");
        }
    }
}
