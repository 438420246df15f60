package no.kvik.analysis;

import java.util.List;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.NotComputable;
import no.kvik.variation.Overdispersion;

/**
 * The funnel of one indicator, level and period.
 *
 * @param kind           PROPORTION (crude proportions), RATIO (risk-adjusted O/E) or RATE
 * @param target         the national value of the period (proportion, rate per denominator unit, or national O/E)
 * @param phi            dispersion ratio φ (NaN when it could not be estimated)
 * @param tau2           DerSimonian–Laird τ² (NaN when it could not be estimated)
 * @param unitsUsed      units in the funnel, suppressed ones included (they enter φ and τ²; their z and flags
 *                       are not published)
 * @param notComputable  units left out, with the reason (zero denominator or expected count, unmapped unit)
 * @param note           why the requested over-dispersion model was not applied, and any covariate the risk
 *                       model left out (constant in the fitting population); else ""
 * @param funnel         the result with the published units only (limits at any denominator, for charts); null
 *                       when no unit was computable
 */
public record FunnelSummary(String level, String periodLabel, IndicatorKind kind, LimitMethod method,
                            Overdispersion overdispersion, double target, double phi, double tau2, int unitsUsed,
                            List<NotComputable> notComputable, String note, FunnelResult funnel) {
    public FunnelSummary {
        notComputable = List.copyOf(notComputable);
    }
}
