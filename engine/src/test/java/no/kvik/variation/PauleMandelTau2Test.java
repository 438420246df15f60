package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Paule–Mandel τ² against fixtures/stats/tau2_pm_expected.csv, produced in base R by tau2_pm_reference.R (uniroot
 * on the same equation, checked there against the classic PM fixed-point iteration; command in its header).
 */
class PauleMandelTau2Test {

    private static Map<String, List<UnitCount>> sets() {
        Map<String, List<UnitCount>> sets = new LinkedHashMap<>();
        for (Map<String, String> r : Fixtures.csv("tau2_pm_units.csv")) {
            List<UnitCount> units = sets.computeIfAbsent(r.get("set"), k -> new ArrayList<>());
            units.add(new UnitCount("u" + units.size(), Double.parseDouble(r.get("o")), Double.parseDouble(r.get("n"))));
        }
        return sets;
    }

    private static IndicatorKind kind(String set) {
        return set.startsWith("rate") ? IndicatorKind.RATE : IndicatorKind.PROPORTION;
    }

    @Test
    void funnelWithPauleMandelMatchesBaseR() {
        Map<String, List<UnitCount>> sets = sets();
        int checked = 0;
        for (Map<String, String> e : Fixtures.csv("tau2_pm_expected.csv")) {
            if (e.get("trim").equals("NONE")) {
                continue;
            }
            String set = e.get("set");
            FunnelOptions options = FunnelOptions.of(kind(set), LimitMethod.EXACT, Overdispersion.ADDITIVE)
                    .withTrim(Trim.valueOf(e.get("trim"))).withTau2Estimator(Tau2Estimator.PM);
            double expected = Double.parseDouble(e.get("tau2"));
            double actual = Funnel.compute(sets.get(set), options).tau2();
            assertEquals(expected, actual, 1e-9 * expected + 1e-18, set + " " + e.get("trim"));
            checked++;
        }
        assertEquals(15, checked);
    }

    @Test
    void undampedPauleMandelMatchesTheFixedPointIterationInR() {
        Map<String, List<UnitCount>> sets = sets();
        int checked = 0;
        for (Map<String, String> e : Fixtures.csv("tau2_pm_expected.csv")) {
            if (!e.get("trim").equals("NONE")) {
                continue;
            }
            List<UnitCount> units = sets.get(e.get("set"));
            double o = units.stream().mapToDouble(UnitCount::numerator).sum();
            double n = units.stream().mapToDouble(UnitCount::denominator).sum();
            FunnelModel scale = new FunnelModel(kind(e.get("set")), LimitMethod.EXACT, o / n, Overdispersion.NONE,
                    Double.NaN, 0);
            double[] z = new double[units.size()];
            double[] s = new double[units.size()];
            boolean[] keep = new boolean[units.size()];
            for (int i = 0; i < z.length; i++) {
                z[i] = scale.zScore(units.get(i).numerator(), units.get(i).denominator());
                s[i] = scale.unitStandardError(units.get(i).numerator(), units.get(i).denominator());
                keep[i] = true;
            }
            // TRUNCATE damps nothing beyond the keep set, so with every unit kept this is the undamped estimator
            double actual = Dispersion.pauleMandelTau2(z, s, keep, Trim.TRUNCATE, 0.1);
            double expected = Double.parseDouble(e.get("tau2"));
            assertEquals(expected, actual, 1e-9 * expected, e.get("set"));
            checked++;
        }
        assertEquals(4, checked);
    }

    @Test
    void aPlantedOutlierBarelyMovesTheDampedEstimateButDominatesTheUndampedOne() {
        // prop_outlier: 20 units at p = 0.2, one at 0.45 (R fixture): PHS-damped PM 1.3e-4, undamped 2.4e-3
        Map<String, List<UnitCount>> sets = sets();
        FunnelOptions phs = FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT, Overdispersion.ADDITIVE)
                .withTrim(Trim.PHS).withTau2Estimator(Tau2Estimator.PM);
        double damped = Funnel.compute(sets.get("prop_outlier"), phs).tau2();
        double undamped = 0.00241231455857475; // tau2_pm_expected.csv, prop_outlier, NONE (checked above)
        assertTrue(damped < 0.1 * undamped, "PHS-damped PM τ² " + damped + ", undamped " + undamped);
    }

    @Test
    void phsKeepsTheShareOfTheSumOfSquaresThatNormalOrderStatisticsGive() {
        // gap = E[Z_(I)²] − E[Z_(I−1)²] by R's integrate() (tau2_pm_order_gap.csv)
        for (Map<String, String> r : Fixtures.csv("tau2_pm_order_gap.csv")) {
            int units = Integer.parseInt(r.get("units"));
            double gap = Double.parseDouble(r.get("gap"));
            assertEquals(gap, Dispersion.topOrderStatisticSquareGap(units), 1e-9, "I = " + units);
            assertEquals((units - 1) * (1 - 2 * gap / units), Dispersion.expectedDampedSumOfSquares(Trim.PHS, units),
                    1e-8);
            assertEquals(units - 1, Dispersion.expectedDampedSumOfSquares(Trim.WINSOR, units));
        }
    }

    @Test
    void referenceMethodsKeepDerSimonianLaird() {
        FunnelOptions options = FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT, Overdispersion.ADDITIVE);
        assertEquals(Tau2Estimator.DL, options.tau2Estimator());
        List<UnitCount> units = sets().get("prop_re");
        FunnelResult dl = Funnel.compute(units, options.withTrim(Trim.PHS));
        // DL from φ of the PHS-damped raw z, by Dispersion.tau2: not the PM root (0.000951 in R)
        assertTrue(Math.abs(dl.tau2() - 0.000951263780423903) > 1e-6, "DL τ² " + dl.tau2());
    }
}
