package no.kvik.engine;

import no.kvik.catalog.Level;

/**
 * Sufficient statistics of one reporting unit in one period, as aggregated by DuckDB.
 *
 * @param parentId id of the unit at the nearest reported ancestor level ({@code nation} at the top);
 *                 null for the 'unknown' unit, whose cases may lie under several parents
 * @param nValues  number of non-null case values (mean, median, percentile)
 * @param quantile the median/percentile (linear interpolation between order statistics), or null
 * @param qLow     lower order-statistic bound of the quantile, or null
 * @param qHigh    upper order-statistic bound of the quantile, or null
 */
public record UnitAggregate(Period period, Level level, String unitId, String unitName, String parentId,
                            double numerator, double denominator, long nValues, Double mean, Double sd,
                            Double quantile, Double qLow, Double qHigh) {
}
