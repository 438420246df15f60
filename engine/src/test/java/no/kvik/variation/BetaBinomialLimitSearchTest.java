package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The exact over-dispersed limits of a proportion (beta-binomial tails) started from the boundaries in {@link BetaBinomialPmf}
 * (issue #17): the boundary counts are those of R and of a plain count-by-count scan of the same tails, and the
 * guess is the boundary itself, so the search needs two tail sums per side.
 */
class BetaBinomialLimitSearchTest {
    private static final double[] LEVELS = {0.95, 0.998};

    /** n = 5000, p0 = 0.2, τ² = 4e-4 (additive): the model of the R fixture below. */
    private static final FunnelModel MODEL = new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.2,
            Overdispersion.ADDITIVE, 2, 4e-4);

    @Test
    void boundaryCountsMatchR() {
        // R 4.x, whole pmf from lchoose + lbeta (/tmp script in the commit "beta-binomial limits from a guess"):
        // icc = n·τ²/((n − 1)·p0(1 − p0)), a = p0(1/icc − 1), b = (1 − p0)(1/icc − 1); high = rev(cumsum(rev(pm)))
        // − (1 − h)·pm, low = cumsum(pm) − (1 − h)·pm with h = ½ for mid-p; k = min(x[high < α]), j = max(x[low < α])
        long[][] r = {{1212, 803}, {1343, 701}, {1211, 803}, {1343, 702}}; // plain 95, plain 99.8, mid-p 95, mid-p 99.8
        int i = 0;
        for (boolean midP : new boolean[] {false, true}) {
            for (double level : LEVELS) {
                long[] scanned = scan(MODEL, 5000, level, midP);
                assertEquals(r[i][0], scanned[0], "upper, mid-p " + midP + ", level " + level);
                assertEquals(r[i][1], scanned[1], "lower, mid-p " + midP + ", level " + level);
                i++;
            }
        }
    }

    @Test
    void limitsAreTheScannedBoundariesInterpolated() {
        // models from a near-binomial spread to a wide one, and a multiplicative φ; n up to 8000 so the scan is quick
        FunnelModel[] models = {MODEL,
                new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.05, Overdispersion.ADDITIVE, 2, 1e-6),
                new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.6, Overdispersion.ADDITIVE, 2, 0.01),
                new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.3, Overdispersion.MULTIPLICATIVE, 4.5, 0)};
        long[] sizes = {12, 250, 8000};
        for (FunnelModel m : models) {
            for (long n : sizes) {
                for (boolean midP : new boolean[] {false, true}) {
                    for (double level : LEVELS) {
                        String what = m + " n " + n + " mid-p " + midP + " level " + level;
                        long[] kj = scan(m, n, level, midP);
                        double a = (1 - level) / 2;
                        Limits l = m.limits(n, level, midP);
                        if (kj[0] < 0) {
                            assertEquals(1, l.upper(), 0, what); // not even n is flagged high (a small unit)
                        } else {
                            double hk = m.tails(kj[0], n, midP).high();
                            double hPrev = m.tails(kj[0] - 1, n, midP).high();
                            assertEquals(Math.min(1, ((kj[0] - 1) + (hPrev - a) / (hPrev - hk)) / n), l.upper(), 0, what);
                        }
                        if (kj[1] < 0) {
                            assertEquals(0, l.lower(), 0, what);
                        } else {
                            double lj = m.tails(kj[1], n, midP).low();
                            double lNext = m.tails(kj[1] + 1, n, midP).low();
                            assertEquals((kj[1] + (a - lj) / (lNext - lj)) / n, l.lower(), 0, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyLevelAtOnceGivesEachLevelsLimits() {
        // one pmf pass for both levels must not change a limit: compared with the one-level call, bit for bit
        FunnelModel[] models = {MODEL,
                new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.EXACT, 0.3, Overdispersion.MULTIPLICATIVE, 4.5, 0),
                new FunnelModel(IndicatorKind.RATIO, LimitMethod.EXACT, 1, Overdispersion.ADDITIVE, 2, 0.05),
                new FunnelModel(IndicatorKind.PROPORTION, LimitMethod.ARCSINE, 0.2, Overdispersion.ADDITIVE, 2, 4e-4)};
        for (FunnelModel m : models) {
            for (double rho : new double[] {2, 37, 5000, 123456}) {
                for (boolean midP : new boolean[] {false, true}) {
                    java.util.List<Limits> all = m.limits(rho, LEVELS, midP);
                    for (int i = 0; i < LEVELS.length; i++) {
                        assertEquals(m.limits(rho, LEVELS[i], midP), all.get(i), m + " rho " + rho + " mid-p " + midP);
                    }
                }
            }
        }
    }

    @Test
    void theGuessIsTheBoundary() {
        double icc = 5000 * 4e-4 / (4999 * 0.2 * 0.8);
        double s = 1 / icc - 1;
        BetaBinomialPmf pmf = BetaBinomialPmf.of(5000, 0.2 * s, 0.8 * s);
        assertNotNull(pmf);
        for (boolean midP : new boolean[] {false, true}) {
            for (double level : LEVELS) {
                long[] kj = scan(MODEL, 5000, level, midP);
                assertEquals(kj[0], pmf.smallestHighBelow((1 - level) / 2, midP), "upper, mid-p " + midP + ", level " + level);
                assertEquals(kj[1], pmf.largestLowBelow((1 - level) / 2, midP), "lower, mid-p " + midP + ", level " + level);
                // the pmf below the kept counts is negligible: 0 is far below the lower line
                assertTrue(pmf.first() > 0 && pmf.first() < kj[1]);
            }
        }
        // a J- or U-shaped pmf (a or b below 1) is not log-concave: every count 0..n is kept
        BetaBinomialPmf uShaped = BetaBinomialPmf.of(5000, 0.5, 3);
        assertEquals(0, uShaped.first());
        assertEquals(5000, uShaped.last());
    }

    /**
     * The smallest count k with high(k) &lt; α and the largest j with low(j) &lt; α (−1 when none), by evaluating the
     * tails of every count upwards from one whose low tail is below α (found stepping down from the mean by 10), or 0.
     */
    private static long[] scan(FunnelModel m, long n, double level, boolean midP) {
        double a = (1 - level) / 2;
        long from = Math.round(n * m.target());
        while (from > 0 && !(m.tails(from, n, midP).low() < a)) from = Math.max(0, from - 10);
        long k = -1;
        long j = -1;
        for (long o = from; o <= n; o++) {
            Tails t = m.tails(o, n, midP);
            if (t.low() < a) j = o;
            if (k < 0 && t.high() < a) {
                k = o;
                break;
            }
        }
        return new long[] {k, j};
    }
}
