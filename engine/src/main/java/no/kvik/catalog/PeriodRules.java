package no.kvik.catalog;

/**
 * Optional pooling rules.
 *
 * @param poolYears                 years pooled in one reported period (1 = none)
 * @param smallUnitPoolYears        years pooled for small units
 * @param smallUnitBelowDenominator a unit is small below this yearly denominator
 */
public record PeriodRules(Integer poolYears, Integer smallUnitPoolYears, Integer smallUnitBelowDenominator) {
}
