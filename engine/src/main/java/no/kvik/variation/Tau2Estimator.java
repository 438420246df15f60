package no.kvik.variation;

/** How the additive between-unit variance τ² is estimated from the (damped) z-scores (statistics.md "τ² estimator"). */
public enum Tau2Estimator {
    /**
     * DerSimonian–Laird moment estimator from φ of the damped unadjusted z (DerSimonian & Laird 1986; FunnelPlotR
     * tau_func, NHS SHMI, PHS): the reference methods' estimator.
     */
    DL,
    /**
     * Paule–Mandel: the τ² at which the damped z-scores standardised by sqrt(s² + τ²) have Σz² = I* − 1
     * (Paule & Mandel 1982; DerSimonian & Kacker 2007); damping applied to those standardised z, not to the raw ones.
     */
    PM
}
