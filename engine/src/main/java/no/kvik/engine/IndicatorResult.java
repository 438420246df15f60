package no.kvik.engine;

import java.time.LocalDate;

/**
 * One row of the result schema (architecture.md): an indicator for one period and one reporting unit.
 * Columns that do not apply are null, never a sentinel. A suppressed row keeps its unit but has null
 * numerator, denominator, value, interval and goal level; {@code suppressed} says why.
 * The risk-adjustment and variation columns (expected … trendFlag) are filled by the statistics code.
 */
public record IndicatorResult(
        String indicatorId,
        String indicatorVersion,
        LocalDate periodStart,
        LocalDate periodEnd,
        String periodLabel,
        String level,
        String unitId,
        String unitName,
        Double numerator,
        Double denominator,
        Double value,
        Double ciLow,
        Double ciHigh,
        Double expected,
        Double oE,
        Double oELow,
        Double oEHigh,
        Double adjustedValue,
        Double z,
        String funnelFlag,
        Boolean fdrFlag,
        String trendFlag,
        String goalLevel,
        String suppressed) {

    /** The values of this row in {@link ResultSchema#COLUMNS} order. */
    public Object[] values() {
        return new Object[] {indicatorId, indicatorVersion, periodStart, periodEnd, periodLabel, level, unitId, unitName,
                numerator, denominator, value, ciLow, ciHigh, expected, oE, oELow, oEHigh, adjustedValue, z, funnelFlag,
                fdrFlag, trendFlag, goalLevel, suppressed};
    }
}
