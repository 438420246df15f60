package no.kvik.risk;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * One term of a fitted logistic model as reported with every fit ({@code kvik adjust}'s coefficients and the
 * indicator engine's model.json): R's summary.glm row plus the odds ratio with its Wald interval,
 * exp(β ∓ z·SE) (R's exp(confint.default(fit))).
 *
 * @param term           design column name: "(Intercept)", a numeric covariate, or "name=level"
 * @param stdError       sqrt of the diagonal of (XᵀWX)⁻¹
 * @param z              Wald z = estimate / stdError
 * @param pValue         two-sided Wald p-value 2·Φ(−|z|)
 * @param oddsRatio      e^estimate (for the intercept: the odds at the reference levels and covariate value 0)
 * @param oddsRatioLow   lower bound of the {@link #LEVEL} Wald interval of the odds ratio
 * @param oddsRatioHigh  upper bound of that interval
 */
public record Coefficient(String term, double estimate, double stdError, double z, double pValue, double oddsRatio,
                          double oddsRatioLow, double oddsRatioHigh) {
    /** Level of the odds-ratio interval. */
    public static final double LEVEL = 0.95;

    /** The coefficient table of a fit, in design-column order. */
    public static List<Coefficient> of(GlmFit fit) {
        double q = NormalDistribution.of(0, 1).inverseCumulativeProbability((1 + LEVEL) / 2);
        List<Coefficient> out = new ArrayList<>();
        for (int j = 0; j < fit.names().size(); j++) {
            double b = fit.coefficients()[j];
            double se = fit.standardErrors()[j];
            out.add(new Coefficient(fit.names().get(j), b, se, fit.z(j), fit.p(j), Math.exp(b), Math.exp(b - q * se),
                    Math.exp(b + q * se)));
        }
        return List.copyOf(out);
    }
}
