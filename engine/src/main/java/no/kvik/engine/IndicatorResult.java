package no.kvik.engine;

import java.time.LocalDate;

/**
 * One row of the result schema (architecture.md): an indicator for one period and one reporting unit.
 * Columns that do not apply are null, never a sentinel. A suppressed row keeps its unit but has null
 * numerator, denominator, value, interval and goal level; {@code suppressed} says why.
 * The risk-adjustment and variation columns (event … trendFlag) are filled by the statistics code.
 * <p>
 * Two scales, never mixed in one column: numerator, denominator, value, ci_low, ci_high and adjusted_value are
 * the indicator as published (for a survival indicator: survivors, cases, share surviving); {@code event} names
 * what observed, expected, o_e, o_e_low, o_e_high, z and funnel_flag count ("death" for survival indicators,
 * "numerator" when the modelled event is the numerator's), so o_e = observed / expected of that event.
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
        String event,
        Double observed,
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
                numerator, denominator, value, ciLow, ciHigh, event, observed, expected, oE, oELow, oEHigh, adjustedValue, z, funnelFlag,
                fdrFlag, trendFlag, goalLevel, suppressed};
    }
}
