package no.kvik.variation;

import java.util.List;

/**
 * The result of one funnel analysis: per-unit rows plus the audit values φ and τ².
 *
 * @param model              target, φ, τ² and method, giving limits at any denominator
 * @param levels             coverage levels (ascending) matching each unit's limit lists
 * @param unitsInDispersion  I*, the number of units used for φ and τ² (after truncation)
 */
public record FunnelResult(FunnelOptions options, FunnelModel model, double[] levels, List<FunnelUnit> units,
                           List<NotComputable> notComputable, int unitsInDispersion) {
    public FunnelResult {
        levels = levels.clone();
        units = List.copyOf(units);
        notComputable = List.copyOf(notComputable);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    public double phi() {
        return model.phi();
    }

    public double tau2() {
        return model.tau2();
    }

    public double target() {
        return model.target();
    }
}
