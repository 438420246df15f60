package no.kvik.oecd;

import java.util.List;

/**
 * The count cube of one indicator and year as aggregated from its case rows: every non-empty sex × age group
 * cell, the per-sex and per-age margins and the grand total (T, total), each aggregated on its own so that the
 * totals checks compare independent sums. {@code engine} holds the engine's own nation-level result.
 */
public record IndicatorCounts(AcuteIndicator indicator, String name, String version, int year,
                              List<StratumCounts> cells, EngineCount engine) {
    public IndicatorCounts {
        cells = List.copyOf(cells);
    }

    /** The engine's nation-level numerator (deaths) and denominator (cases) for the year; 0/0 when it has no rows. */
    public record EngineCount(double deaths, double cases) {
    }
}
