package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjustedPValuesByHand() {
        // m = 5, sorted p: 0.001, 0.01, 0.02, 0.03, 0.5 → m·p/rank: 0.005, 0.025, 0.0333…, 0.0375, 0.5;
        // running minimum from the top leaves them unchanged. Input given unsorted.
        double[] p = {0.03, 0.5, 0.001, 0.02, 0.01};
        assertArrayEquals(new double[] {0.0375, 0.5, 0.005, 0.1 / 3, 0.025}, BenjaminiHochberg.adjust(p), 1e-15);
    }

    @Test
    void runningMinimumAndTies() {
        // p = 0.04, 0.04, 0.04, 0.9: m·p/rank = 0.16, 0.08, 0.0533…, 0.9 → min from the top: all three 0.0533…
        double[] q = BenjaminiHochberg.adjust(new double[] {0.04, 0.9, 0.04, 0.04});
        double t = 0.16 / 3;
        assertArrayEquals(new double[] {t, 0.9, t, t}, q, 1e-15);
        assertArrayEquals(new boolean[] {false, false, false, false},
                BenjaminiHochberg.reject(new double[] {0.04, 0.9, 0.04, 0.04}, 0.05));
    }

    @Test
    void missingPValuesStayMissingAndDoNotCountInM() {
        // m = 2 (the NaN is not counted): 0.01·2/1 = 0.02, 0.04·2/2 = 0.04
        assertArrayEquals(new double[] {0.02, Double.NaN, 0.04},
                BenjaminiHochberg.adjust(new double[] {0.01, Double.NaN, 0.04}), 1e-15);
    }

    @Test
    void cutOffByHand() {
        // m = 10, fdr 0.05: k·0.005 = 0.005, 0.010, 0.015, …; p_(1) = 0.001 ≤ 0.005, p_(2) = 0.008 ≤ 0.010, and no
        // later p_(k) is below its k·0.005 (0.039 > 0.015, …, 0.216 > 0.05): the cut-off is 0.008
        double[] p = {0.216, 0.001, 0.039, 0.041, 0.008, 0.042, 0.06, 0.074, 0.205, 0.212};
        assertEquals(0.008, BenjaminiHochberg.threshold(p, 0.05), 0);
        // a later p_(k) under its bound carries the earlier ones: 0.04 ≤ 4·0.05/4 rejects all four
        assertEquals(0.04, BenjaminiHochberg.threshold(new double[] {0.04, 0.03, 0.02, 0.01}, 0.05), 0);
        assertEquals(0, BenjaminiHochberg.threshold(new double[] {0.04, 0.9, 0.04, 0.04}, 0.05), 0);
    }

    @Test
    void cutOffRejectsExactlyWhatTheAdjustedPValuesReject() {
        SplittableRandom r = new SplittableRandom(12);
        for (int rep = 0; rep < 2000; rep++) {
            int m = 1 + r.nextInt(60);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) p[i] = r.nextInt(4) == 0 ? r.nextDouble() * 0.01 : r.nextDouble();
            double cut = BenjaminiHochberg.threshold(p, 0.05);
            boolean[] reject = BenjaminiHochberg.reject(p, 0.05);
            for (int i = 0; i < m; i++) assertEquals(reject[i], p[i] <= cut && cut > 0, "rep " + rep + " unit " + i);
        }
    }

    @Test
    void oneMoreOnSortedOthersIsTheCutOffOfAll() {
        // the incremental form against threshold() of the whole list, with ties, an empty list, p at either end
        SplittableRandom r = new SplittableRandom(5);
        for (int rep = 0; rep < 5000; rep++) {
            int m = r.nextInt(40);
            double[] others = new double[m];
            for (int i = 0; i < m; i++) {
                others[i] = r.nextInt(5) == 0 ? 0.01 * r.nextInt(3) : r.nextInt(4) == 0 ? r.nextDouble() * 0.01 : r.nextDouble();
            }
            double p = m > 0 && r.nextInt(4) == 0 ? others[r.nextInt(m)] : r.nextInt(3) == 0 ? r.nextDouble() * 0.005 : r.nextDouble();
            double[] all = java.util.Arrays.copyOf(others, m + 1);
            all[m] = p;
            double[] sorted = others.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(BenjaminiHochberg.threshold(all, 0.05), BenjaminiHochberg.thresholdWithOneMore(sorted, p, 0.05), 0,
                    "rep " + rep);
        }
        // by hand: others 0.001, 0.06 and p 0.008 (m = 3): 0.001 ≤ 1·0.05/3, 0.008 ≤ 2·0.05/3, 0.06 > 3·0.05/3
        assertEquals(0.008, BenjaminiHochberg.thresholdWithOneMore(new double[] {0.001, 0.06}, 0.008, 0.05), 0);
        assertEquals(0.01, BenjaminiHochberg.thresholdWithOneMore(new double[] {}, 0.01, 0.05), 0);
        assertEquals(0.02, BenjaminiHochberg.thresholdWithOneMore(new double[] {0.02}, Double.NaN, 0.05), 0);
    }
}
