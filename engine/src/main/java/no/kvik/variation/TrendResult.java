package no.kvik.variation;

/**
 * Trend over a unit's last periods.
 *
 * @param slope          log odds ratio (proportions) or log rate ratio (ratios, rates) per period
 * @param changePerPeriod exp(slope): odds ratio or rate ratio per period
 * @param p              two-sided Wald p-value of the slope
 * @param trendFlag      "deteriorating", "improving" (direction-aware), "increasing"/"decreasing" when the
 *                       indicator has no direction, or "" when p ≥ alpha or no trend can be estimated
 * @param note           why no trend could be estimated (e.g. no events in any period), else ""
 */
public record TrendResult(String unit, int periods, double slope, double standardError, double z, double p,
                          double changePerPeriod, String trendFlag, String note) {

    static TrendResult notEstimable(String unit, int periods, String note) {
        return new TrendResult(unit, periods, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", note);
    }
}
