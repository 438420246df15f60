package no.kvik.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlmTest {
    private static final List<String> NAMES = List.of("(Intercept)", "x");

    @Test
    void saturatedTwoGroupModelHasClosedForm() {
        // two patterns x = 0 (3/10 events) and x = 1 (6/10): β0 = logit 0.3, β1 = logit 0.6 − logit 0.3,
        // SE(β1)² = 1/3 + 1/7 + 1/6 + 1/4 (Woolf); deviance 0. The SE uses W of the last IRLS step (as R's
        // summary.glm), one step behind the converged β, hence the looser tolerance on it.
        GlmFit f = Glm.fit(NAMES, new double[][] {{1, 0}, {1, 1}}, new double[] {3, 6}, new double[] {10, 10}, null,
                GlmFamily.BINOMIAL_LOGIT);
        assertEquals(Math.log(0.3 / 0.7), f.coefficients()[0], 1e-9);
        assertEquals(Math.log(0.6 / 0.4) - Math.log(0.3 / 0.7), f.coefficients()[1], 1e-9);
        assertEquals(Math.sqrt(1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 4), f.standardErrors()[1], 1e-7);
        assertEquals(0, f.deviance(), 1e-9);
    }

    @Test
    void completeSeparationIsAClearError() {
        // every x = 1 case is an event, no x = 0 case is: the MLE of β1 is infinite
        GlmException e = assertThrows(GlmException.class, () -> Glm.fit(NAMES,
                new double[][] {{1, 0}, {1, 1}}, new double[] {0, 8}, new double[] {10, 8}, null,
                GlmFamily.BINOMIAL_LOGIT));
        assertTrue(e.getMessage().startsWith("separation") && e.getMessage().contains("covariate x"), e.getMessage());
    }

    @Test
    void constantCovariateIsReportedAsCollinear() {
        GlmException e = assertThrows(GlmException.class, () -> Glm.fit(NAMES,
                new double[][] {{1, 2}, {1, 2}}, new double[] {1, 2}, new double[] {10, 10}, null,
                GlmFamily.BINOMIAL_LOGIT));
        assertTrue(e.getMessage().contains("covariate column x is collinear"), e.getMessage());
    }

    @Test
    void poissonWithOffsetRecoversTheRateRatio() {
        // saturated: O = 10 on E = 5, O = 30 on E = 10 → β0 = ln 2, β1 = ln(3/2), SE(β1)² = 1/10 + 1/30
        GlmFit f = Glm.fit(NAMES, new double[][] {{1, 0}, {1, 1}}, new double[] {10, 30}, new double[] {1, 1},
                new double[] {Math.log(5), Math.log(10)}, GlmFamily.POISSON_LOG);
        assertEquals(Math.log(2), f.coefficients()[0], 1e-9);
        assertEquals(Math.log(1.5), f.coefficients()[1], 1e-9);
        assertEquals(Math.sqrt(1.0 / 10 + 1.0 / 30), f.standardErrors()[1], 1e-9);
    }

    @Test
    void poissonIntervalEdgeCases() {
        // O = 0: low 0, high = −ln(0.025) (Gamma(1) quantile); E < 1 just scales
        Interval i = PoissonIntervals.ratio(0, 0.5, 0.95);
        assertEquals(0, i.low());
        assertEquals(-Math.log(0.025) / 0.5, i.high(), 1e-12);
    }
}
