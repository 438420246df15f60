package no.kvik.oecd;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.kvik.catalog.Catalogue;

/**
 * A prepared OECD acute-care delivery for one year: the count cubes, the template rows and the checks.
 * Nothing is written here; {@link DeliveryWriter} exports a delivery only when every check passed.
 *
 * @param standard null when the coverage check failed before the standard could be built
 */
public record OecdDelivery(int year, StandardWeights standard, List<IndicatorCounts> counts, List<DeliveryRow> rows,
                           List<CheckResult> checks) {
    public OecdDelivery {
        counts = List.copyOf(counts);
        rows = List.copyOf(rows);
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** "check: message" for every failure, in check order. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (CheckResult c : checks) c.failures().forEach(f -> out.add(c.name() + ": " + f));
        return out;
    }

    /**
     * Checks coverage, then counts the acute-care indicators, builds the rows and runs the other checks. When coverage
     * fails nothing else is computed (counts of an incomplete year would only add noise to the message).
     */
    public static OecdDelivery prepare(Connection store, Catalogue catalogue, Path referenceDir, int year,
                                       StandardChoice choice) throws SQLException {
        return prepare(store, catalogue, referenceDir, year, choice, AcuteIndicator.ALL);
    }

    /**
     * As {@link #prepare(Connection, Catalogue, Path, int, StandardChoice)} for the given indicators (e.g. the
     * acute-care ones and the integrated-care pilot's): coverage spans their longest follow-up, and the GP
     * contact and prescription extracts too when a pilot indicator is among them.
     */
    public static OecdDelivery prepare(Connection store, Catalogue catalogue, Path referenceDir, int year,
                                       StandardChoice choice, List<AcuteIndicator> indicators) throws SQLException {
        int followUpMonths = indicators.stream().mapToInt(AcuteIndicator::followUpMonths).max().orElse(1);
        boolean primaryCare = indicators.stream().anyMatch(AcuteIndicator::isIntegratedCare);
        List<String> coverage = OecdData.coverage(store, year, followUpMonths, primaryCare);
        if (!coverage.isEmpty()) {
            return new OecdDelivery(year, null, List.of(), List.of(), List.of(new CheckResult(DeliveryChecks.COVERAGE,
                    "the year and its 30-day follow-up have data in every extract needed (other checks not run)",
                    coverage)));
        }
        StandardWeights standard = choice.load(referenceDir);
        List<IndicatorCounts> counts = new ArrayList<>();
        List<DeliveryRow> rows = new ArrayList<>();
        for (AcuteIndicator a : indicators) {
            IndicatorCounts c = OecdData.counts(store, catalogue.get(a.id()), a, year);
            counts.add(c);
            rows.addAll(DeliveryTable.rows(c, standard));
        }
        return new OecdDelivery(year, standard, counts, rows, DeliveryChecks.all(rows, counts, coverage));
    }
}
