package no.kvik.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.synth.Synthesizer;

/**
 * The set-up many tests share: synthetic extracts of a few years generated into a folder of their own, and some of
 * their sources ingested into a new store, as {@code kvik synth} and {@code kvik ingest} would.
 */
public final class TestStores {
    private static Path somaticScale001;

    private TestStores() {
    }

    /**
     * The npr_somatic extracts of {@code kvik synth --scale 0.01 --years 2022-2024 --seed 11} ingested into a store,
     * built on first use and shared by the test classes of the risk model's fallbacks and counted fit (small hospitals
     * and rare diagnosis groups with no events). Read-only for the tests; deleted when the JVM exits.
     */
    public static synchronized Path somaticScale001Seed11() {
        if (somaticScale001 == null) {
            Path root = temporaryRoot("kvik-test-somatic");
            somaticScale001 = ingest(synthesise(root.resolve("extracts"), 0.01, 2022, 2024, 11), "npr_somatic",
                    root.resolve("store"));
        }
        return somaticScale001;
    }

    /** A new temporary folder that is deleted when the JVM exits. */
    static Path temporaryRoot(String prefix) {
        try {
            Path root = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Folders.deleteTree(root);
                } catch (IOException e) {
                    // best effort at JVM exit
                }
            }));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every registry's extracts at {@code scale} for {@code firstYear}–{@code lastYear} with {@code seed} (two generator
     * threads, no wrong-version files) written into {@code out}; returns {@code out}.
     */
    public static Path synthesise(Path out, double scale, int firstYear, int lastYear, long seed) {
        return synthesise(out, scale, firstYear, lastYear, seed, 0);
    }

    /** As {@link #synthesise(Path, double, int, int, long)}, with {@code wrongVersionFiles} files on a wrong message version. */
    public static Path synthesise(Path out, double scale, int firstYear, int lastYear, long seed, int wrongVersionFiles) {
        KvikHome home = KvikHome.locate();
        try {
            new Synthesizer(new Synthesizer.Settings(scale, firstYear, lastYear, seed, out, 2, wrongVersionFiles), home.reference(),
                    Contracts.load(home.contracts())).generate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot synthesise into " + out + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Ingests the yearly files of {@code extracts} whose contract matches {@code contractPattern} (a regex over contract
     * ids, e.g. {@code "npr_somatic|death"}; see {@link SyntheticExtracts#files}) into the store {@code store}, in file
     * name order; returns {@code store}.
     */
    public static Path ingest(Path extracts, String contractPattern, Path store) {
        List<Path> files = SyntheticExtracts.files(extracts, contractPattern);
        if (files.isEmpty()) throw new IllegalArgumentException("no " + contractPattern + " extracts in " + extracts);
        try (Ingester ingester = Ingester.open(store, KvikHome.locate(), null)) {
            ingester.ingestAll(files);
        }
        return store;
    }
}
