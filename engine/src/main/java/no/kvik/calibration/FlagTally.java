package no.kvik.calibration;

/**
 * Flags counted over simulated units. A unit is flagged at the inner level when its funnel flag is anything but
 * as_expected, and at the outer level when it is beyond the outer limits; both sides count.
 *
 * @param units        simulated unit-replicates
 * @param innerFlags   beyond the inner (95 %) limits on either side, outer included
 * @param outerFlags   beyond the outer (99.8 %) limits on either side
 * @param noFunnel     unit-replicates of replicates whose funnel could not be computed (no flag possible)
 */
public record FlagTally(long units, long innerFlags, long outerFlags, long noFunnel) {
    public static final FlagTally EMPTY = new FlagTally(0, 0, 0, 0);

    public FlagTally plus(FlagTally o) {
        return new FlagTally(units + o.units, innerFlags + o.innerFlags, outerFlags + o.outerFlags, noFunnel + o.noFunnel);
    }

    public double innerRate() {
        return units == 0 ? Double.NaN : (double) innerFlags / units;
    }

    public double outerRate() {
        return units == 0 ? Double.NaN : (double) outerFlags / units;
    }

    /** Binomial Monte Carlo standard error of a rate, sqrt(r(1−r)/N) (units of one funnel are nearly independent). */
    public static double monteCarloSe(double rate, long units) {
        return units == 0 ? Double.NaN : Math.sqrt(rate * (1 - rate) / units);
    }
}
