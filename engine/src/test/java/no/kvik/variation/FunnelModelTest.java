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
    void exactInterpolatedPoissonLimitsMatchSpecExample() {
        // docs/statistical-methods.md §2.2: E 29.531848
        FunnelModel m = new FunnelModel(IndicatorKind.RATIO, LimitMethod.EXACT, 1, Overdispersion.NONE, Double.NaN, 0);
        Limits l95 = m.unadjustedLimits(29.531848, 0.95);
        Limits l998 = m.unadjustedLimits(29.531848, 0.998);
        assertEquals(0.6387813264, l95.lower(), 1e-9);
        assertEquals(1.359520400, l95.upper(), 1e-9);
        assertEquals(0.4641031045, l998.lower(), 1e-9);
        assertEquals(1.598510482, l998.upper(), 1e-9);
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
    void exactLimitsAtAnExactCdfTie() {
        // Binomial(2, 0.5): F(0) = 0.25, F(1) = 0.75; level 0.5 → p = 0.25 and 0.75 hit the CDF exactly:
        // r = 0, α = 0 → 0; r = 1, α = 0 → 1/2
        FunnelModel m = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.5, Overdispersion.NONE,
                Double.NaN, 0);
        Limits l = m.unadjustedLimits(2, 0.5);
        assertEquals(0, l.lower(), 0);
        assertEquals(0.5, l.upper(), 1e-15);
    }
}
