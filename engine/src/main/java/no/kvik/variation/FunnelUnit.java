package no.kvik.variation;

import java.util.List;

/**
 * One unit's place in the funnel. Field names follow the result schema where it has a column.
 *
 * @param denominator     n, or E for ratios
 * @param value           O/n, O/E or the rate O/n
 * @param z               unadjusted z-score on the method's scale
 * @param zAdjusted       z-score after over-dispersion on the method's scale (equals z when no adjustment is in
 *                        effect); φ, τ² and FunnelPlotR parity use it
 * @param zEquivalent     signed normal equivalent of the smaller one-sided tail behind the flag and pValue:
 *                        the z reported for the unit (equals zAdjusted for the normal-scale methods)
 * @param keptForDispersion false when truncation dropped the unit from φ and τ²
 * @param limits          per level (ascending), the limits used for the flag
 * @param unadjustedLimits per level, limits without over-dispersion
 * @param pValue          two-sided p = 2·min(tails), capped at 1; the flag at level L is set exactly when
 *                        pValue &lt; 1 − L, and the FDR uses it
 * @param fdrQ            Benjamini–Hochberg adjusted p-value
 * @param fdrFlag         "high", "low" or "" (not significant at the FDR level)
 */
public record FunnelUnit(String unit, double numerator, double denominator, double value, double z,
                         double zAdjusted, double zEquivalent, boolean keptForDispersion, List<Limits> limits,
                         List<Limits> unadjustedLimits, FunnelFlag funnelFlag, boolean alarm, double pValue,
                         double fdrQ, String fdrFlag) {
    public FunnelUnit {
        limits = List.copyOf(limits);
        unadjustedLimits = List.copyOf(unadjustedLimits);
    }
}
