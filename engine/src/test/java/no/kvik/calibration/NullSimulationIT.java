package no.kvik.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.variation.Direction;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import org.junit.jupiter.api.Test;

/**
 * The null simulation's soak case, moved unchanged from {@link NullSimulationTest}: 600 replicates of exact limits
 * on units up to n = 60,000 took 547 s of a 2-core run shared with other builds (the rest of that class 10 s), so
 * it runs under {@code mvn verify}.
 */
class NullSimulationIT {
    /**
     * The production τ² (Paule–Mandel on the τ²-standardised z with PHS damping corrected for what it removes) holds
     * where DerSimonian–Laird after PHS does not: 15 units of very different size (county-like: n from 500 to 60,000
     * at p = 0.3), logit-normal unit effects SD 0.3. DL takes φ from the raw z, of which PHS replaces the two
     * largest, both from the largest units, and its weights 1/s² let those units dominate.
     */
    @Test
    void pauleMandelHoldsWithFewUnequalUnitsWhereDerSimonianLairdDoesNot() {
        FunnelOptions production = Analysis.funnelOptions(IndicatorKind.PROPORTION, Direction.NONE, 0.3, AnalysisOptions.defaults(), 15);
        assertEquals(no.kvik.variation.Tau2Estimator.PM, production.tau2Estimator());
        List<Double> sizes = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) sizes.add((double) Math.round(500 * Math.pow(120, i / 14.0)));
        FunnelCase c = new FunnelCase("test", "county", "2024", production, 0.3, sizes);
        NullSimulation.Model asProduction = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.ADDITIVE, true);
        NullSimulation.Model dl = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.ADDITIVE, true, null,
                no.kvik.variation.Tau2Estimator.DL);
        var t = NullSimulation.simulate(c, new Scenario(0.3), List.of(asProduction, dl), 600, new SplittableRandom(12), true);
        FlagTally p = t.get(asProduction).all();
        FlagTally d = t.get(dl).all();
        // 2,000 replicates: PM 3.7 % / 0.33 %, DL 16.9 % / 4.0 %; here 9,000 unit-replicates (SE ≤ 0.25 points at 95 %)
        assertTrue(p.innerRate() > 0.03 && p.innerRate() < 0.06, "Paule–Mandel 95 %: " + p.innerRate());
        assertTrue(p.outerRate() < 0.006, "Paule–Mandel 99.8 %: " + p.outerRate());
        assertTrue(d.innerRate() > 0.12 && d.outerRate() > 0.02, "DerSimonian–Laird: " + d.innerRate() + " / " + d.outerRate());
    }
}
