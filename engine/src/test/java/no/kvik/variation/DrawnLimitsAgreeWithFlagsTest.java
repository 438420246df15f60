package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: a unit's position against its own drawn limits (bounds inclusive) is its flag, for every method,
 * kind, target, tail rule and over-dispersion (statistics.md "Drawn limits = flags"). The flag comes from
 * {@link FunnelModel#tails} and the position from {@link FunnelFlag#classify}: two independent computations.
 */
class DrawnLimitsAgreeWithFlagsTest {

    private static final double INNER = 0.95;
    private static final double OUTER = 0.998;

    private record Case(FunnelModel model, boolean midP) {
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        double[] targets = {0.00178, 0.02, 0.15, 0.5, 0.91, 0.995};
        for (IndicatorKind kind : new IndicatorKind[] {IndicatorKind.PROPORTION, IndicatorKind.RATIO}) {
            for (LimitMethod method : LimitMethod.values()) {
                for (double target : targets) {
                    double t = kind == IndicatorKind.RATIO ? target * 2 : target;
                    for (boolean midP : new boolean[] {true, false}) {
                        out.add(new Case(new FunnelModel(kind, method, t, Overdispersion.NONE, Double.NaN, 0), midP));
                        out.add(new Case(new FunnelModel(kind, method, t, Overdispersion.ADDITIVE, Double.NaN,
                                method == LimitMethod.EXACT || method == LimitMethod.NORMAL ? t * t * 0.05 : 0.01),
                                midP));
                        out.add(new Case(new FunnelModel(kind, method, t, Overdispersion.MULTIPLICATIVE, 2.3, 0),
                                midP));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everySampledUnitIsOutsideItsDrawnLimitsExactlyWhenFlagged() {
        Random random = new Random(20261207);
        int checked = 0;
        int flagged = 0;
        List<String> wrong = new ArrayList<>();
        java.util.Map<String, Integer> groups = new java.util.TreeMap<>();
        for (Case c : cases()) {
            FunnelModel m = c.model();
            if (m.method() == LimitMethod.ARCSINE && m.kind() != IndicatorKind.PROPORTION) {
                continue; // arcsine is for proportions
            }
            for (int i = 0; i < 60; i++) {
                int n = 1 + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(2000)));
                double rho = m.kind() == IndicatorKind.RATIO && m.method() != LimitMethod.EXACT
                        && random.nextBoolean() ? n + 0.37 : n;
                Limits inner = m.limits(rho, INNER, c.midP());
                Limits outer = m.limits(rho, OUTER, c.midP());
                // counts around the lines and at the extremes, where the disagreements were
                long mean = Math.round(m.target() * rho);
                long sd = Math.max(3, Math.round(4 * Math.sqrt(m.target() * rho + 1)));
                long max = m.kind() == IndicatorKind.PROPORTION ? n : mean + 3 * sd + 10;
                List<Long> counts = new ArrayList<>(List.of(0L, 1L, max, max - 1));
                for (int j = 0; j < 25; j++) {
                    counts.add(Math.max(0, Math.min(max, mean - 3 * sd + random.nextInt((int) (6 * sd + 1)))));
                }
                for (long o : counts) {
                    if (o == 0 && (m.method() == LimitMethod.SHMI
                            || m.method() == LimitMethod.CHISQ && !m.adjusted())) {
                        // SHMI: O = 0 has z = −∞ on the log scale; unadjusted CHISQ: p = 0 at O = 0 while the
                        // gamma lower limit can underflow to 0, a FunnelPlotR-parity case (statistics.md)
                        continue;
                    }
                    if (o <= 1 && m.method() == LimitMethod.RC) {
                        // RC's z-score SE sqrt(O/(O+0.5)² + n/(n+0.5)²) shrinks as O → 0, so O = 0 or 1 can be
                        // flagged HIGH below the target: no line can separate that (statistics.md, RC)
                        continue;
                    }
                    FunnelFlag flag = FunnelFlag.fromTails(m.tails(o, rho, c.midP()), INNER, OUTER);
                    FunnelFlag position = FunnelFlag.classify(o / rho, inner, outer);
                    checked++;
                    if (flag != FunnelFlag.AS_EXPECTED) {
                        flagged++;
                    }
                    if (flag != position) {
                        groups.merge(m.method() + "/" + m.kind() + "/" + m.overdispersion(), 1, Integer::sum);
                        wrong.add(m + (c.midP() ? " mid-p" : " plain") + " O=" + o + " rho=" + rho + " flag=" + flag
                                + " position=" + position + " inner=" + inner + " outer=" + outer);
                    }
                }
            }
        }
        assertTrue(checked > 50_000, "checked " + checked);
        assertTrue(flagged > checked / 10, "flagged " + flagged + " of " + checked);
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " disagree " + groups);
    }

    @Test
    void funnelUnitsCarryLimitsThatAgreeWithTheirFlags() {
        // end to end through Funnel.compute: the lower_/upper_ columns of the CSV and JSON come from u.limits()
        Random random = new Random(7);
        List<UnitCount> units = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = 1 + random.nextInt(2000);
            double p = 0.08 * Math.exp(random.nextGaussian() * 0.5);
            int o = 0;
            for (int j = 0; j < n; j++) {
                o += random.nextDouble() < p ? 1 : 0;
            }
            units.add(new UnitCount("u" + i, o, n));
        }
        units.add(new UnitCount("full", 5, 5));
        for (Overdispersion od : Overdispersion.values()) {
            for (boolean midP : new boolean[] {true, false}) {
                FunnelResult r = Funnel.compute(units, FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT, od)
                        .withMidP(midP));
                int flagged = 0;
                for (FunnelUnit u : r.units()) {
                    List<Limits> l = u.limits();
                    assertEquals(u.funnelFlag(), FunnelFlag.classify(u.value(), l.get(0), l.get(l.size() - 1)),
                            od + " " + midP + " " + u.unit());
                    flagged += u.funnelFlag() == FunnelFlag.AS_EXPECTED ? 0 : 1;
                }
                assertTrue(flagged > 10, od + " flagged " + flagged);
            }
        }
    }

    @Test
    void fullProportionUnflaggedSitsOnTheUpperLine() {
        // 5/5 at 0.91: P(X = 5) = 0.624 (R: dbinom(5, 5, 0.91)), not flagged, so the 99.8 % line is 1
        FunnelModel m = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.91, Overdispersion.NONE,
                Double.NaN, 0);
        assertEquals(1.0, m.limits(5, OUTER, true).upper(), 0);
        assertEquals(1.0, m.limits(5, OUTER, false).upper(), 0);
    }
}
