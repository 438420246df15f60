package no.kvik.notebook;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
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
        StringColumn contract = StringColumn.create("contract");
        StringColumn registry = StringColumn.create("registry");
        StringColumn period = StringColumn.create("period");
        LongColumn valid = LongColumn.create("valid_rows");
        LongColumn rows = LongColumn.create("rows");
        DoubleColumn share = DoubleColumn.create("share");
        sums.forEach((k, s) -> {
            contract.append(k.get(0));
            registry.append(k.get(1));
            period.append(k.get(2));
            valid.append(s[0]);
            rows.append(s[1]);
            IndicatorQuery.append(share, s[1] == 0 ? null : (double) s[0] / s[1]);
        });
        return TableFormats.apply(Table.create("validity: valid rows of all rows", contract, registry, period, valid, rows,
                share), true, 1);
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
        StringColumn contract = StringColumn.create("contract");
        StringColumn registry = StringColumn.create("registry");
        StringColumn reason = StringColumn.create("reason");
        StringColumn field = StringColumn.create("field");
        LongColumn rows = LongColumn.create("rows");
        sums.forEach((k, n) -> {
            contract.append(k.get(0));
            registry.append(k.get(1));
            int colon = k.get(2).indexOf(':');
            reason.append(colon < 0 ? k.get(2) : k.get(2).substring(0, colon));
            field.append(colon < 0 ? "" : k.get(2).substring(colon + 1));
            rows.append(n);
        });
        return Table.create("flagged rows by reason", contract, registry, reason, field, rows).sortDescendingOn("rows");
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
        StringColumn section = StringColumn.create("section");
        StringColumn contract = StringColumn.create("contract");
        StringColumn registry = StringColumn.create("registry");
        StringColumn unit = StringColumn.create("unit");
        StringColumn unitName = StringColumn.create("unit_name");
        StringColumn period = StringColumn.create("period");
        StringColumn measure = StringColumn.create("measure");
        LongColumn numerator = LongColumn.create("numerator");
        LongColumn denominator = LongColumn.create("denominator");
        DoubleColumn share = DoubleColumn.create("share");
        StringColumn detail = StringColumn.create("detail");
        for (QualityRow r : report.rows()) {
            if (!keep.test(r)) continue;
            section.append(r.section());
            contract.append(r.contractId());
            registry.append(r.registry());
            unit.append(r.unit());
            unitName.append(r.unit() == null ? "" : unitNames.getOrDefault(r.unit(), ""));
            period.append(r.period());
            measure.append(r.measure());
            numerator.append(r.numerator());
            if (r.denominator() == null) denominator.appendMissing();
            else denominator.append(r.denominator());
            IndicatorQuery.append(share, r.share());
            detail.append(r.detail() == null ? "" : r.detail());
        }
        return TableFormats.apply(Table.create(name, section, contract, registry, unit, unitName, period, measure,
                numerator, denominator, share, detail), true, 1);
    }

    @Override
    public String toString() {
        return "data quality of " + report.store() + ": " + summary();
    }
}
