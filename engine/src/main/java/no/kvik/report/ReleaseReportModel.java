package no.kvik.report;

import java.time.LocalDate;
import java.util.List;
import no.kvik.analysis.FunnelSummary;
import no.kvik.engine.IndicatorResult;

/**
 * What the HTML report of a release shows, as plain values: {@code no.kvik.release} fills it in from its
 * definitions, findings, financing view and revisions, and {@link ReleaseReport} renders it. The report needs
 * nothing from {@code release}, so the arrow between the two packages points one way (release → report).
 *
 * @param indicators one section per released indicator, in the release's order
 * @param revisions  the changes since the previous release; null when there is none
 */
public record ReleaseReportModel(String edition, LocalDate published, LocalDate dataEnd, List<IndicatorSection> indicators,
                                 FindingsLists findings, FinancingTable financing, RevisionsSummary revisions) {
    public ReleaseReportModel {
        indicators = List.copyOf(indicators);
    }

    /**
     * One indicator: what its definition says, its released rows (sorted) and the funnel to draw (null: none).
     *
     * @param measure   the measure kind's code ({@code proportion}, {@code rate}, …)
     * @param direction {@code higher_is_better}, {@code lower_is_better}, or null
     * @param frequency {@code year}, {@code tertial} or {@code half_year}: the length of the indicator's own periods
     * @param levels    the level codes it is reported at, nation first
     */
    public record IndicatorSection(String id, String version, String nameNo, String nameEn, String descriptionEn,
                                   String measure, Double per, String direction, String frequency, List<String> levels,
                                   List<IndicatorResult> rows, FunnelSummary funnel) {
        public IndicatorSection {
            levels = List.copyOf(levels);
            rows = List.copyOf(rows);
        }
    }

    /** The main findings, each list as its sentences. */
    public record FindingsLists(List<String> nationalChanges, List<String> unitFlags, List<String> negativeTrends,
                                List<String> goalAttainment, List<String> caveats) {
        public FindingsLists {
            nationalChanges = List.copyOf(nationalChanges);
            unitFlags = List.copyOf(unitFlags);
            negativeTrends = List.copyOf(negativeTrends);
            goalAttainment = List.copyOf(goalAttainment);
            caveats = List.copyOf(caveats);
        }
    }

    /**
     * The results-based financing view of the publication year.
     *
     * @param missing financing indicators that are not in this release
     * @param scores  one row per RHF, best first; empty when no financing indicator is in the release
     */
    public record FinancingTable(int year, List<String> indicators, List<String> missing, List<FinancingScore> scores) {
        public FinancingTable {
            indicators = List.copyOf(indicators);
            missing = List.copyOf(missing);
            scores = List.copyOf(scores);
        }
    }

    /** One RHF's combined financing score. */
    public record FinancingScore(int rank, String rhfName, int indicators, double placement, double completeness,
                                 double total) {
    }

    /**
     * What changed since the previous release.
     *
     * @param changedDefinitions indicators whose SQL or metadata changed, with what changed
     * @param revisedMeans what counts as a revised value (the rule the revisions JSON states)
     */
    public record RevisionsSummary(String previous, List<String> newIndicators, List<String> retiredIndicators,
                                   List<ChangedDefinition> changedDefinitions, long revisedValueCount,
                                   String revisedMeans) {
        public RevisionsSummary {
            newIndicators = List.copyOf(newIndicators);
            retiredIndicators = List.copyOf(retiredIndicators);
            changedDefinitions = List.copyOf(changedDefinitions);
        }
    }

    /** @param changed {@code sql}, {@code metadata} or {@code sql+metadata} */
    public record ChangedDefinition(String id, String changed) {
    }
}
