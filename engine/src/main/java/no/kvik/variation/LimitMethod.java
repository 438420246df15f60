package no.kvik.variation;

/**
 * How control limits are computed, and on which scale z-scores and over-dispersion are estimated.
 * See docs statistical-methods.md §2–§4.
 */
public enum LimitMethod {
    /** Normal approximation θ0 ± z·sqrt(g(θ0)/ρ) (§2.1); z on the same normal scale. */
    NORMAL,
    /** Exact binomial/Poisson quantiles with Spiegelhalter's interpolation (§2.2); z on the normal scale. */
    EXACT,
    /** FunnelPlotR proportions: arcsine-square-root scale (§2.4). Proportions only. */
    ARCSINE,
    /** FunnelPlotR ratios: exact chi-square/gamma limits (§2.3); over-dispersion on the square-root scale. */
    CHISQ,
    /** SHMI: log scale with E rounded to 2 dp (§3, §4.4). Ratios and rates only. */
    SHMI,
    /** CQC/Spiegelhalter square-root scale (§3, §4.4), limits correctly squared back. Ratios and rates only. */
    CQC;

    /** The default: exact limits, which behave at small counts. */
    public static LimitMethod defaultMethod() {
        return EXACT;
    }

    /** Whether this method can be used for an indicator of the given kind. */
    public boolean supports(IndicatorKind kind) {
        return switch (this) {
            case NORMAL, EXACT -> true;
            case ARCSINE -> kind == IndicatorKind.PROPORTION;
            case CHISQ, SHMI, CQC -> kind.poisson();
        };
    }
}
