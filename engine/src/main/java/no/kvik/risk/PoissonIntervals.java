package no.kvik.risk;

import org.apache.commons.statistics.distribution.GammaDistribution;

/** Exact (Garwood) intervals for Poisson counts and O/E ratios. */
public final class PoissonIntervals {
    private PoissonIntervals() {
    }

    /** Garwood 1936: [qgamma(α/2, O), qgamma(1−α/2, O+1)] = [qchisq(α/2, 2O)/2, qchisq(1−α/2, 2O+2)/2]; low 0 at O = 0. */
    public static Interval count(double observed, double level) {
        double a = (1 - level) / 2;
        double low = observed == 0 ? 0 : GammaDistribution.of(observed, 1).inverseCumulativeProbability(a);
        double high = GammaDistribution.of(observed + 1, 1).inverseSurvivalProbability(a);
        return new Interval(low, high);
    }

    /** Exact interval of O/E: the count interval divided by E (statistics.md §10). */
    public static Interval ratio(double observed, double expected, double level) {
        Interval c = count(observed, level);
        return new Interval(c.low() / expected, c.high() / expected);
    }
}
