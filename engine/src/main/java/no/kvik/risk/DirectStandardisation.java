package no.kvik.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.reference.StandardPopulation;
import org.apache.commons.statistics.distribution.GammaDistribution;

/** Direct standardisation against a standard population with Fay–Feuer (gamma) intervals. */
public final class DirectStandardisation {
    private DirectStandardisation() {
    }

    /**
     * DSR = Σ w_j d_j/n_j, var = Σ w_j² d_j/n_j² (w normalised to 1); interval by Fay &amp; Feuer 1997:
     * [Gamma⁻¹(α/2; DSR²/var, var/DSR), Gamma⁻¹(1−α/2; (DSR+wM)²/(var+wM²), (var+wM²)/(DSR+wM))], wM = max w_j/n_j;
     * lower 0 when there are no events. Strata with zero population must have zero events and add nothing.
     *
     * @param multiplier scale of the output, e.g. 100000 for a rate per 100 000
     */
    public static DirectResult compute(List<StratumCount> counts, StandardPopulation standard, double level,
                                       double multiplier) {
        Map<String, StratumCount> byStratum = new HashMap<>();
        for (StratumCount c : counts) {
            if (!standard.strata().contains(c.stratum())) {
                throw new IllegalArgumentException("stratum " + c.stratum() + " is not in standard population "
                        + standard.name());
            }
            if (byStratum.put(c.stratum(), c) != null) {
                throw new IllegalArgumentException("stratum " + c.stratum() + " given twice");
            }
            if (!(c.events() >= 0) || !(c.population() >= 0) || (c.population() == 0 && c.events() > 0)) {
                throw new IllegalArgumentException("stratum " + c.stratum() + ": need events >= 0 and population"
                        + " > 0 when there are events, got " + c.events() + " / " + c.population());
            }
        }
        double[] w = standard.weights();
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double dsr = 0;
        double var = 0;
        double wMax = 0;
        double events = 0;
        double population = 0;
        for (int j = 0; j < w.length; j++) {
            StratumCount c = byStratum.get(standard.strata().get(j));
            if (c == null || c.population() == 0) {
                continue;
            }
            double wj = w[j] / total / c.population();
            dsr += wj * c.events();
            var += wj * wj * c.events();
            wMax = Math.max(wMax, wj);
            events += c.events();
            population += c.population();
        }
        double a = (1 - level) / 2;
        double low = dsr == 0 ? 0 : GammaDistribution.of(dsr * dsr / var, var / dsr).inverseCumulativeProbability(a);
        double high = GammaDistribution.of((dsr + wMax) * (dsr + wMax) / (var + wMax * wMax),
                (var + wMax * wMax) / (dsr + wMax)).inverseSurvivalProbability(a);
        return new DirectResult(events, population, dsr * multiplier, var * multiplier * multiplier,
                low * multiplier, high * multiplier);
    }
}
