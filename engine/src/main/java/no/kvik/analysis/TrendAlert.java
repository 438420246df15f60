package no.kvik.analysis;

/**
 * A unit whose indicator changed significantly for the worse over the latest periods.
 *
 * @param toPeriod        the period whose row carries the alert: the latest, or the unit's published window
 *                        ending in it when the latest row is pooled or suppressed
 * @param slope           log odds ratio (proportions), log rate ratio (rates) or log O/E ratio (risk-adjusted)
 *                        per period
 * @param ratioPerPeriod  exp(slope)
 * @param p               two-sided Wald p-value of the slope (slope, ratio and p are NaN when not published
 *                        because of hidden periods; see engine/docs/statistics.md, "Trends of units with hidden periods")
 * @param flag            direction-aware trend flag ("deteriorating")
 */
public record TrendAlert(String indicator, String level, String unitId, String unitName, String fromPeriod,
                         String toPeriod, int periods, double slope, double ratioPerPeriod, double p, String flag) {
}
