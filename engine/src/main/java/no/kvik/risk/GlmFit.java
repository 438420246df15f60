package no.kvik.risk;

import java.util.List;

/**
 * A fitted GLM. Standard errors are sqrt(diag((XᵀWX)⁻¹)) with W from the last IRLS step, as R's summary.glm.
 *
 * @param fitted     fitted mean per row: probability (binomial) or expected count (Poisson)
 * @param iterations IRLS iterations, counted as R's glm counts them
 */
public record GlmFit(GlmFamily family, List<String> names, double[] coefficients, double[] standardErrors,
                     double[][] covariance, double[] fitted, double deviance, double nullDeviance, double aic,
                     int iterations, int rows) {
    public GlmFit {
        names = List.copyOf(names);
    }

    /** Wald z = β/SE. */
    public double z(int j) {
        return coefficients[j] / standardErrors[j];
    }

    /** Two-sided Wald p-value 2·Φ(−|z|), as R's summary.glm for binomial and Poisson. */
    public double p(int j) {
        return 2 * org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .survivalProbability(Math.abs(z(j)));
    }

    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no coefficient " + name + " in " + names);
        }
        return i;
    }
}
