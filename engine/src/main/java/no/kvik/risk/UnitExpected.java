package no.kvik.risk;

/**
 * One unit's observed events, cases and expected events E = Σ p̂ from the case-mix model.
 *
 * @param sumVariance Σ p̂(1 − p̂) over the unit's cases (for AHRQ's standard error; NaN if unknown)
 */
public record UnitExpected(String unit, double observed, double cases, double expected, double sumVariance) {
}
