package no.kvik.variation;

/** How extreme z-scores are damped before φ and τ² are estimated (statistics.md §4.1). */
public enum Trim {
    /** Clamp z to its type-7 quantiles at trim and 1 − trim; all units kept (FunnelPlotR default). */
    WINSOR,
    /** Drop units by rank: keep 0 < floor(rank·k/(I+1)) < k−1, k = 1/trim (SHMI, FunnelPlotR truncation()). */
    TRUNCATE,
    /**
     * Public Health Scotland HSMR: only the single largest z is replaced by the second largest and the single
     * smallest by the second smallest; all units kept (statistics.md §4.1).
     */
    PHS
}
