package no.kvik.analysis;

import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;

/**
 * Settings of an indicator analysis.
 *
 * @param method          funnel limit method; null for the default, exact limits for every kind
 *                        (statistics.md §2.2, Seaton &amp; Manktelow 2012)
 * @param overdispersion  over-dispersion model of the funnel limits; default additive random effects
 *                        (τ² as SHMI/CQC and Spiegelhalter 2005, estimated by Paule–Mandel: Analysis.funnelOptions,
 *                        statistics.md "τ² estimator"): hospitals differ for reasons
 *                        the case mix does not capture, and an additive τ² widens the limits of large units, where
 *                        that variation dominates, without the multiplicative model's over-widening of small units
 * @param innerLevel      coverage of the inner (warning) funnel limits, 0.95
 * @param outerLevel      coverage of the outer (alarm) funnel limits, 0.998
 * @param fdrLevel        Benjamini–Hochberg false-discovery rate across the units of a level and period, 0.05
 * @param trendYears      the trend test uses the latest this many years of periods (3 years = 3 yearly or
 *                        9 tertial periods)
 * @param trendAlpha      significance level of the trend flag, 0.05
 * @param referencePeriod fit the risk model on this period (e.g. "2019-2021") instead of the indicator's own
 *                        riskModel.population; null to follow the indicator
 */
public record AnalysisOptions(LimitMethod method, Overdispersion overdispersion, double innerLevel, double outerLevel,
                              double fdrLevel, int trendYears, double trendAlpha, String referencePeriod) {
    public AnalysisOptions {
        if (overdispersion == null) throw new IllegalArgumentException("overdispersion is required (NONE for none)");
        if (!(innerLevel > 0 && innerLevel < outerLevel && outerLevel < 1)) {
            throw new IllegalArgumentException("funnel levels must satisfy 0 < inner < outer < 1, got " + innerLevel + ", "
                    + outerLevel);
        }
        if (!(fdrLevel > 0 && fdrLevel < 1)) throw new IllegalArgumentException("FDR level must be in (0, 1), got " + fdrLevel);
        if (trendYears < 1) throw new IllegalArgumentException("trendYears must be >= 1, got " + trendYears);
        if (!(trendAlpha > 0 && trendAlpha < 1)) throw new IllegalArgumentException("trend alpha must be in (0, 1), got " + trendAlpha);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(null, Overdispersion.ADDITIVE, 0.95, 0.998, 0.05, 3, 0.05, null);
    }

    public AnalysisOptions withMethod(LimitMethod m) {
        return new AnalysisOptions(m, overdispersion, innerLevel, outerLevel, fdrLevel, trendYears, trendAlpha, referencePeriod);
    }

    public AnalysisOptions withOverdispersion(Overdispersion o) {
        return new AnalysisOptions(method, o, innerLevel, outerLevel, fdrLevel, trendYears, trendAlpha, referencePeriod);
    }

    public AnalysisOptions withTrendYears(int years) {
        return new AnalysisOptions(method, overdispersion, innerLevel, outerLevel, fdrLevel, years, trendAlpha, referencePeriod);
    }

    public AnalysisOptions withReferencePeriod(String period) {
        return new AnalysisOptions(method, overdispersion, innerLevel, outerLevel, fdrLevel, trendYears, trendAlpha, period);
    }

    /** The limit method for an analysis of the given kind. */
    public LimitMethod methodOrDefault() {
        return method != null ? method : LimitMethod.EXACT;
    }
}
