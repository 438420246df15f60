package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A unit's flag, p and z come from one tail computation (statistics.md "Flags and p-values"). Pinned values are
 * from R 4.2.2 base functions (pbinom, ppois; mid-p = (P(X ≥ O) + P(X > O))/2), commands in each comment.
 */
class FlagsAndPValuesTest {

    private static FunnelUnit unit(FunnelResult r, String id) {
        return r.units().stream().filter(u -> u.unit().equals(id)).findFirst().orElseThrow();
    }

    private static FunnelOptions exact(IndicatorKind kind) {
        return FunnelOptions.of(kind, LimitMethod.EXACT, Overdispersion.NONE);
    }

    @Test
    void fiveOfFiveAtTargetNinetyOneIsAsExpected() {
        // issue #12: the interpolated upper limit (r − α)/5 < 1 flagged 5/5 high_outer.
        // R: pbinom(4, 5, 0.91, lower.tail = FALSE) = 0.6240321451 = P(X = 5); mid-p high = 0.31201607255,
        // two-sided p = 0.6240321451, z = qnorm(0.31201607255, lower.tail = FALSE) = 0.49014380124689744
        List<UnitCount> units = List.of(new UnitCount("A", 5, 5), new UnitCount("B", 90, 100),
                new UnitCount("C", 180, 200));
        FunnelResult mid = Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(0.91));
        FunnelUnit a = unit(mid, "A");
        assertEquals(FunnelFlag.AS_EXPECTED, a.funnelFlag());
        assertEquals(0.6240321451, a.pValue(), 1e-12);
        assertEquals(0.49014380124689744, a.zEquivalent(), 1e-9);
        // plain exact tails: P(X ≥ 5) = 0.624 and P(X ≤ 5) = 1, both above ½: p = 1, z = 0
        FunnelUnit plain = unit(Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(0.91)
                .withMidP(false)), "A");
        assertEquals(FunnelFlag.AS_EXPECTED, plain.funnelFlag());
        assertEquals(1, plain.pValue(), 0);
        assertEquals(0, plain.zEquivalent(), 0);
    }

    @Test
    void zeroEventsCanBeSignificantlyLow() {
        // R: pbinom(0, 10, 0.5) = 0.0009765625; mid-p tail is half of it, p = 0.0009765625 < 0.002: low_outer;
        // plain p = 0.001953125 < 0.002: low_outer too
        List<UnitCount> units = List.of(new UnitCount("Z", 0, 10), new UnitCount("B", 50, 100));
        FunnelResult mid = Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(0.5));
        assertEquals(FunnelFlag.LOW_OUTER, unit(mid, "Z").funnelFlag());
        assertEquals(0.0009765625, unit(mid, "Z").pValue(), 1e-15);
        assertTrue(unit(mid, "Z").zEquivalent() < -3.090232306167813);
        FunnelResult plain = Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(0.5).withMidP(false));
        assertEquals(0.001953125, unit(plain, "Z").pValue(), 1e-15);
        assertEquals(FunnelFlag.LOW_OUTER, unit(plain, "Z").funnelFlag());
        // Poisson: R ppois(0, 5) = 0.006737946999085467 → p (mid) = 0.006737946999085467: low_inner
        FunnelResult ratio = Funnel.compute(List.of(new UnitCount("Z", 0, 5), new UnitCount("B", 50, 50)),
                exact(IndicatorKind.RATIO));
        assertEquals(FunnelFlag.LOW_INNER, unit(ratio, "Z").funnelFlag());
        assertEquals(0.006737946999085467, unit(ratio, "Z").pValue(), 1e-15);
        assertEquals("low", unit(ratio, "Z").fdrFlag());
    }

    @Test
    void expectedOneHighSideFollowsTheExactTail() {
        // E = 1: the interpolated 95 % upper limit flagged O = 3 (P(X ≥ 3) = 0.0803, real rate 0.08).
        // R: (ppois(2, 1, lower.tail = FALSE) + ppois(3, 1, lower.tail = FALSE))/2 = 0.049644776973774001 → p 0.0993
        //    (ppois(3, 1, lower.tail = FALSE) + ppois(4, 1, lower.tail = FALSE))/2 = 0.01132400185174876 → p 0.0226,
        //    z = qnorm(0.01132400185174876, lower.tail = FALSE) = 2.2793207792116519
        List<UnitCount> units = List.of(new UnitCount("O3", 3, 1), new UnitCount("O4", 4, 1),
                new UnitCount("B", 100, 100));
        FunnelResult r = Funnel.compute(units, exact(IndicatorKind.RATIO));
        assertEquals(FunnelFlag.AS_EXPECTED, unit(r, "O3").funnelFlag());
        assertEquals(2 * 0.049644776973774001, unit(r, "O3").pValue(), 1e-15);
        assertEquals(FunnelFlag.HIGH_INNER, unit(r, "O4").funnelFlag());
        assertEquals(2 * 0.01132400185174876, unit(r, "O4").pValue(), 1e-15);
        assertEquals(2.2793207792116519, unit(r, "O4").zEquivalent(), 1e-9);
        // plain: R ppois(3, 1, lower.tail = FALSE) = 0.018988156876153808
        FunnelResult plain = Funnel.compute(units, exact(IndicatorKind.RATIO).withMidP(false));
        assertEquals(2 * 0.018988156876153808, unit(plain, "O4").pValue(), 1e-15);
        assertEquals(FunnelFlag.HIGH_INNER, unit(plain, "O4").funnelFlag());
    }

    @Test
    void overdispersedExactTailsAreBetaBinomialAndNegativeBinomial() {
        // Beta-binomial n = 40, p0 = 0.1, τ² = 0.002: icc = 40·0.002/(39·0.09), a = p0(1/icc − 1), b = (1−p0)(1/icc − 1);
        // R: pm <- choose(40, 0:40) * beta(0:40 + a, 40 - 0:40 + b) / beta(a, b); variance 6.8 = 40·0.09 + 1600·0.002
        FunnelModel bb = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.1, Overdispersion.ADDITIVE,
                2, 0.002);
        Tails t9 = bb.tails(9, 40, true);
        assertEquals(0.95266746561602478, t9.low(), 1e-12);
        assertEquals(0.047332534384075545, t9.high(), 1e-12);
        assertEquals(0.010203287554724376, bb.tails(12, 40, false).high(), 1e-12);
        assertEquals(0.025884442388485897, bb.tails(0, 40, true).low(), 1e-12);
        // Negative binomial E = 20, θ0 = 1, τ² = 0.05: size = 1/0.05 = 20;
        // R: pnbinom(34, size = 20, mu = 20, lower.tail = FALSE) - dnbinom(35, size = 20, mu = 20)/2
        FunnelModel nb = new FunnelModel(IndicatorKind.RATIO, LimitMethod.EXACT, 1, Overdispersion.ADDITIVE, 2, 0.05);
        assertEquals(0.017563127376902389, nb.tails(35, 20, true).high(), 1e-12);
        assertEquals(0.020111782047858445, nb.tails(35, 20, false).high(), 1e-12);
        assertEquals(6.0558319091796828e-05, nb.tails(2, 20, false).low(), 1e-15);
        // τ² → 0: the beta-binomial (a, b ≈ 10¹⁰) must become the binomial (log-beta differences lost 5e-4 here)
        FunnelModel nearBinomial = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.1,
                Overdispersion.ADDITIVE, 2, 1e-14);
        Tails b = Tails.binomial(400, 0.1, 60, true);
        assertEquals(b.low(), nearBinomial.tails(60, 400, true).low(), 1e-8);
        assertEquals(b.high(), nearBinomial.tails(60, 400, true).high(), 1e-8 * b.high());
        // multiplicative φ = 2: Var = 2μ, size = μ/(φ − 1) = 20: the same distribution at E = 20
        FunnelModel nbm = new FunnelModel(IndicatorKind.RATIO, LimitMethod.EXACT, 1, Overdispersion.MULTIPLICATIVE,
                2, 0);
        assertEquals(0.017563127376902389, nbm.tails(35, 20, true).high(), 1e-12);
    }

    @Test
    void binomialBeyondIntRangeHasTailsAndLimits() {
        // R: pbinom(900075298, 3e9, 0.3, lower.tail = FALSE) = 0.0013501515498506517; both are incomplete-beta
        // evaluations with a, b near 10⁹, which agree to 2.3e-8 relative here (tolerance 1e-7 relative)
        Tails t = Tails.binomial(3e9, 0.3, 900075299, false);
        assertEquals(0.0013501515498506517, t.high(), 1e-7 * 0.00135);
        List<UnitCount> units = List.of(new UnitCount("BIG", 900075299, 3e9), new UnitCount("B", 300, 1000));
        FunnelResult r = Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(0.3).withMidP(false));
        FunnelUnit big = unit(r, "BIG");
        assertEquals(2 * 0.0013501515498506517, big.pValue(), 1e-7 * 0.0027);
        assertEquals(FunnelFlag.HIGH_INNER, big.funnelFlag());
        // the line is where the same plain binomial tail crosses 0.025: R, first k with
        // pbinom(k − 1, 3e9, 0.3, lower.tail = FALSE) < 0.025 is 900049196, interpolated (k − 1 + α)/n =
        // 0.30001639846500477 (the former normal line 0.3 + 1.96·sqrt(0.21/3e9) = 0.30001639823519)
        assertEquals(0.30001639846500477, big.limits().get(0).upper(), 1e-12);
    }

    @Test
    void nonWholeCountsAreRejectedByTheExactMethodNamingTheUnit() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Funnel.compute(List.of(new UnitCount("H7", 2.5, 10), new UnitCount("B", 3, 10)),
                        exact(IndicatorKind.RATIO)));
        assertTrue(e.getMessage().startsWith("unit H7: the exact method needs a whole numerator, got 2.5"), e.getMessage());
    }

    /** Sweep: flag at each level ⇔ p &lt; 1 − L ⇔ the independently computed exact tail is below (1 − L)/2. */
    @Test
    void flagAgreesWithExactTailForEveryCount() {
        List<Integer> ns = new ArrayList<>();
        for (int n = 1; n <= 2000; n++) {
            if (n <= 50 || n % 131 == 0 || n == 2000) {
                ns.add(n);
            }
        }
        double[] targets = {0.02, 0.5, 0.91, 0.999};
        int checked = 0;
        for (boolean midP : new boolean[] {true, false}) {
            for (double p0 : targets) {
                for (int n : ns) {
                    List<UnitCount> units = new ArrayList<>();
                    for (int o = 0; o <= n; o++) {
                        units.add(new UnitCount("b" + o, o, n));
                    }
                    FunnelResult r = Funnel.compute(units, exact(IndicatorKind.PROPORTION).withTarget(p0)
                            .withMidP(midP));
                    org.apache.commons.statistics.distribution.BinomialDistribution d =
                            org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p0);
                    for (FunnelUnit u : r.units()) {
                        int o = (int) u.numerator();
                        double low = d.cumulativeProbability(o) - (midP ? 0.5 * d.probability(o) : 0);
                        double high = d.survivalProbability(o - 1) - (midP ? 0.5 * d.probability(o) : 0);
                        checkUnit(u, low, high, "binomial n " + n + " p0 " + p0 + " O " + o + " midP " + midP);
                        checked++;
                    }

                    // Poisson with mean θ0·ρ at ρ = n (rates), every O up to far beyond the upper tail
                    double mu = p0 * n;
                    int maxO = (int) Math.ceil(mu + 12 * Math.sqrt(mu) + 15);
                    List<UnitCount> counts = new ArrayList<>();
                    for (int o = 0; o <= maxO; o++) {
                        counts.add(new UnitCount("p" + o, o, n));
                    }
                    FunnelResult pr = Funnel.compute(counts, exact(IndicatorKind.RATE).withTarget(p0).withMidP(midP));
                    org.apache.commons.statistics.distribution.PoissonDistribution pd =
                            org.apache.commons.statistics.distribution.PoissonDistribution.of(mu);
                    for (FunnelUnit u : pr.units()) {
                        int o = (int) u.numerator();
                        double low = pd.cumulativeProbability(o) - (midP ? 0.5 * pd.probability(o) : 0);
                        double high = pd.survivalProbability(o - 1) - (midP ? 0.5 * pd.probability(o) : 0);
                        checkUnit(u, low, high, "poisson mu " + mu + " O " + o + " midP " + midP);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "units checked: " + checked);
    }

    private static void checkUnit(FunnelUnit u, double low, double high, String where) {
        double smaller = Math.min(low, high);
        double p = Math.min(1, 2 * smaller);
        // relative agreement between two implementations, plus an absolute floor for p near 1
        assertEquals(p, u.pValue(), 1e-9 * p + 1e-13, where + " p");
        for (double level : new double[] {0.95, 0.998}) {
            boolean beyond = level == 0.95 ? u.funnelFlag() != FunnelFlag.AS_EXPECTED
                    : u.funnelFlag() == FunnelFlag.HIGH_OUTER || u.funnelFlag() == FunnelFlag.LOW_OUTER;
            assertEquals(u.pValue() < 1 - level, beyond, where + " flag ⇔ p at " + level);
            // the independent tail decides the same, except within rounding of the threshold
            double threshold = (1 - level) / 2;
            if (Math.abs(smaller - threshold) > 1e-9 * threshold) {
                assertEquals(smaller < threshold, beyond, where + " flag ⇔ exact tail at " + level);
            }
        }
        if (u.funnelFlag() != FunnelFlag.AS_EXPECTED) {
            boolean highFlag = u.funnelFlag() == FunnelFlag.HIGH_INNER || u.funnelFlag() == FunnelFlag.HIGH_OUTER;
            assertEquals(high < low, highFlag, where + " side");
            assertEquals(highFlag, u.zEquivalent() > 0, where + " z sign");
        }
    }

    /** Over-dispersion in effect: every method's flag follows its own p, and the FDR uses the same p. */
    @Test
    void flagFollowsPUnderOverdispersionForEveryMethod() {
        List<UnitCount> props = new ArrayList<>();
        List<UnitCount> rates = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(12);
        for (int i = 0; i < 60; i++) {
            int n = 5 + rnd.nextInt(400);
            double p = Math.min(0.95, Math.max(0.01, 0.2 + 0.12 * rnd.nextGaussian()));
            int o = 0;
            for (int k = 0; k < n; k++) {
                o += rnd.nextDouble() < p ? 1 : 0;
            }
            props.add(new UnitCount("u" + i, o, n));
            rates.add(new UnitCount("u" + i, o + 1, n));
        }
        props.add(new UnitCount("all", 7, 7));
        props.add(new UnitCount("none", 0, 30));
        int flagged = 0;
        for (Overdispersion od : Overdispersion.values()) {
            for (LimitMethod m : LimitMethod.values()) {
                for (IndicatorKind kind : IndicatorKind.values()) {
                    if (!m.supports(kind)) {
                        continue;
                    }
                    FunnelResult r = Funnel.compute(kind == IndicatorKind.PROPORTION ? props : rates,
                            FunnelOptions.of(kind, m, od).withTrim(Trim.TRUNCATE));
                    double[] q = BenjaminiHochberg.adjust(r.units().stream().mapToDouble(FunnelUnit::pValue).toArray());
                    for (int i = 0; i < r.units().size(); i++) {
                        FunnelUnit u = r.units().get(i);
                        String w = m + " " + kind + " " + od + " " + u.unit();
                        Tails t = r.model().tails(u.numerator(), u.denominator(), true);
                        assertEquals(t.twoSided(), u.pValue(), 0, w);
                        assertEquals(u.pValue() < 1 - 0.998, u.funnelFlag() == FunnelFlag.HIGH_OUTER
                                || u.funnelFlag() == FunnelFlag.LOW_OUTER, w + " outer");
                        assertEquals(u.pValue() < 1 - 0.95, u.funnelFlag() != FunnelFlag.AS_EXPECTED, w + " inner");
                        assertEquals(q[i], u.fdrQ(), 0, w + " q");
                        flagged += u.funnelFlag() != FunnelFlag.AS_EXPECTED ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(flagged > 0);
    }

    /** Methods without exact tails keep FunnelPlotR/NHS parity: the flag is where the value lies against its limits. */
    @Test
    void normalScaleAndChiSquareFlagsMatchTheirDrawnLimits() {
        List<UnitCount> ratios = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 50; i++) {
            double e = 0.5 + 200 * rnd.nextDouble();
            ratios.add(new UnitCount("r" + i, Math.round(e * Math.exp(0.3 * rnd.nextGaussian())), e));
        }
        for (LimitMethod m : List.of(LimitMethod.NORMAL, LimitMethod.CHISQ, LimitMethod.CQC, LimitMethod.SHMI)) {
            for (Overdispersion od : Overdispersion.values()) {
                FunnelResult r = Funnel.compute(ratios, FunnelOptions.of(IndicatorKind.RATIO, m, od));
                for (FunnelUnit u : r.units()) {
                    assertEquals(FunnelFlag.classify(u.value(), u.limits().get(0), u.limits().get(1)), u.funnelFlag(),
                            m + " " + od + " " + u.unit());
                }
            }
        }
    }
}
