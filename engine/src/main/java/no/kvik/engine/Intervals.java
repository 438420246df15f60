package no.kvik.engine;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/** 95 % (or other level) confidence intervals. Pure functions; null bounds mean "not defined". */
public final class Intervals {
    /** Two-sided 95 %. */
    public static final double ALPHA = 0.05;

    private Intervals() {
    }

    /** A closed interval; either bound may be null when it is not defined. */
    public record Interval(Double low, Double high) {
        public static final Interval NONE = new Interval(null, null);

        public Interval scaled(double factor) {
            return new Interval(low == null ? null : low * factor, high == null ? null : high * factor);
        }
    }

    static double z(double alpha) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha / 2);
    }

    /** Wilson score interval for x successes out of n (Wilson 1927, JASA 22:209). */
    public static Interval wilson(double x, double n, double alpha) {
        if (!(n > 0) || x < 0 || x > n) return Interval.NONE;
        double z = z(alpha);
        double p = x / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Exact Poisson interval for a count x (Garwood 1936, Biometrika 28:437): chi-square quantiles
     * written as gamma quantiles, lower = Gamma(x).q(alpha/2), upper = Gamma(x+1).q(1-alpha/2).
     */
    public static Interval poissonCount(double x, double alpha) {
        if (x < 0 || Double.isNaN(x)) return Interval.NONE;
        double low = x == 0 ? 0 : GammaDistribution.of(x, 1).inverseCumulativeProbability(alpha / 2);
        double high = GammaDistribution.of(x + 1, 1).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(low, high);
    }

    /** Rate x / exposure * per with the exact Poisson interval of x scaled the same way. */
    public static Interval poissonRate(double x, double exposure, double per, double alpha) {
        if (!(exposure > 0)) return Interval.NONE;
        return poissonCount(x, alpha).scaled(per / exposure);
    }

    /** Student t interval for a mean from n values with sample standard deviation sd (Student 1908). */
    public static Interval tMean(double mean, double sd, long n, double alpha) {
        if (n < 2 || Double.isNaN(sd)) return Interval.NONE;
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - alpha / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(mean - half, mean + half);
    }

    /**
     * 1-based ranks (r, s) of the order statistics that bound a distribution-free interval for the
     * p-quantile of n values (Conover 1999, Practical Nonparametric Statistics, §3.2):
     * r = qbinom(alpha/2; n, p), s = qbinom(1 - alpha/2; n, p) + 1. A rank of 0 or above n means that
     * side is unbounded (returned as is; the caller reports null).
     */
    public static int[] quantileRanks(long n, double p, double alpha) {
        if (n < 1) return new int[] {0, 1};
        BinomialDistribution b = BinomialDistribution.of(Math.toIntExact(n), p);
        int r = b.inverseCumulativeProbability(alpha / 2);
        int s = b.inverseCumulativeProbability(1 - alpha / 2) + 1;
        return new int[] {r, s};
    }
}
