package no.kvik.variation;

/** Over-dispersion model for the limits (statistics.md §4.3, §4.4). */
public enum Overdispersion {
    /** Limits assume pure binomial/Poisson variation. */
    NONE,
    /** Limits widened by sqrt(φ) when φ > 1 (Spiegelhalter QSHC 2005, multiplicative model). */
    MULTIPLICATIVE,
    /** Additive random-effects τ² by DerSimonian–Laird on the method's scale. */
    ADDITIVE
}
