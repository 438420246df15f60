package no.kvik.variation;

import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Exact beta-binomial tails (issue #17) against 45-digit values frozen in fixtures/stats/betabinom_tails_expected.csv
 * (betabinom_tails_reference.py: mpmath log-gamma pmf, tails summed outwards in 45-digit arithmetic): n from 2 to
 * 10⁶, a and b from 0.3 to 10⁴ (J- and U-shaped and log-concave), tails from ½ down to 1e-300, plain and mid-p,
 * through the one-pass table ({@link BetaBinomialPmf}) and the sum from the count it falls back to.
 */
class BetaBinomialTailsTest {
    private static final double RELATIVE = 1e-12;
    private static final List<Map<String, String>> REFERENCE = Fixtures.csv("betabinom_tails_expected.csv");

    @Test
    void tailsMatchTheHighPrecisionReference() {
        int fromTable = 0;
        double smallestFromTable = 1;
        int summedFromCount = 0;
        for (Map<String, String> r : REFERENCE) {
            long n = Long.parseLong(r.get("n"));
            double a = num(r.get("a"));
            double b = num(r.get("b"));
            long o = Long.parseLong(r.get("o"));
            BetaBinomialPmf pmf = BetaBinomialPmf.of(n, a, b);
            for (boolean midP : new boolean[] {false, true}) {
                String what = "n " + n + " a " + a + " b " + b + " O " + o + " mid-p " + midP;
                Tails t = Tails.betaBinomial(n, a, b, o, midP);
                assertRelative(num(r.get(midP ? "mid_low" : "low")), t.low(), what + " low");
                assertRelative(num(r.get(midP ? "mid_high" : "high")), t.high(), what + " high");
                // the sum from the count, which the table falls back to outside its kept counts, is exact everywhere
                Tails summed = Tails.betaBinomialSummedFromCount(n, a, b, o, midP);
                assertRelative(num(r.get(midP ? "mid_low" : "low")), summed.low(), what + " low summed from O");
                assertRelative(num(r.get(midP ? "mid_high" : "high")), summed.high(), what + " high summed from O");
                Tails kept = pmf == null ? null : pmf.tails(o, midP);
                if (kept != null) {
                    assertEquals(t, kept, what);
                    fromTable++;
                    smallestFromTable = Math.min(smallestFromTable, Math.min(kept.low(), kept.high()));
                } else {
                    summedFromCount++;
                }
            }
        }
        // both ways were checked, and the table down to its edge, where the mass beyond its kept counts matters
        assertTrue(fromTable > 100 && summedFromCount > 20, fromTable + " from the table, " + summedFromCount + " not");
        assertTrue(smallestFromTable < 1e-16, "smallest tail from the table " + smallestFromTable);
    }

    @Test
    void keptCountsAreBoundedAndCoverTheMass() {
        // log-concave: kept out to where the rest is below 1e-17 of the total, a few SD either side
        BetaBinomialPmf wide = BetaBinomialPmf.of(1_000_000, 10_000, 10_000);
        assertNotNull(wide);
        double sd = Math.sqrt(1e6 * 0.25 * (20_000 + 1e6) / (20_000 + 1));
        long width = wide.last() - wide.first() + 1;
        assertTrue(width > 16 * sd && width < 24 * sd, "kept " + width + " counts, SD " + sd);
        assertTrue(wide.tails(wide.first(), false).low() < 1e-17 && wide.tails(wide.last(), false).high() < 1e-17);
        assertNull(wide.tails(wide.first() - 1, false));
        // J- or U-shaped: every count; none past MAX_TERMS counts (the tails are then summed from the count)
        BetaBinomialPmf jShaped = BetaBinomialPmf.of(1_000_000, 0.3, 10_000);
        assertEquals(0, jShaped.first());
        assertEquals(1_000_000, jShaped.last());
        assertNull(BetaBinomialPmf.of(BetaBinomialPmf.MAX_TERMS, 0.5, 0.5));
        Tails uShaped = Tails.betaBinomial(BetaBinomialPmf.MAX_TERMS, 0.5, 0.5, BetaBinomialPmf.MAX_TERMS / 2, true);
        assertEquals(0.5, uShaped.low(), 1e-12);
        assertEquals(0.5, uShaped.high(), 1e-12);
    }

    private static void assertRelative(double expected, double actual, String what) {
        if (expected < Double.MIN_NORMAL) {
            assertTrue(actual < 1e-300, what + ": expected " + expected + " but was " + actual);
            return;
        }
        double err = Math.abs(actual - expected) / expected;
        assertTrue(err <= RELATIVE, what + ": expected " + expected + " but was " + actual + " (relative error " + err + ")");
    }
}
