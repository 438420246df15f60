package no.kvik.calibration;

import no.kvik.variation.FunnelModel;
import no.kvik.variation.IndicatorKind;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power of a funnel to flag a unit whose true value is θ1, on the normal approximation of the funnel: the limits
 * are θ0 ± z_L·sqrt(s0² + τ²) with s0² = θ0(1−θ0)/n (proportions) or θ0/ρ (rates per n, O/E per E), and the unit's
 * value is N(θ1, s1² + τ²) with s1² at θ1 (Spiegelhalter 2005, funnel limits with an additive random effect; power as
 * the one-sided tail beyond the limit on the plant's side). The τ² in the unit's own spread: the plant sits on top
 * of the unit's own random effect, which the generator draws for every unit (truth.json "overdispersion") and the
 * funnel's τ² estimates; without it, power was overstated (epicrisis at Haraldsplass, scale 0.3: 1.00 → 0.68).
 */
public final class Power {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Power() {
    }

    public static double of(IndicatorKind kind, double theta0, double theta1, double size, double tau2, double level, boolean high) {
        if (!(size > 0) || Double.isNaN(theta1) || !(theta0 > 0)) return Double.NaN;
        double s0 = Math.sqrt(variance(kind, theta0, size) + tau2);
        double s1 = Math.sqrt(variance(kind, theta1, size) + tau2);
        double z = FunnelModel.zFor(level);
        return high ? STANDARD_NORMAL.survivalProbability((theta0 + z * s0 - theta1) / s1)
                : STANDARD_NORMAL.cumulativeProbability((theta0 - z * s0 - theta1) / s1);
    }

    /** Binomial or Poisson variance of the value at size n (or E). */
    static double variance(IndicatorKind kind, double theta, double size) {
        return kind == IndicatorKind.PROPORTION ? theta * (1 - theta) / size : theta / size;
    }

    /**
     * τ² of a published unit's funnel, recovered from its value y, adjusted z and the national value: the analysis
     * divides y − θ0 by sqrt(s0² + τ²), so τ² = ((y − θ0)/z)² − s0² (0 when z is 0 or not given).
     */
    public static double tau2FromRow(IndicatorKind kind, double theta0, double value, Double z, double size) {
        if (z == null || z == 0 || Double.isNaN(z)) return 0;
        double sd = (value - theta0) / z;
        return Math.max(0, sd * sd - variance(kind, theta0, size));
    }

    /**
     * Power of the trend test (Poisson log-linear slope on period with offset log E, Wald test at two-sided alpha)
     * to flag a rise of {@code slope} per period as deteriorating: with μ_i = E_i·e^{slope·t_i}, t_i = 0, 1, …, the
     * slope's z is about N(slope·sqrt(I), 1), I = Σ μ_i (t_i − t̄)², t̄ the μ-weighted mean period (Fisher
     * information of a log-linear slope, McCullagh & Nelder 1989 §6.2; power of the Wald test, Agresti 2013 §1.4).
     */
    public static double trend(double slope, double[] expectedPerPeriod, double alpha) {
        double[] mu = new double[expectedPerPeriod.length];
        double[] shift = new double[mu.length];
        for (int t = 0; t < mu.length; t++) {
            mu[t] = expectedPerPeriod[t] * Math.exp(slope * t);
            shift[t] = slope * t;
        }
        return trend(shift, mu, alpha);
    }

    /**
     * Power of the trend test (a GLM slope on period t = 0, 1, …, Wald test at two-sided alpha) when the unit's true
     * linear predictor moves by {@code shift[t]} and the GLM working weights are {@code weights[t]} (μ for Poisson,
     * n·p(1−p) for the logistic trend of a proportion): the slope estimate tends to the weighted least-squares slope
     * b* = Σ w (t − t̄) shift / I, I = Σ w (t − t̄)², t̄ the w-weighted mean period, with SE 1/sqrt(I) (first-order
     * projection of a misspecified GLM, White 1982; exact when the shift is linear, as a yearly step over tertials is not).
     */
    public static double trend(double[] shift, double[] weights, double alpha) {
        double total = 0;
        double weighted = 0;
        for (int t = 0; t < weights.length; t++) {
            total += weights[t];
            weighted += weights[t] * t;
        }
        if (weights.length < 3 || !(total > 0)) return Double.NaN;
        double mean = weighted / total;
        double information = 0;
        double moment = 0;
        for (int t = 0; t < weights.length; t++) {
            information += weights[t] * (t - mean) * (t - mean);
            moment += weights[t] * (t - mean) * shift[t];
        }
        if (!(information > 0)) return Double.NaN;
        double slope = moment / information;
        double z = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2);
        return STANDARD_NORMAL.cumulativeProbability(Math.abs(slope) * Math.sqrt(information) - z);
    }
}
