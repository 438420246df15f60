package no.kvik.variation;

import org.apache.commons.numbers.gamma.RegularizedGamma;
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
        return scaleDenominator(method, kind, rho);
    }

    /** SHMI ratios use E rounded to 2 dp in the SE and w (docs §3, §4.4); E below 0.005 becomes 0 (not computable). */
    static double scaleDenominator(LimitMethod method, IndicatorKind kind, double rho) {
        return method == LimitMethod.SHMI && kind == IndicatorKind.RATIO ? Math.round(rho * 100) / 100.0 : rho;
    }

    /** Transformed value Y on the method's scale for a unit with O = numerator at denominator ρ (docs §3). */
    public double transformed(double numerator, double rho) {
        double value = numerator / rho;
        return switch (method) {
            case NORMAL, EXACT -> value;
            case ARCSINE -> Math.asin(Math.sqrt(value));
            case CHISQ, CQC -> Math.sqrt(value / target);
            // E unrounded here: with E rounded to 2 dp inside ln, 9 of the 1,576 published NHS SHMI rows
            // (ShmiPublishedLimitsTest) miss their 4-dp limits; unrounded, all match (statistics.md)
            case SHMI -> Math.log(value / target);
            // FunnelPlotR RC: ln((O + 0.5)/(n + 0.5)) (docs §3)
            case RC -> Math.log((numerator + 0.5) / (rho + 0.5));
        };
    }

    /** Target on the method's scale. */
    public double transformedTarget() {
        return switch (method) {
            case NORMAL, EXACT -> target;
            case ARCSINE -> Math.asin(Math.sqrt(target));
            case CHISQ, CQC -> 1;
            case SHMI -> 0;
            case RC -> Math.log(target);
        };
    }

    /**
     * Standard error s of the limits on the method's scale at denominator ρ (docs §3 table; RC: the limit SE
     * 1/(2 sqrt n) of docs §4.4, which differs from its z-score SE, FunnelPlotR issue #30).
     */
    public double standardError(double rho) {
        double r = scaleDenominator(rho);
        return switch (method) {
            // normal scale: sqrt(p0(1−p0)/n) for proportions, sqrt(θ0/ρ) for Poisson counts (ems, PHS)
            case NORMAL, EXACT -> kind == IndicatorKind.PROPORTION
                    ? Math.sqrt(target * (1 - target) / r) : Math.sqrt(target / r);
            case ARCSINE, RC -> 1 / (2 * Math.sqrt(r));
            case CHISQ, CQC -> 1 / (2 * Math.sqrt(target * r));
            case SHMI -> 1 / Math.sqrt(target * r);
        };
    }

    /**
     * Standard error of a unit's z-score: the limit SE except for RC, whose z-score SE is
     * sqrt(O/(O+0.5)² + n/(n+0.5)²) (FunnelPlotR transformed_zscore, docs §3).
     */
    public double unitStandardError(double numerator, double rho) {
        if (method == LimitMethod.RC) {
            double o = numerator + 0.5;
            double n = rho + 0.5;
            return Math.sqrt(numerator / (o * o) + rho / (n * n));
        }
        return standardError(rho);
    }

    /** Unadjusted z-score (Y − target)/s on the method's scale (FunnelPlotR transformed_zscore). */
    public double zScore(double numerator, double rho) {
        return (transformed(numerator, rho) - transformedTarget()) / unitStandardError(numerator, rho);
    }

    /** z-score after over-dispersion: z/sqrt(φ) (multiplicative) or (Y − target)/sqrt(s² + τ²) (additive). */
    public double adjustedZScore(double numerator, double rho) {
        if (!adjusted()) {
            return zScore(numerator, rho);
        }
        double s = unitStandardError(numerator, rho);
        double sd = overdispersion == Overdispersion.MULTIPLICATIVE ? Math.sqrt(phi) * s : Math.sqrt(s * s + tau2);
        return (transformed(numerator, rho) - transformedTarget()) / sd;
    }

    /** Largest n for which the over-dispersed exact tails sum the beta-binomial pmf; beyond it, normal tails. */
    static final double BETA_BINOMIAL_MAX_N = 1e7;

    /**
     * The tail probabilities behind a unit's flag, p and z (statistics.md "Flags and p-values"). EXACT: binomial
     * (n, θ0) or Poisson (θ0·ρ) tails, or with over-dispersion in effect the beta-binomial / negative binomial
     * with the same extra variance as the normal-scale model; CHISQ without over-dispersion: the gamma tails its
     * limits are quantiles of; every other case: normal tails of the adjusted z on the method's scale.
     */
    public Tails tails(double numerator, double rho, boolean midP) {
        if (method == LimitMethod.EXACT) {
            return exactTails(numerator, rho, midP);
        }
        if (method == LimitMethod.CHISQ && !adjusted()) {
            // O outside [qgamma(a, μ), qgamma(1−a, μ+1)] ⇔ P(Gamma(μ) ≤ O) < a or P(Gamma(μ+1) ≥ O) < a (docs §2.3)
            double mu = target * rho;
            return new Tails(numerator == 0 ? 0 : RegularizedGamma.P.value(mu, numerator),
                    RegularizedGamma.Q.value(mu + 1, numerator));
        }
        return Tails.normal(adjustedZScore(numerator, rho));
    }

    private Tails exactTails(double o, double rho, boolean midP) {
        if (kind == IndicatorKind.PROPORTION) {
            if (!adjusted()) {
                return Tails.binomial(rho, target, o, midP);
            }
            if (rho < 2) {
                return Tails.binomial(rho, target, o, midP); // one trial cannot be over-dispersed
            }
            if (rho > BETA_BINOMIAL_MAX_N) {
                return Tails.normal(adjustedZScore(o, rho));
            }
            // Var(O) = n·p0(1−p0)·(1 + (n−1)·icc) matched to φ·n·p0(1−p0) or n·p0(1−p0) + n²τ² (beta-binomial)
            double icc = overdispersion == Overdispersion.MULTIPLICATIVE ? (phi - 1) / (rho - 1)
                    : rho * tau2 / ((rho - 1) * target * (1 - target));
            icc = Math.min(icc, MAX_INTRACLASS_CORRELATION);
            double scale = 1 / icc - 1;
            return Tails.betaBinomial((long) rho, target * scale, (1 - target) * scale, (long) o, midP);
        }
        double mu = target * rho;
        if (!adjusted()) {
            return Tails.poisson(mu, o, midP);
        }
        // negative binomial Var(O) = μ + μ²/k matched to φ·μ or μ + ρ²τ² (k = θ0²/τ²)
        double size = overdispersion == Overdispersion.MULTIPLICATIVE ? mu / (phi - 1) : target * target / tau2;
        return Tails.negativeBinomial(mu, size, o, midP);
    }

    /** Cap on the beta-binomial intra-class correlation (1 would put all mass on 0 and n). */
    static final double MAX_INTRACLASS_CORRELATION = 0.999;

    /** Limits drawn for the unit: over-dispersion adjusted when adjustment is in effect, else unadjusted. */
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
            case NORMAL, ARCSINE, SHMI, CQC, RC -> backTransform(zFor(level) * standardError(rho));
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
            case SHMI, RC -> new Limits(target * Math.exp(-halfWidth), target * Math.exp(halfWidth));
        };
    }

    /** Spiegelhalter 2005 App. A.1.1: (r_p − α)/ρ, α = (F(r_p) − p)/(F(r_p) − F(r_p − 1)), clamped at 0. */
    private Limits exact(double rho, double level) {
        DiscreteDistribution dist;
        if (kind == IndicatorKind.PROPORTION) {
            if (rho != Math.rint(rho)) {
                throw new IllegalArgumentException("exact binomial limits need a whole denominator, got " + rho);
            }
            if (rho > Integer.MAX_VALUE) {
                // beyond int range there is no binomial quantile here; the normal limits differ from it by O(1/n) (skewness)
                return backTransform(zFor(level) * standardError(rho));
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
