package no.kvik.catalog;

/**
 * @param kind the measure
 * @param per  multiplier for rates (and optionally ratios), e.g. 1000; null otherwise
 * @param p    the quantile for percentiles (0 &lt; p &lt; 1); null otherwise
 */
public record Measure(MeasureKind kind, Double per, Double p) {

    /** The quantile the value is: 0.5 for medians, {@code p} for percentiles, null otherwise. */
    public Double quantile() {
        return kind == MeasureKind.MEDIAN ? Double.valueOf(0.5) : kind == MeasureKind.PERCENTILE ? p : null;
    }

    /** The factor applied to numerator/denominator (1 when not given). */
    public double multiplier() {
        return per == null ? 1.0 : per;
    }
}
