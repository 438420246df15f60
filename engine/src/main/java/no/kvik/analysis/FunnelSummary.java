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
 * @param centre         what the funnel is centred on, for charts: "centre: national value 14.7 %" (the target is
 *                       the national value on every surface, never the pooled mean of the units shown)
 * @param emptyReason    why no unit is published when none is (every unit suppressed, pooled over years, or not
 *                       computable), naming the pooled window with reportable units when there is one; else ""
 */
public record FunnelSummary(String level, String periodLabel, IndicatorKind kind, LimitMethod method,
                            Overdispersion overdispersion, double target, double phi, double tau2, int unitsUsed,
                            List<NotComputable> notComputable, String note, FunnelResult funnel, String centre,
                            String emptyReason) {
    public FunnelSummary {
        notComputable = List.copyOf(notComputable);
    }

    /** Units with a published point (unsuppressed and computable). */
    public int unitsPublished() {
        return funnel == null ? 0 : funnel.units().size();
    }

    FunnelSummary withNote(String n) {
        return new FunnelSummary(level, periodLabel, kind, method, overdispersion, target, phi, tau2, unitsUsed,
                notComputable, n, funnel, centre, emptyReason);
    }

    FunnelSummary withEmptyReason(String reason) {
        return new FunnelSummary(level, periodLabel, kind, method, overdispersion, target, phi, tau2, unitsUsed,
                notComputable, note, funnel, centre, reason);
    }
}
