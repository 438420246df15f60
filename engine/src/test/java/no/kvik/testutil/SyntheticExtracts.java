package no.kvik.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Synthetic registry extracts generated once per test JVM and shared by the test classes that need the same
 * ones. Read-only for the tests: they ingest from here into stores of their own, and never write here.
 */
public final class SyntheticExtracts {
    private static Path small;
    private static Path tiny;

    private SyntheticExtracts() {
    }

    /** Every registry at scale 0.002, 2022-2024, seed 11 (2 generator threads), generated on first use. */
    public static synchronized Path small2022To2024() {
        if (small == null) small = generate(0.002, 2022, 2024, 11);
        return small;
    }

    /**
     * Every registry at scale 0.006 (about 33,000 inhabitants), 2020-2021, seed 7 (2 generator threads), generated on
     * first use: the kvik oecd tests' Norway (2021 holds the follow-up of 2020).
     */
    public static synchronized Path tiny2020To2021() {
        if (tiny == null) tiny = generate(0.006, 2020, 2021, 7);
        return tiny;
    }

    /** Extracts generated into a fresh temporary folder that is deleted when the JVM exits. */
    private static Path generate(double scale, int firstYear, int lastYear, long seed) {
        return TestStores.synthesise(TestStores.temporaryRoot("kvik-test-extracts").resolve("extracts"), scale, firstYear,
                lastYear, seed);
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
