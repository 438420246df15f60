package no.kvik.analysis;

/**
 * A unit whose indicator changed significantly for the worse over the latest periods.
 *
 * @param slope           log odds ratio (proportions), log rate ratio (rates) or log O/E ratio (risk-adjusted)
 *                        per period
 * @param ratioPerPeriod  exp(slope)
 * @param p               two-sided Wald p-value of the slope
 * @param flag            direction-aware trend flag ("deteriorating")
 */
public record TrendAlert(String indicator, String level, String unitId, String unitName, String fromPeriod,
                         String toPeriod, int periods, double slope, double ratioPerPeriod, double p, String flag) {
}
