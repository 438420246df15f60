package no.kvik.analysis;

import no.kvik.variation.TrendResult;

/**
 * The trend test of one unit over the analysis's trend window (the latest {@code trendYears} of periods).
 *
 * @param fromPeriod first period of the window
 * @param toPeriod   latest period of the window (its row carries the trend flag; when that row is pooled or
 *                   suppressed, the unit's published window ending in it does)
 * @param result     slope, change per period, p and flag; for a unit with fewer than three periods with activity,
 *                   not estimated (NaN) with that note
 */
public record UnitTrend(String level, String unitId, String unitName, String fromPeriod, String toPeriod,
                        TrendResult result) {
}
