package no.kvik.risk;

/**
 * Indirectly standardised result for one unit; names follow the result-schema columns (o_e, o_e_low,
 * o_e_high, adjusted_value). For survival indicators the adjusted value and its interval are survival.
 */
public record IndirectResult(String unit, double numerator, double denominator, double expected, double oE,
                             double oELow, double oEHigh, double adjustedValue, double adjustedLow,
                             double adjustedHigh) {
}
