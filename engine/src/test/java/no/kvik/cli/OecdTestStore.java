package no.kvik.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.Ingester;
import no.kvik.testutil.SyntheticExtracts;

/**
 * The set-up of the kvik oecd end-to-end tests ({@link OecdCommandIT}, {@link OecdIntegratedCareIT}): a tiny synthetic
 * Norway ({@link SyntheticExtracts#tiny2020To2021}: scale 0.006 ≈ 33,000 inhabitants, 2020-2021, seed 7), generated
 * once per test JVM, from which each test ingests only the extracts its delivery reads into a store of its own; and
 * kvik run in-process with System.out and System.err captured (kvik oecd prints there, not to picocli's writers).
 */
final class OecdTestStore {
    static final KvikHome HOME = KvikHome.locate();

    private OecdTestStore() {
    }

    /** What a run printed, and its exit code. */
    record Run(int code, String out, String err) {
    }

    /**
     * A new store {@code store} holding every extract file of the contracts {@code contractPattern} (a regular
     * expression such as {@code npr_somatic|death}; their further deliveries such as prescription_cardiac included):
     * only what the delivery reads, the others would only slow the test down.
     */
    static Path ingest(Path store, String contractPattern) throws Exception {
        try (Stream<Path> files = Files.list(SyntheticExtracts.tiny2020To2021()); Ingester ingester = Ingester.open(store, HOME, null)) {
            ingester.ingestAll(files.filter(f -> f.getFileName().toString().matches("(" + contractPattern + ")_.*\\.csv"))
                    .sorted().toList());
        }
        return store;
    }

    /** Runs kvik with these arguments in-process, System.out and System.err captured. */
    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = Kvik.commandLine().execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
