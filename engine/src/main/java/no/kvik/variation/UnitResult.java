package no.kvik.variation;

import no.kvik.risk.IndirectResult;

/**
 * The statistics part of one row of kvik's result schema (docs/architecture.md). Each component maps to the
 * column of the same name in snake case: numerator, denominator, value, ci_low, ci_high, expected, o_e,
 * o_e_low, o_e_high, adjusted_value, z, funnel_flag, fdr_flag, trend_flag. Absent values are null, never a
 * sentinel number.
 */
public record UnitResult(String unitId, Double numerator, Double denominator, Double value, Double ciLow,
                         Double ciHigh, Double expected, Double oE, Double oELow, Double oEHigh,
                         Double adjustedValue, Double z, String funnelFlag, String fdrFlag, String trendFlag) {

    /** Counts and value only. */
    public static UnitResult of(String unitId, double numerator, double denominator, double value) {
        return new UnitResult(unitId, numerator, denominator, value, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public UnitResult withInterval(double low, double high) {
        return new UnitResult(unitId, numerator, denominator, value, low, high, expected, oE, oELow, oEHigh,
                adjustedValue, z, funnelFlag, fdrFlag, trendFlag);
    }

    /** Adds expected, O/E with its interval and the adjusted value from indirect standardisation. */
    public UnitResult withAdjustment(IndirectResult r) {
        return new UnitResult(unitId, numerator, denominator, value, ciLow, ciHigh, r.expected(), r.oE(), r.oELow(),
                r.oEHigh(), r.adjustedValue(), z, funnelFlag, fdrFlag, trendFlag);
    }

    /** Adds the funnel z-score (normal equivalent of the flag's p-value), five-level flag and FDR flag ("" → null). */
    public UnitResult withFunnel(FunnelUnit f) {
        return new UnitResult(unitId, numerator, denominator, value, ciLow, ciHigh, expected, oE, oELow, oEHigh,
                adjustedValue, f.zEquivalent(), f.funnelFlag().code(), f.fdrFlag().isEmpty() ? null : f.fdrFlag(),
                trendFlag);
    }

    /** Adds the trend flag ("" becomes null). */
    public UnitResult withTrend(TrendResult t) {
        return new UnitResult(unitId, numerator, denominator, value, ciLow, ciHigh, expected, oE, oELow, oEHigh,
                adjustedValue, z, funnelFlag, fdrFlag, t.trendFlag().isEmpty() ? null : t.trendFlag());
    }
}
