package no.kvik.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult;
import no.kvik.store.IngestResult.Outcome;
import no.kvik.store.Ingester;
import no.kvik.store.Redaction;
import no.kvik.store.StoreManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Validates extract files against their contracts and stores them in a Parquet store. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Validate registry extract files against their contracts and store them as Parquet.",
                "A file that breaks its contract is rejected whole; rows with content errors are stored flagged.",
                "A file whose name names a message version its contract does not accept (_v<version> before the "
                        + "extension, e.g. npr_somatic_974795930_2024T2_v4.0.csv) is rejected unread, naming the "
                        + "version found and those accepted; the store keeps it in manifest.json (versionRejections) "
                        + "and the views ingest_files and ingest_rejections.",
                "Flagged fields' sample values are masked (at most their first 2 characters, then ***; the reason "
                        + "says what is wrong) and other values quoted from the files (rejection reasons) are cut to "
                        + "40 characters, here and in the store's records; control characters are printed escaped "
                        + "(\\x1b). --show-values prints the flagged values in full, to a terminal only.",
                "Exit code 0: all clean; 1: rejected files or flagged rows; 2: usage error; 3: store busy (another "
                        + "ingest or store command holds its lock; nothing changed)."})
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    Kvik parent;

    @Parameters(arity = "1..*", paramLabel = "DIR_OR_FILE",
            description = "Extract files, or folders whose *.csv files are ingested (in name order).")
    List<Path> inputs;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store folder (created if missing).")
    Path store;

    @Option(names = "--replaces", split = ",", paramLabel = "FILE_NAME",
            description = "With one input file: live deliveries (their source file names) that the file takes the place "
                    + "of, e.g. a cumulative extract replacing the yearly one it includes; they leave the store when it "
                    + "is stored, and their rows do not count as repeated.")
    Set<String> replaces = Set.of();

    @Option(names = "--show-rows", defaultValue = "5", paramLabel = "N",
            description = "Flagged rows to list per file (default ${DEFAULT-VALUE}).")
    int showRows;

    @Option(names = "--show-values",
            description = "Print the flagged fields' values in full and unmasked, to this terminal only: refused "
                    + "(exit 2) when the output is not a terminal (redirected to a file or a pipe); the store's "
                    + "manifest and ingest records never hold them.")
    boolean showValues;

    @Override
    public Integer call() throws IOException {
        List<Path> files = expand(inputs);
        if (!replaces.isEmpty() && files.size() != 1) {
            throw new IllegalArgumentException("--replaces needs exactly one input file (got " + files.size() + ")");
        }
        if (showValues && System.console() == null) {
            // the values are person-level: a redirected output would put them in a file (issue #13 review)
            throw new IllegalArgumentException("--show-values prints person-level values to a terminal only, and the "
                    + "output is not a terminal (redirected or piped): run it without redirection, or without "
                    + "--show-values for masked values");
        }
        boolean quiet = parent != null && parent.quiet;
        PrintStream out = System.out;
        List<IngestResult> results = new ArrayList<>();
        try (Ingester ingester = Ingester.open(store, KvikHome.locate(), quiet ? null : System.err::println)) {
            if (showValues) ingester.showingValues();
            checkReplaced(ingester.manifest(), files.get(0).getFileName().toString());
            for (Path f : files) {
                IngestResult r = ingester.ingest(f, replaces);
                results.add(r);
                print(out, r);
            }
        }
        long read = results.stream().mapToLong(IngestResult::rowsRead).sum();
        long stored = results.stream().mapToLong(IngestResult::rowsStored).sum();
        long rejected = results.stream().mapToLong(IngestResult::rowsRejected).sum();
        long flagged = results.stream().mapToLong(IngestResult::rowsFlagged).sum();
        out.printf("%d file(s): %d stored, %d replaced, %d unchanged, %d rejected; rows read %d = stored %d + "
                        + "rejected %d; flagged %d%n", results.size(), count(results, Outcome.STORED),
                count(results, Outcome.REPLACED), count(results, Outcome.UNCHANGED), count(results, Outcome.REJECTED),
                read, stored, rejected, flagged);
        return results.stream().anyMatch(IngestResult::hasDataErrors) ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
    }

    private void print(PrintStream out, IngestResult r) {
        if (r.outcome() == Outcome.REJECTED) {
            out.printf("%s: REJECTED (%d rows): %s%n", Redaction.escape(r.sourceFile()), r.rowsRejected(), r.reason());
            return;
        }
        out.printf("%s: %s as %s %s%s: read %d, stored %d, flagged %d, warned %d (%.1f s, %.0f rows/s)%n",
                Redaction.escape(r.sourceFile()), r.outcome().name().toLowerCase(), r.contractId(), r.contractVersion(),
                r.reason() == null ? "" : " (" + r.reason() + ")", r.rowsRead(),
                r.rowsStored(), r.rowsFlagged(), r.rowsWarned(), r.seconds(),
                r.seconds() > 0 ? r.rowsRead() / r.seconds() : 0.0);
        if (!r.absentColumns().isEmpty()) {
            out.printf("  %s: optional column%s '%s' not in the file: null in every stored row%n", r.sourceFile(),
                    r.absentColumns().size() > 1 ? "s" : "", String.join("', '", r.absentColumns()));
        }
        r.firstFlagged().stream().limit(Math.max(0, showRows)).forEach(row -> {
            for (String item : row.errors().split("; ")) {
                int colon = item.indexOf(':');
                String field = item.substring(colon + 1);
                String value = row.values().get(field);
                // values arrive masked and escaped, or escaped only with --show-values; row() counts data rows
                // (header not counted), DuckDB's CSV errors count file lines: say both
                out.printf("  %s data row %d (line %d), field %s: %s%s%n", Redaction.escape(r.sourceFile()),
                        row.row(), row.row() + 1, field, item.substring(0, colon),
                        value == null ? " (empty)" : " ('" + value + "')");
            }
        });
        if (r.rowsFlagged() > showRows && showRows > 0) {
            out.printf("  … %d flagged rows in all; by reason: %s%n", r.rowsFlagged(), r.flaggedByReason());
        }
    }

    /**
     * A --replaces name that is no other live delivery is a mistake on the command line, not in the data: a usage
     * error listing the live deliveries, before anything is read or recorded.
     */
    private void checkReplaced(StoreManifest manifest, String inputName) {
        List<String> live = manifest.deliveries().stream().map(StoreManifest.Delivery::sourceFile).toList();
        for (String name : replaces) {
            if (name.equals(inputName) || !live.contains(name)) {
                throw new IllegalArgumentException("--replaces " + Redaction.escape(name) + ": not "
                        + (name.equals(inputName) ? "another" : "a") + " live delivery of " + store + " (live: "
                        + (live.isEmpty() ? "none" : String.join(", ", live)) + ")");
            }
        }
    }

    private static long count(List<IngestResult> results, Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    files.addAll(s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.csv files in " + inputs);
        }
        return files;
    }
}
