package no.kvik.analysis;

import java.util.Comparator;
import no.kvik.catalog.Level;

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
    /**
     * The order alerts are listed in: most significant first, alerts without a published p (NaN) last, and alerts of
     * the same p (units with the same counts, or all those without p) by indicator, level in hierarchy order, unit id
     * and periods, so the list does not depend on the order the units were tested in (a hash map's).
     */
    public static final Comparator<TrendAlert> ORDER = Comparator.comparingDouble(TrendAlert::p)
            .thenComparing(TrendAlert::indicator)
            .thenComparing((TrendAlert a) -> Level.of(a.level()))
            .thenComparing(TrendAlert::unitId)
            .thenComparing(TrendAlert::fromPeriod)
            .thenComparing(TrendAlert::toPeriod);
}
