package no.kvik.risk;

/**
 * AHRQ-style empirical-Bayes result for one unit.
 *
 * @param riskAdjustedRate RAR = (O/E) · REF
 * @param variance         V = SE², SE = REF · sqrt(Σ p̂(1−p̂)) / E
 * @param reliability      SN = σ² / (σ² + V)
 * @param smoothed         S = SN · RAR + (1 − SN) · REF
 * @param smoothedSe       X = sqrt(σ² − SN · σ²)
 */
public record SmoothedRate(String unit, double riskAdjustedRate, double variance, double reliability,
                           double smoothed, double smoothedSe) {
}
