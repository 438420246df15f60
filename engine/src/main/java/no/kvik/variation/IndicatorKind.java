package no.kvik.variation;

/**
 * What a unit's numerator is compared with.
 * PROPORTION: O out of n (binomial, target p0 = ΣO/Σn);
 * RATIO: observed O against expected E (Poisson, target 1);
 * RATE: O per denominator n of person-time or population (Poisson, target ΣO/Σn).
 */
public enum IndicatorKind {
    PROPORTION, RATIO, RATE;

    /** True when the numerator follows a Poisson law around target × denominator. */
    public boolean poisson() {
        return this != PROPORTION;
    }
}
