package no.kvik.oecd;

/**
 * Cases (admissions or patients: the indicator's denominator) and 30-day deaths (its numerator) of one cell
 * of the count cube.
 *
 * @param sex      M, F or T (both), or the raw registry code in brackets when it is neither 1 nor 2
 * @param ageGroup one of {@link Strata#AGE_GROUPS}, {@link Strata#ALL_AGES}, or null when a case has none
 */
public record StratumCounts(String sex, String ageGroup, double cases, double deaths) {
}
