package no.kvik.analysis;

import java.util.List;
import no.kvik.catalog.Indicator;
import no.kvik.engine.IndicatorResult;
import no.kvik.risk.ModelDiagnostics;

/**
 * An indicator's results with the statistics filled in.
 *
 * @param results     the engine's rows with expected, o_e, o_e_low, o_e_high, adjusted_value, z, funnel_flag,
 *                    fdr_flag and trend_flag where they apply (null otherwise; always null on suppressed rows)
 * @param trendAlerts units with a significant deteriorating trend, most significant first
 * @param funnels     one per level (nation excluded) and period
 * @param model       diagnostics and coefficients of the case-mix model; null when the indicator has no risk model
 * @param modelNotes  how the model departs from the metadata's covariates: categorical levels merged because of
 *                    separation, covariates left out because they are constant, a Firth fit and why (empty when
 *                    none); when the model could not be fitted at all, the one note starting with {@link #CRUDE}
 * @param trends      the trend test of every unit published in the latest period of the trend window, by level,
 *                    the nation included (the notebook's trend table; the flags on the unit rows and the alerts
 *                    come from these; the nation's row gets no flag)
 */
public record AnalysedIndicator(Indicator indicator, List<IndicatorResult> results, List<TrendAlert> trendAlerts,
                                List<FunnelSummary> funnels, ModelDiagnostics model,
                                List<String> modelNotes, List<UnitTrend> trends) {
    public AnalysedIndicator {
        results = List.copyOf(results);
        trendAlerts = List.copyOf(trendAlerts);
        funnels = List.copyOf(funnels);
        modelNotes = List.copyOf(modelNotes);
        trends = List.copyOf(trends);
    }

    /** The funnel of one level and period, or null when the analysis has none. */
    public FunnelSummary funnel(String level, String periodLabel) {
        return funnels.stream().filter(f -> f.level().equals(level) && f.periodLabel().equals(periodLabel))
                .findFirst().orElse(null);
    }

    /** Start of the note of an indicator whose risk model could not be fitted and which is reported crude. */
    public static final String CRUDE = "risk model not fitted, reported crude (no O/E, crude funnel): ";

    /** The reason this indicator is reported crude although it has a risk model; null when it is not. */
    public String crudeReason() {
        return model == null && !modelNotes.isEmpty() && modelNotes.get(0).startsWith(CRUDE)
                ? modelNotes.get(0).substring(CRUDE.length()) : null;
    }
}
