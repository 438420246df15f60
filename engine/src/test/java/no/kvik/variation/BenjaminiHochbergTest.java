package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
