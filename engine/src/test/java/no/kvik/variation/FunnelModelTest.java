package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Published values from the spec and FunnelPlotR's own tests. */
class FunnelModelTest {

    @Test
    void chiSquareLimitsMatchFunnelPlotRPackageTests() {
        // FunnelPlotR 0.6.0 tests/testthat/test-poisson_limits.R (target 1, values rounded to 6-7 decimals)
        FunnelModel m = new FunnelModel(IndicatorKind.RATIO, LimitMethod.CHISQ, 1, Overdispersion.NONE, Double.NaN, 0);
        double[][] expected = {
                {15, 0.5596924, 1.649348, 0.3862650, 2.082907},
                {20, 0.6108260, 1.544419, 0.4479107, 1.902094},
                {30, 0.6746958, 1.427562, 0.5289724, 1.702771}};
        for (double[] e : expected) {
            Limits l95 = m.unadjustedLimits(e[0], 0.95);
            Limits l998 = m.unadjustedLimits(e[0], 0.998);
            assertEquals(e[1], l95.lower(), 5e-7);
            assertEquals(e[2], l95.upper(), 5e-6);
            assertEquals(e[3], l998.lower(), 5e-7);
            assertEquals(e[4], l998.upper(), 5e-6);
        }
    }

    @Test
    void exactPoissonLimitsAreWhereTheFlagTailCrossesTheLevel() {
        // E 29.531848 (engine/docs/statistics.md §2.2 example). R 4.2.2, base functions: the upper line is
        // (k − 1 + (h(k−1) − a)/(h(k−1) − h(k)))/E for the first k with h(k) < a, h the high tail (plain
        // ppois(k − 1, E, lower.tail = FALSE), mid-p ppois(k, E, lower.tail = FALSE) + dpois(k, E)/2), the lower
        // line the same on the low tail; script in the commit "EXACT drawn limits = flag boundary".
        // The plain lower line equals Spiegelhalter's interpolated limit (0.6387813264): same CDF, same interpolation.
        FunnelModel m = new FunnelModel(IndicatorKind.RATIO, LimitMethod.EXACT, 1, Overdispersion.NONE, Double.NaN, 0);
        assertEquals(0.63878132640278718, m.unadjustedLimits(29.531848, 0.95, false).lower(), 1e-12);
        assertEquals(1.3933821483925257, m.unadjustedLimits(29.531848, 0.95, false).upper(), 1e-12);
        assertEquals(0.46410310454940312, m.unadjustedLimits(29.531848, 0.998, false).lower(), 1e-12);
        assertEquals(1.6323722299541412, m.unadjustedLimits(29.531848, 0.998, false).upper(), 1e-12);
        assertEquals(0.65333770132207747, m.unadjustedLimits(29.531848, 0.95, true).lower(), 1e-12);
        assertEquals(1.3783829724682644, m.unadjustedLimits(29.531848, 0.95, true).upper(), 1e-12);
        assertEquals(0.47875965630572404, m.unadjustedLimits(29.531848, 0.998, true).lower(), 1e-12);
        assertEquals(1.617804917210512, m.unadjustedLimits(29.531848, 0.998, true).upper(), 1e-12);
    }

    @Test
    void zConstantsAreExactNormalQuantiles() {
        assertEquals(1.959963984540054, FunnelModel.zFor(0.95), 1e-15);
        assertEquals(3.090232306167813, FunnelModel.zFor(0.998), 1e-14);
    }

    @Test
    void cqcLimitsAreSquaredBackUnlikeFunnelPlotR() {
        // hand: E = 25, tau2 = 0.01, z95: sd = sqrt(1/100 + 0.01) = sqrt(0.02); limits (1 ∓ 1.959964·0.141421)²
        FunnelModel m = new FunnelModel(IndicatorKind.RATIO, LimitMethod.CQC, 1, Overdispersion.ADDITIVE, 3, 0.01);
        double h = FunnelModel.zFor(0.95) * Math.sqrt(0.02);
        Limits l = m.limits(25, 0.95);
        assertEquals((1 - h) * (1 - h), l.lower(), 1e-15);
        assertEquals((1 + h) * (1 + h), l.upper(), 1e-15);
        assertEquals(0.522468, l.lower(), 1e-6);
    }

    @Test
    void exactLimitsWhenATailEqualsTheLevel() {
        // Binomial(2, 0.5), level 0.5, a = 0.25, by hand. Plain: P(X ≥ 2) = 0.25 and P(X ≤ 0) = 0.25 are not
        // below a, so no count is flagged and the lines are 0 and 1. Mid-p: low = 0.125, 0.5 at 0, 1; high =
        // 0.5, 0.125 at 1, 2: lower (0 + (0.25 − 0.125)/(0.5 − 0.125))/2 = 1/6, upper (1 + (0.5 − 0.25)/(0.5 −
        // 0.125))/2 = 5/6
        FunnelModel m = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.5, Overdispersion.NONE,
                Double.NaN, 0);
        Limits plain = m.unadjustedLimits(2, 0.5, false);
        assertEquals(0, plain.lower(), 0);
        assertEquals(1, plain.upper(), 0);
        Limits mid = m.unadjustedLimits(2, 0.5, true);
        assertEquals(1.0 / 6, mid.lower(), 1e-15);
        assertEquals(5.0 / 6, mid.upper(), 1e-15);
    }
}
