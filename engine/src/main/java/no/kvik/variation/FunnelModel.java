package no.kvik.variation;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * A fitted funnel: target, method and over-dispersion parameters. Gives limits at any denominator ρ
 * (n for proportions and rates, E for ratios), so the same code serves the units and the drawn curves.
 *
 * @param phi  dispersion ratio φ (NaN when not estimated)
 * @param tau2 additive random-effects variance τ² (0 when not estimated)
 */
public record FunnelModel(IndicatorKind kind, LimitMethod method, double target, Overdispersion overdispersion,
                          double phi, double tau2) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Two-sided standard-normal quantile for a coverage level, qnorm((1+level)/2), not a rounded constant. */
    public static double zFor(double level) {
        return STANDARD_NORMAL.inverseSurvivalProbability((1 - level) / 2);
    }

    /** True when over-dispersion widens the limits: multiplicative with φ > 1, or additive with τ² > 0. */
    public boolean adjusted() {
        return switch (overdispersion) {
            case NONE -> false;
            case MULTIPLICATIVE -> phi > 1;
            case ADDITIVE -> tau2 > 0;
        };
    }

    /** The denominator used on the method's scale: SHMI rounds E to 2 dp (FunnelPlotR SHMI_rounding, NEWS 0.4.2). */
    double scaleDenominator(double rho) {
        return method == LimitMethod.SHMI && kind == IndicatorKind.RATIO ? Math.round(rho * 100) / 100.0 : rho;
    }

    /** Transformed value Y on the method's scale (docs §3). */
    public double transformed(double value) {
        return switch (method) {
            case NORMAL, EXACT -> value;
            case ARCSINE -> Math.asin(Math.sqrt(value));
            case CHISQ, CQC -> Math.sqrt(value / target);
            case SHMI -> Math.log(value / target);
        };
    }

    /** Target on the method's scale. */
    public double transformedTarget() {
        return switch (method) {
            case NORMAL, EXACT -> target;
            case ARCSINE -> Math.asin(Math.sqrt(target));
            case CHISQ, CQC -> 1;
            case SHMI -> 0;
        };
    }

    /** Standard error s on the method's scale at denominator ρ (docs §3 table). */
    public double standardError(double rho) {
        double r = scaleDenominator(rho);
        return switch (method) {
            // normal scale: sqrt(p0(1−p0)/n) for proportions, sqrt(θ0/ρ) for Poisson counts (ems, PHS)
            case NORMAL, EXACT -> kind == IndicatorKind.PROPORTION
                    ? Math.sqrt(target * (1 - target) / r) : Math.sqrt(target / r);
            case ARCSINE -> 1 / (2 * Math.sqrt(r));
            case CHISQ, CQC -> 1 / (2 * Math.sqrt(target * r));
            case SHMI -> 1 / Math.sqrt(target * r);
        };
    }

    /** Unadjusted z-score (Y − target)/s on the method's scale (FunnelPlotR transformed_zscore). */
    public double z(double value, double rho) {
        return (transformed(value) - transformedTarget()) / standardError(rho);
    }

    /** z-score after over-dispersion: z/sqrt(φ) (multiplicative) or (Y − target)/sqrt(s² + τ²) (additive). */
    public double adjustedZ(double value, double rho) {
        if (!adjusted()) {
            return z(value, rho);
        }
        double s = standardError(rho);
        double sd = overdispersion == Overdispersion.MULTIPLICATIVE ? Math.sqrt(phi) * s : Math.sqrt(s * s + tau2);
        return (transformed(value) - transformedTarget()) / sd;
    }

    /** Limits used for flagging: over-dispersion adjusted when adjustment is in effect, else unadjusted. */
    public Limits limits(double rho, double level) {
        if (!adjusted()) {
            return unadjustedLimits(rho, level);
        }
        double s = standardError(rho);
        double sd = overdispersion == Overdispersion.MULTIPLICATIVE ? Math.sqrt(phi) * s : Math.sqrt(s * s + tau2);
        return backTransform(zFor(level) * sd);
    }

    /** Limits assuming pure binomial/Poisson variation. */
    public Limits unadjustedLimits(double rho, double level) {
        return switch (method) {
            case EXACT -> exact(rho, level);
            case CHISQ -> chiSquare(rho, level);
            case NORMAL, ARCSINE, SHMI, CQC -> backTransform(zFor(level) * standardError(rho));
        };
    }

    /** Back-transforms target ∓ half-width from the method's scale to the indicator's scale (docs §2.1, §2.4, §4.4). */
    private Limits backTransform(double halfWidth) {
        return switch (method) {
            case NORMAL, EXACT -> {
                double lo = Math.max(0, target - halfWidth);
                double hi = target + halfWidth;
                yield new Limits(lo, kind == IndicatorKind.PROPORTION ? Math.min(1, hi) : hi);
            }
            case ARCSINE -> {
                double t0 = transformedTarget();
                double lo = t0 - halfWidth < 0 ? 0 : square(Math.sin(t0 - halfWidth));
                double hi = t0 + halfWidth > Math.PI / 2 ? 1 : square(Math.sin(t0 + halfWidth));
                yield new Limits(lo, hi);
            }
            // CQC: square back, lower clamped at 0 before squaring (FunnelPlotR 0.6.0 omits the square: issue #33)
            case CHISQ, CQC -> new Limits(target * square(Math.max(0, 1 - halfWidth)), target * square(1 + halfWidth));
            case SHMI -> new Limits(target * Math.exp(-halfWidth), target * Math.exp(halfWidth));
        };
    }

    /** Spiegelhalter 2005 App. A.1.1: (r_p − α)/ρ, α = (F(r_p) − p)/(F(r_p) − F(r_p − 1)), clamped at 0. */
    private Limits exact(double rho, double level) {
        DiscreteDistribution dist;
        if (kind == IndicatorKind.PROPORTION) {
            if (rho != Math.rint(rho) || rho > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("exact binomial limits need a whole denominator, got " + rho);
            }
            dist = BinomialDistribution.of((int) rho, target);
        } else {
            dist = PoissonDistribution.of(target * rho);
        }
        double p = (1 - level) / 2;
        return new Limits(interpolated(dist, p, rho), interpolated(dist, 1 - p, rho));
    }

    private static double interpolated(DiscreteDistribution dist, double p, double rho) {
        int r = dist.inverseCumulativeProbability(p);
        double fr = dist.cumulativeProbability(r);
        double frm1 = r == 0 ? 0 : dist.cumulativeProbability(r - 1);
        double alpha = (fr - p) / (fr - frm1);
        return Math.max(0, (r - alpha) / rho);
    }

    /** FunnelPlotR SR limits: qgamma(a, μ)/ρ and qgamma(1−a, μ+1)/ρ with μ = θ0·ρ (docs §2.3). */
    private Limits chiSquare(double rho, double level) {
        double a = (1 - level) / 2;
        double mu = target * rho;
        double lo = GammaDistribution.of(mu, 1).inverseCumulativeProbability(a) / rho;
        double hi = GammaDistribution.of(mu + 1, 1).inverseSurvivalProbability(a) / rho;
        return new Limits(lo, hi);
    }

    private static double square(double x) {
        return x * x;
    }
}
