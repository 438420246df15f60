package no.kvik.notebook;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import tech.tablesaw.api.Table;

/**
 * The data-quality report of a store as notebook tables: completeness and validity per registry and
 * reporting unit, flagged rows by reason, rejected files. The report lists every measure per year and per
 * tertial; the summaries here use the years, so no row is counted twice.
 */
public record Quality(QualityReport report, java.util.Map<String, String> unitNames) {

    public Quality {
        Objects.requireNonNull(report, "report");
        unitNames = java.util.Map.copyOf(unitNames);
    }

    /** The report with its reporting units shown by code only. */
    public Quality(QualityReport report) {
        this(report, java.util.Map.of());
    }

    private static boolean isYear(QualityRow r) {
        return r.period().matches("\\d{4}");
    }

    /** A year, or 'unknown': rows whose year could not be read (a flagged date in the year column) are there. */
    private static boolean isYearOrUnknown(QualityRow r) {
        return isYear(r) || r.period().equals("unknown");
    }

    /** Every line of the report (section, contract, registry, unit, period, measure, counts, share, detail). */
    public Table table() {
        return rows("quality", r -> true);
    }

    /** Units that delivered against units expected, per contract and year. */
    public Table completeness() {
        return rows("completeness: units delivered of units expected",
                r -> r.section().equals("completeness") && r.measure().equals("units_delivered") && isYear(r));
    }

    /** Valid rows of all rows, per contract and year, summed over the reporting units. */
    public Table validity() {
        Map<List<String>, long[]> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(2)));
        for (QualityRow r : report.rows()) {
            if (!r.section().equals("validity") || !r.measure().equals("valid_rows") || !isYearOrUnknown(r)) continue;
            long[] s = sums.computeIfAbsent(List.of(r.contractId(), r.registry(), r.period()), k -> new long[2]);
            s[0] += r.numerator();
            s[1] += r.denominator() == null ? 0 : r.denominator();
        }
        Table t = Tables.of("validity: valid rows of all rows", List.copyOf(sums.entrySet()),
                Tables.text("contract", e -> e.getKey().get(0)),
                Tables.text("registry", e -> e.getKey().get(1)),
                Tables.text("period", e -> e.getKey().get(2)),
                Tables.longInteger("valid_rows", e -> e.getValue()[0]),
                Tables.longInteger("rows", e -> e.getValue()[1]),
                Tables.number("share", e -> e.getValue()[1] == 0 ? null : (double) e.getValue()[0] / e.getValue()[1]));
        return TableFormats.apply(t, true, 1);
    }

    /** Valid rows and valid values of every code column, per reporting unit and year, of one contract. */
    public Table validity(String contractId) {
        return rows("validity of " + contractId + " by unit",
                r -> r.section().equals("validity") && r.contractId().equals(contractId) && !r.unit().isEmpty() && isYear(r));
    }

    /** The reporting units with the lowest share of valid rows in any year (all contracts), worst first. */
    public Table worstUnits(int count) {
        Table t = rows("units with the lowest share of valid rows",
                r -> r.section().equals("validity") && r.measure().equals("valid_rows") && !r.unit().isEmpty()
                        && isYear(r) && r.share() != null);
        return t.sortAscendingOn("share").first(count);
    }

    /** Flagged rows per contract and reason (reason:field), summed over units and years, most frequent first. */
    public Table flaggedByReason() {
        Map<List<String>, Long> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (QualityRow r : report.rows()) {
            if (!r.section().equals("flagged") || !isYearOrUnknown(r)) continue;
            sums.merge(List.of(r.contractId(), r.registry(), r.measure()), r.numerator(), Long::sum);
        }
        // the measure of a flagged row is "reason:field" (or a bare reason)
        return Tables.of("flagged rows by reason", List.copyOf(sums.entrySet()),
                Tables.text("contract", e -> e.getKey().get(0)),
                Tables.text("registry", e -> e.getKey().get(1)),
                Tables.text("reason", e -> reasonAndField(e.getKey().get(2))[0]),
                Tables.text("field", e -> reasonAndField(e.getKey().get(2))[1]),
                Tables.longInteger("rows", Map.Entry::getValue)).sortDescendingOn("rows");
    }

    private static String[] reasonAndField(String measure) {
        int colon = measure.indexOf(':');
        return colon < 0 ? new String[] {measure, ""} : new String[] {measure.substring(0, colon), measure.substring(colon + 1)};
    }

    /** Files rejected whole at ingest, with the reason. */
    public Table rejectedFiles() {
        return rows("rejected files", r -> r.section().equals("rejected_file"));
    }

    /** Rows stored, rows flagged and files rejected in the whole store. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%,d rows stored, %,d flagged (%.3f %%), %d file(s) rejected",
                report.rowsStored(), report.flaggedRows(),
                report.rowsStored() == 0 ? 0.0 : 100.0 * report.flaggedRows() / report.rowsStored(), report.rejectedFiles());
    }

    private Table rows(String name, Predicate<QualityRow> keep) {
        Table t = Tables.of(name, report.rows().stream().filter(keep).toList(),
                Tables.text("section", QualityRow::section),
                Tables.text("contract", QualityRow::contractId),
                Tables.text("registry", QualityRow::registry),
                Tables.text("unit", QualityRow::unit),
                Tables.text("unit_name", r -> r.unit() == null ? "" : unitNames.getOrDefault(r.unit(), "")),
                Tables.text("period", QualityRow::period),
                Tables.text("measure", QualityRow::measure),
                Tables.longInteger("numerator", QualityRow::numerator),
                Tables.longInteger("denominator", QualityRow::denominator),
                Tables.number("share", QualityRow::share),
                Tables.text("detail", r -> r.detail() == null ? "" : r.detail()));
        return TableFormats.apply(t, true, 1);
    }

    @Override
    public String toString() {
        return "data quality of " + report.store() + ": " + summary();
    }
}
