package no.kvik.variation;

/**
 * How control limits are computed, and on which scale z-scores and over-dispersion are estimated.
 * See statistics.md §2–§4.
 */
public enum LimitMethod {
    /** Normal approximation θ0 ± z·sqrt(g(θ0)/ρ) (§2.1); z on the same normal scale. */
    NORMAL,
    /**
     * Exact binomial/Poisson: the flag, z and p come from the exact tail probabilities and the drawn limits are
     * where those tails cross (1 − L)/2 (statistics.md "Flags and p-values"); φ and τ² on the normal scale.
     */
    EXACT,
    /** FunnelPlotR proportions: arcsine-square-root scale (§2.4). Proportions only. */
    ARCSINE,
    /** FunnelPlotR ratios: exact chi-square/gamma limits (§2.3); over-dispersion on the square-root scale. */
    CHISQ,
    /** SHMI: log scale with E rounded to 2 dp (§3, §4.4). Ratios and rates only. */
    SHMI,
    /** CQC/Spiegelhalter square-root scale (§3, §4.4), limits correctly squared back. Ratios and rates only. */
    CQC,
    /**
     * FunnelPlotR ratio of counts (§3, §4.4): Y = ln((O+0.5)/(n+0.5)) around ln(ΣO/Σn), z-score SE
     * sqrt(O/(O+0.5)² + n/(n+0.5)²); limits where that z reaches ∓z_L (FunnelPlotR uses sqrt(1/(4n) + τ²), its
     * issue #30; statistics.md "Drawn limits = flags"). For a count over another count,
     * i.e. rates (O per n); not for proportions (O is part of n) nor O/E ratios (E is not a count).
     */
    RC;

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
            case RC -> kind == IndicatorKind.RATE;
        };
    }
}
