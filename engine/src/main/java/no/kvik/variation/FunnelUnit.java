package no.kvik.variation;

import java.util.List;

/**
 * One unit's place in the funnel. Field names follow the result schema where it has a column.
 *
 * @param denominator     n, or E for ratios
 * @param value           O/n, O/E or the rate O/n
 * @param z               unadjusted z-score on the method's scale
 * @param zAdjusted       z-score after over-dispersion (equals z when no adjustment is in effect)
 * @param keptForDispersion false when truncation dropped the unit from φ and τ²
 * @param limits          per level (ascending), the limits used for the flag
 * @param unadjustedLimits per level, limits without over-dispersion
 * @param pValue          two-sided normal p-value of zAdjusted, used for the FDR
 * @param fdrQ            Benjamini–Hochberg adjusted p-value
 * @param fdrFlag         "high", "low" or "" (not significant at the FDR level)
 */
public record FunnelUnit(String unit, double numerator, double denominator, double value, double z,
                         double zAdjusted, boolean keptForDispersion, List<Limits> limits,
                         List<Limits> unadjustedLimits, FunnelFlag funnelFlag, boolean alarm, double pValue,
                         double fdrQ, String fdrFlag) {
    public FunnelUnit {
        limits = List.copyOf(limits);
        unadjustedLimits = List.copyOf(unadjustedLimits);
    }
}
