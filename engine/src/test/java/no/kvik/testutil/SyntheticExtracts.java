package no.kvik.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.synth.Synthesizer;

/**
 * Synthetic registry extracts generated once per test JVM and shared by the test classes that need the same
 * ones. Read-only for the tests: they ingest from here into stores of their own, and never write here.
 */
public final class SyntheticExtracts {
    private static Path small;

    private SyntheticExtracts() {
    }

    /** Every registry at scale 0.002, 2022-2024, seed 11 (2 generator threads), generated on first use. */
    public static synchronized Path small2022To2024() {
        if (small == null) {
            KvikHome home = KvikHome.locate();
            try {
                Path root = Files.createTempDirectory("kvik-test-extracts");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Folders.deleteTree(root);
                    } catch (IOException e) {
                        // best effort at JVM exit
                    }
                }));
                Path extracts = root.resolve("extracts");
                new Synthesizer(new Synthesizer.Settings(0.002, 2022, 2024, 11, extracts, 2), home.reference(),
                        Contracts.load(home.contracts())).generate();
                small = extracts;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return small;
    }

    /** The yearly CSV files in {@code extracts} whose name matches {@code <contract>_<year>.csv} for {@code contractPattern}, sorted. */
    public static List<Path> files(Path extracts, String contractPattern) {
        try (Stream<Path> s = Files.list(extracts)) {
            return s.filter(p -> p.getFileName().toString().matches("(" + contractPattern + ")_\\d{4}\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
