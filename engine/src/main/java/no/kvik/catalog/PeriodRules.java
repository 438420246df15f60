package no.kvik.catalog;

/**
 * Optional pooling rules.
 *
 * @param poolYears                 years pooled in one reported period (1 = none)
 * @param smallUnitPoolYears        years pooled for small units
 * @param smallUnitBelowDenominator a unit is small below this yearly denominator
 * @param finestFrequency           the shortest period the indicator's rows can be split into (null: any); "year"
 *                                  where they are yearly cells or yearly counts (a population on 1 January, a
 *                                  census on 31 December, users counted once a year), which a shorter period
 *                                  would put wholly into one of its parts
 */
public record PeriodRules(Integer poolYears, Integer smallUnitPoolYears, Integer smallUnitBelowDenominator,
                          Frequency finestFrequency) {
}
