package no.kvik.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.Ingester;
import no.kvik.testutil.SyntheticExtracts;

/**
 * One small synthetic store (the shared extracts of scale 0.002, 2022-2024: NPR somatic/mental and death only) and a
 * release of edition 2024-1 with three indicators, built once per test JVM and shared by the release tests.
 */
final class ReleaseFixture {
    static final KvikHome HOME = KvikHome.locate();
    static final List<String> INDICATORS = List.of("all_cause_30d_survival", "hip_fracture_surgery_48h", "waiting_time_phv_children");
    private static ReleaseFixture instance;

    final Path root;
    /** The shared extracts the store was ingested from (outside root; not to be written). */
    final Path extracts;
    final Path store;
    final Path releases;
    final Path release;

    private ReleaseFixture(Path root) throws Exception {
        this.root = root;
        extracts = SyntheticExtracts.small2022To2024();
        store = root.resolve("store");
        List<Path> files = SyntheticExtracts.files(extracts, "npr_somatic|npr_mental|death");
        try (Ingester in = Ingester.open(store, HOME, null)) {
            in.ingestAll(files);
        }
        releases = root.resolve("releases");
        release = run(releases, "2024-1", INDICATORS);
    }

    Path run(Path out, String edition, List<String> only) throws Exception {
        return Release.run(HOME, calendar(), store, out, new Release.Options(edition, 3, only), line -> { });
    }

    static Calendar calendar() {
        return Calendar.load(HOME.sql().resolve("calendar").resolve(Calendar.FILE));
    }

    static synchronized ReleaseFixture get() throws Exception {
        if (instance == null) {
            Path root = Files.createTempDirectory("kvik-release-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            instance = new ReleaseFixture(root);
        }
        return instance;
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
