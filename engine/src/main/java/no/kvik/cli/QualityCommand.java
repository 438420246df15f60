package no.kvik.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import no.kvik.config.KvikHome;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.Redaction;
import no.kvik.store.StoreManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints and writes the data-quality report of a store. */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Data-quality report of a store: completeness, validity, fill (share of rows with a value, per column; a",
                "column missing from a delivery counts as empty), flagged rows by reason, rejected files,",
                "per registry contract, reporting unit and period. Writes quality.csv and quality.json.",
                "Section 'removed' (summed per fault on this console): per contract, fault and year, of the rows",
                "carrying the fault, those it made unusable (left out of every indicator reading the contract, listed)",
                "or, for a value field (onInvalid: value), those kept with the value NULL, naming the indicators",
                "whose SQL uses the field (unit field: case in unit 'unknown'; otherwise left out where needed).",
                "Exit code 0: clean; 1: flagged rows or rejected files; 2: usage error."})
final class QualityCommand implements Callable<Integer> {
    @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store folder.")
    Path store;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write quality.csv/.json (default: the store).")
    Path out;

    @Option(names = "--expected", defaultValue = "STORE", paramLabel = "BASIS",
            description = "Expected units: STORE (units seen in any period of the contract, default) or REFERENCE "
                    + "(the reference list of the unit column's code system).")
    QualityReport.Expected expected;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(store.resolve(StoreManifest.FILE_NAME))) {
            throw new IllegalArgumentException("not a store (no " + StoreManifest.FILE_NAME + "): " + store);
        }
        QualityReport report = QualityReport.build(store, KvikHome.locate(), expected);
        Path dir = out == null ? store : out;
        report.write(dir);
        print(System.out, report);
        System.out.println("wrote " + dir.resolve("quality.csv") + " and " + dir.resolve("quality.json"));
        return report.hasDataErrors() ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
    }

    static void print(PrintStream out, QualityReport r) {
        out.printf("store %s: %d rows stored, %d flagged, %d rejected file(s)%n", r.store(), r.rowsStored(),
                r.flaggedRows(), r.rejectedFiles());
        out.println("expected units = " + r.expectedUnits());
        Map<String, List<QualityRow>> byContract = r.rows().stream()
                .filter(q -> !q.section().equals("rejected_file"))
                .collect(Collectors.groupingBy(QualityRow::contractId, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<QualityRow>> e : byContract.entrySet()) {
            List<QualityRow> rows = e.getValue();
            out.printf("%s (%s)%n", e.getKey(), rows.get(0).registry());
            String completeness = rows.stream()
                    .filter(q -> q.section().equals("completeness") && q.measure().equals("units_delivered"))
                    .map(q -> q.period() + " " + q.numerator() + "/" + q.denominator())
                    .collect(Collectors.joining(", "));
            if (!completeness.isEmpty()) out.println("  units delivered: " + completeness);
            // validity over all units, per year
            Map<String, long[]> validity = new TreeMap<>();
            rows.stream().filter(q -> q.section().equals("validity") && q.period().matches("\\d{4}|unknown"))
                    .forEach(q -> {
                        long[] v = validity.computeIfAbsent(q.measure() + " " + q.period(), k -> new long[2]);
                        v[0] += q.numerator();
                        v[1] += q.denominator() == null ? 0 : q.denominator();
                    });
            validity.forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %s%n", k,
                    v[1] == 0 ? "-" : String.format(Locale.ROOT, "%6.2f%% (%d/%d)", 100.0 * v[0] / v[1], v[0], v[1])));
            // fill over all units, per column and year (per unit in quality.csv)
            Map<String, Map<String, long[]>> fill = new java.util.LinkedHashMap<>();
            rows.stream().filter(q -> q.section().equals("fill")).forEach(q -> {
                long[] v = fill.computeIfAbsent(q.measure().substring("filled_".length()), k -> new TreeMap<>())
                        .computeIfAbsent(q.period(), k -> new long[2]);
                v[0] += q.numerator();
                v[1] += q.denominator() == null ? 0 : q.denominator();
            });
            fill.forEach((column, byYear) -> out.printf(Locale.ROOT, "  filled %-33s %s%n", column,
                    byYear.entrySet().stream().map(y -> y.getKey() + " " + (y.getValue()[1] == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", 100.0 * y.getValue()[0] / y.getValue()[1])))
                            .collect(Collectors.joining(", "))));
            Map<String, Long> flagged = new TreeMap<>();
            rows.stream().filter(q -> q.section().equals("flagged"))
                    .forEach(q -> flagged.merge(q.measure(), q.numerator(), Long::sum));
            flagged.forEach((k, v) -> out.printf("  flagged %-40s %d%n", k, v));
            // what each fault removed: one line per fault, its rows over all years (per year in quality.csv)
            Map<String, List<QualityRow>> removed = rows.stream().filter(q -> q.section().equals("removed"))
                    .collect(Collectors.groupingBy(QualityRow::measure, TreeMap::new, Collectors.toList()));
            removed.forEach((fault, lines) -> out.printf("  removed %s: %d of %d row(s) (%s); %s%n", fault,
                    lines.stream().mapToLong(QualityRow::numerator).sum(),
                    lines.stream().mapToLong(q -> q.denominator() == null ? 0 : q.denominator()).sum(),
                    lines.stream().map(q -> q.period() + ": " + q.numerator()).collect(Collectors.joining(", ")),
                    lines.get(0).detail()));
        }
        r.rows().stream().filter(q -> q.section().equals("rejected_file")).forEach(q ->
                out.printf("rejected %s (%d lines): %s%n", Redaction.escape(q.measure()), q.numerator(),
                        Redaction.escape(q.detail())));
    }
}
