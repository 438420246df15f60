package no.kvik.calibration;

import java.util.List;
import no.kvik.variation.FunnelOptions;

/**
 * One production funnel to simulate: its settings as the analysis builds them and the real sizes of its units.
 *
 * @param options the production funnel options (requested over-dispersion model; the analysis falls back to none
 *                when it cannot be estimated, and so does the simulation)
 * @param target  the national value the null draws from (proportion, rate per denominator unit, or national O/E)
 * @param sizes   per unit, n (proportions, rates) or E (risk-adjusted ratios), suppressed units included
 */
public record FunnelCase(String indicator, String level, String period, FunnelOptions options, double target,
                         List<Double> sizes) {
    public FunnelCase {
        sizes = List.copyOf(sizes);
        if (!(target > 0)) throw new IllegalArgumentException(indicator + " " + level + " " + period + ": target must be > 0, got " + target);
    }
}
