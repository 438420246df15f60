package no.kvik.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.variation.Direction;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.Trim;
import org.junit.jupiter.api.Test;

/**
 * The simulator against false-flag rates known exactly, computed in R by summing binomial probabilities over the
 * counts the rule flags (script below, run with R 4): a binomial(20, 0.3) unit under the exact rule, flagged at
 * level L iff 2·min(tails) &lt; 1 − L, plain tails P(X ≥ x), P(X ≤ x) and mid-p tails; and the normal-approximation
 * funnel at n = 10,000, flagged iff |x/n − p|/sqrt(p(1−p)/n) &gt; qnorm(1 − (1−L)/2).
 * <pre>
 * n &lt;- 20; p &lt;- 0.3; x &lt;- 0:n; d &lt;- dbinom(x, n, p)
 * up &lt;- pbinom(x - 1, n, p, lower.tail = FALSE); lo &lt;- pbinom(x, n, p)                 # plain
 * upm &lt;- pbinom(x, n, p, lower.tail = FALSE) + d / 2; lom &lt;- pbinom(x - 1, n, p) + d / 2  # mid-p
 * sum(d[pmin(1, 2 * pmin(up, lo)) &lt; 1 - L])
 * x2 &lt;- 0:10000; z &lt;- (x2 / 10000 - p) / sqrt(p * (1 - p) / 10000); sum(dbinom(x2, 10000, p)[abs(z) &gt; qnorm(1 - (1 - L) / 2)])
 * </pre>
 * The simulated rates must lie within 4 Monte Carlo standard errors of these.
 */
class NullSimulationTest {
    static final double PLAIN_95 = 0.0247820762;
    static final double PLAIN_998 = 0.0010589697;
    static final double MID_95 = 0.0526279487;
    static final double MID_998 = 0.0020768023;
    static final double NORMAL_95 = 0.0508059880;
    static final double NORMAL_998 = 0.0020156681;

    static FunnelCase binomialCase(LimitMethod method, int n, int units) {
        FunnelOptions o = new FunnelOptions(IndicatorKind.PROPORTION, method, Overdispersion.NONE, Trim.WINSOR, 0.1,
                new double[] {0.95, 0.998}, Direction.NONE, 0.3, 0.05);
        return new FunnelCase("test", "hospital", "2024", o, 0.3, Collections.nCopies(units, (double) n));
    }

    static void assertWithinMonteCarlo(double expected, double rate, long units, String what) {
        double se = Math.sqrt(expected * (1 - expected) / units);
        assertTrue(Math.abs(rate - expected) <= 4 * se, what + ": simulated " + rate + ", exact " + expected + ", 4 SE " + 4 * se);
    }

    @Test
    void exactRuleAtSmallNMatchesTheSumOfBinomialProbabilities() {
        FunnelCase c = binomialCase(LimitMethod.EXACT, 20, 100);
        NullSimulation.Model plain = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.NONE, false);
        NullSimulation.Model mid = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.NONE, true);
        Map<NullSimulation.Model, NullSimulation.Tallies> t = NullSimulation.simulate(c, new Scenario(0), List.of(plain, mid),
                400, new SplittableRandom(1), false);
        FlagTally p = t.get(plain).all();
        FlagTally m = t.get(mid).all();
        assertEquals(40_000, p.units());
        assertWithinMonteCarlo(PLAIN_95, p.innerRate(), p.units(), "plain 95");
        assertWithinMonteCarlo(PLAIN_998, p.outerRate(), p.units(), "plain 99.8");
        assertWithinMonteCarlo(MID_95, m.innerRate(), m.units(), "mid-p 95");
        assertWithinMonteCarlo(MID_998, m.outerRate(), m.units(), "mid-p 99.8");
        // n = 20 at p = 0.3: expected events min(6, 14) = 6, the 5-20 band
        assertEquals(40_000, t.get(plain).bands().get(1).units());
    }

    @Test
    void normalFunnelAtLargeNGivesTheNominalRate() {
        FunnelCase c = binomialCase(LimitMethod.NORMAL, 10_000, 100);
        NullSimulation.Model normal = new NullSimulation.Model(LimitMethod.NORMAL, Overdispersion.NONE, true);
        FlagTally t = NullSimulation.simulate(c, new Scenario(0), List.of(normal), 400, new SplittableRandom(2), false)
                .get(normal).all();
        assertWithinMonteCarlo(NORMAL_95, t.innerRate(), t.units(), "normal 95");
        assertWithinMonteCarlo(NORMAL_998, t.outerRate(), t.units(), "normal 99.8");
        assertWithinMonteCarlo(0.05, t.innerRate(), t.units(), "nominal 95");
    }

    @Test
    void sameSeedSameTalliesAnotherSeedDiffers() {
        FunnelCase c = binomialCase(LimitMethod.EXACT, 50, 40);
        List<NullSimulation.Model> models = List.of(new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.ADDITIVE, true));
        Scenario re = new Scenario(0.3);
        var a = NullSimulation.simulate(c, re, models, 50, new SplittableRandom(7), true);
        var b = NullSimulation.simulate(c, re, models, 50, new SplittableRandom(7), true);
        var d = NullSimulation.simulate(c, re, models, 50, new SplittableRandom(8), true);
        assertEquals(a, b);
        assertNotEquals(a.get(models.get(0)).all(), d.get(models.get(0)).all());
    }

    @Test
    void randomEffectsWidenTheSpreadByTheirVariance() {
        // log-normal unit effects of SD 0.3 on a Poisson rate with μ = 10,000: var(O/μ) = 1/μ + (exp(0.09) − 1)
        FunnelOptions o = new FunnelOptions(IndicatorKind.RATE, LimitMethod.EXACT, Overdispersion.NONE, Trim.WINSOR, 0.1,
                new double[] {0.95, 0.998}, Direction.NONE, 0.1, 0.05);
        FunnelCase c = new FunnelCase("test", "municipality", "2024", o, 0.1, Collections.nCopies(4000, 100_000.0));
        SplittableRandom r = new SplittableRandom(3);
        var counts = NullSimulation.draw(c, new Scenario(0.3), r, r::nextLong);
        double sum = 0;
        double sq = 0;
        for (var u : counts) {
            double y = u.numerator() / 10_000;
            sum += y;
            sq += y * y;
        }
        double mean = sum / counts.size();
        double var = sq / counts.size() - mean * mean;
        double expected = 1e-4 + Math.exp(0.09) - 1;
        assertEquals(1, mean, 0.02, "mean kept at the national value");
        // the sample variance of 4000 draws has a relative SE of about sqrt(2/4000) ≈ 2.2 % (more for log-normal tails)
        assertEquals(expected, var, 0.12 * expected);
    }

    /**
     * The production damping (PHS from 10 units) keeps the additive model near nominal when units really differ
     * (logit-normal unit effects, SD 0.3, 100 hospitals of n = 2000 at p = 0.3); 10 % winsorising, the former
     * default, left τ² too small and flagged about twice the nominal share at 95 %.
     */
    @Test
    void productionDampingHoldsUnderRandomUnitEffects() {
        FunnelOptions production = Analysis.funnelOptions(IndicatorKind.PROPORTION, Direction.NONE, 0.3, AnalysisOptions.defaults(), 100);
        assertEquals(Trim.PHS, production.trim());
        assertEquals(Trim.WINSOR, Analysis.funnelOptions(IndicatorKind.PROPORTION, Direction.NONE, 0.3, AnalysisOptions.defaults(), 4).trim());
        FunnelCase c = new FunnelCase("test", "hospital", "2024", production, 0.3, Collections.nCopies(100, 2000.0));
        NullSimulation.Model asProduction = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.ADDITIVE, true);
        NullSimulation.Model winsor = new NullSimulation.Model(LimitMethod.EXACT, Overdispersion.ADDITIVE, true, Trim.WINSOR);
        var t = NullSimulation.simulate(c, new Scenario(0.3), List.of(asProduction, winsor), 200, new SplittableRandom(11), true);
        FlagTally p = t.get(asProduction).all();
        FlagTally w = t.get(winsor).all();
        assertTrue(p.innerRate() > 0.04 && p.innerRate() < 0.065, "production 95 %: " + p.innerRate());
        assertTrue(p.outerRate() < 0.005, "production 99.8 %: " + p.outerRate());
        assertTrue(w.innerRate() > 0.08, "winsorising 95 %: " + w.innerRate());
    }
}
