package no.kvik.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Glm#fitCoefficients} is {@link Glm#fit} less the null deviance and AIC: on seeded trend-shaped series
 * (binomial and Poisson with an offset) every coefficient, standard error, covariance entry, fitted mean, deviance
 * and iteration count is the same double, and a fit that {@link Glm#fit} refuses is refused with the same message.
 */
class GlmCoefficientsOnlyTest {

    @Test
    void sameFitToTheBitWithoutTheLikelihood() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            GlmFamily family = random.nextBoolean() ? GlmFamily.BINOMIAL_LOGIT : GlmFamily.POISSON_LOG;
            int n = 3 + random.nextInt(6);
            double[][] x = new double[n][];
            double[] y = new double[n];
            double[] trials = new double[n];
            double[] offset = family == GlmFamily.POISSON_LOG ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                x[i] = new double[] {1, i};
                double cases = 1 + random.nextInt(80);
                y[i] = random.nextInt((int) cases + 1);
                trials[i] = family == GlmFamily.BINOMIAL_LOGIT ? cases : 1;
                if (offset != null) offset[i] = Math.log(cases * (0.5 + random.nextDouble()));
            }
            List<String> names = List.of("(Intercept)", "period");
            GlmFit full;
            try {
                full = Glm.fit(names, x, y, trials, offset, family);
            } catch (GlmException e) {
                GlmException lean = assertThrows(GlmException.class,
                        () -> Glm.fitCoefficients(names, x, y, trials, offset, family));
                assertEquals(e.getMessage(), lean.getMessage());
                continue;
            }
            GlmFit lean = Glm.fitCoefficients(names, x, y, trials, offset, family);
            assertArrayEquals(full.coefficients(), lean.coefficients(), 0.0, "round " + round);
            assertArrayEquals(full.standardErrors(), lean.standardErrors(), 0.0, "round " + round);
            for (int a = 0; a < 2; a++) assertArrayEquals(full.covariance()[a], lean.covariance()[a], 0.0);
            assertArrayEquals(full.fitted(), lean.fitted(), 0.0);
            assertEquals(full.deviance(), lean.deviance(), 0.0);
            assertEquals(full.iterations(), lean.iterations());
            assertEquals(full.p(1), lean.p(1), 0.0);
            assertTrue(Double.isNaN(lean.aic()) && Double.isNaN(lean.nullDeviance()));
            assertTrue(Double.isFinite(full.aic()));
        }
    }
}
