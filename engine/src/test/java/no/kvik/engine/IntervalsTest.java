package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Reference values from R (engine/src/test/resources/fixtures/intervals.R; command in its header). */
class IntervalsTest {
    private static final double EPS = 1e-9;

    private static void assertInterval(double low, double high, Intervals.Interval ci) {
        assertEquals(low, ci.low(), EPS, "low");
        assertEquals(high, ci.high(), EPS, "high");
    }

    @Test
    void wilsonMatchesRPropTestWithoutContinuityCorrection() {
        assertInterval(0.299298008198212, 0.700701991801788, Intervals.wilson(10, 20, 0.05));
        assertInterval(0.0, 0.277532799862889, Intervals.wilson(0, 10, 0.05));
        assertInterval(0.034599888747334, 0.256210825791841, Intervals.wilson(3, 30, 0.05));
        assertInterval(0.444097537410319, 0.723121443724503, Intervals.wilson(26, 44, 0.05));
        assertInterval(0.675592435116120, 1.0, Intervals.wilson(8, 8, 0.05));
    }

    @Test
    void wilsonIsUndefinedWithoutDenominator() {
        assertNull(Intervals.wilson(0, 0, 0.05).low());
        assertNull(Intervals.wilson(0, 0, 0.05).high());
    }

    @Test
    void exactPoissonMatchesRPoissonTest() {
        assertInterval(0.0, 3.688879454113935, Intervals.poissonCount(0, 0.05));
        assertInterval(1.623486390118421, 11.668332079322667, Intervals.poissonCount(5, 0.05));
        assertInterval(16.984063215596343, 38.096024083125023, Intervals.poissonCount(26, 0.05));
        assertInterval(219.967995630937281, 282.987705042316065, Intervals.poissonCount(250, 0.05));
        // rate per 1000: 250 events over 1000 person-years
        assertInterval(219.967995630937281, 282.987705042316065, Intervals.poissonRate(250, 1000, 1000, 0.05));
        assertInterval(21.9967995630937281, 28.2987705042316065, Intervals.poissonRate(250, 10000, 1000, 0.05));
    }

    @Test
    void tIntervalMatchesRTTest() {
        double[] x = {12, 30, 7, 45, 3, 19, 22};
        double mean = 19.714285714285715;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (x.length - 1));
        assertInterval(6.357661349544145, 33.070910079027286, Intervals.tMean(mean, sd, x.length, 0.05));
        assertNull(Intervals.tMean(5, 0, 1, 0.05).low());
    }

    @Test
    void orderStatisticRanksMatchRQbinom() {
        assertArrayEquals(new int[] {0, 6}, Intervals.quantileRanks(5, 0.5, 0.05));
        assertArrayEquals(new int[] {2, 9}, Intervals.quantileRanks(10, 0.5, 0.05));
        assertArrayEquals(new int[] {8, 18}, Intervals.quantileRanks(25, 0.5, 0.05));
        assertArrayEquals(new int[] {40, 61}, Intervals.quantileRanks(100, 0.5, 0.05));
        assertArrayEquals(new int[] {19, 26}, Intervals.quantileRanks(25, 0.9, 0.05));
    }
}
