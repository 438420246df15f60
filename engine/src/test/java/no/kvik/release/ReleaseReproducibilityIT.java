package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.synth.Synthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published release re-run from a fresh JVM must give the same bytes. Between processes the JVM's hash
 * orders and DuckDB's scheduling differ, so any double sum that depends on the order rows arrive in shows
 * up in the last digits of expected counts and z-scores (it did, before the engine and the analysis summed
 * in value order). Risk-adjusted indicators on a store large enough to have many cases per unit. The first
 * process computes them on one thread, the second on two (issue #14: the same bytes for any --threads).
 */
class ReleaseReproducibilityIT {
    static final List<String> INDICATORS = List.of("all_cause_30d_survival", "oecd_ami_30d_mortality_in_hospital");

    @TempDir
    Path dir;

    @Test
    void releaseFromTwoProcessesIsByteIdentical() throws Exception {
        KvikHome home = KvikHome.locate();
        Path extracts = dir.resolve("extracts");
        new Synthesizer(new Synthesizer.Settings(0.02, 2021, 2023, 7, extracts, 2), home.reference(),
                Contracts.load(home.contracts())).generate();
        Path store = dir.resolve("store");
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(p -> p.getFileName().toString().matches("(npr_somatic|death)_\\d{4}\\.csv")).sorted().toList();
        }
        try (Ingester in = Ingester.open(store, home, null)) {
            in.ingestAll(files);
        }
        Map<String, String> first = release(store, dir.resolve("first"), 1);
        Map<String, String> second = release(store, dir.resolve("second"), 2);
        assertEquals(11, first.size(), first.toString());
        assertEquals(first, second);
    }

    private static Map<String, String> release(Path store, Path out, int threads) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                "no.kvik.cli.Kvik", "release", "--edition", "2024-1", "--store", store.toString(),
                "--out", out.toString(), "--history-years", "3", "--indicator", String.join(",", INDICATORS),
                "--threads", Integer.toString(threads)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), printed);
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> s = Files.list(out.resolve("2024-1"))) {
            for (Path f : s.toList()) hashes.put(f.getFileName().toString(), ReleaseFiles.sha256(f));
        }
        return hashes;
    }
}
