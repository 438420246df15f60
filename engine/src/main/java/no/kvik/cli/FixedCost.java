package no.kvik.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed cost of {@code kvik run} of one indicator, measured from outside as a user meets it: the command is started
 * as a child process with {@link StartupTimings} on ({@code --no-analysis}, every output format), its wall time taken,
 * and its own split and process CPU time read from its stderr; the floor beside it is a bare JVM from the same jar
 * that opens DuckDB and runs {@code SELECT 1} ({@link BareStart}). Fixed cost = wall time less the indicator's own
 * queries. The same run through the launcher {@code engine/bin/kvik} (AppCDS archive, C1 only) is measured too.
 */
final class FixedCost {
    /** One child run: wall ms and the phases it printed (ms). */
    record Sample(double wallMs, Map<String, Double> phases) {
        double indicatorMs() {
            return phases.getOrDefault("indicators", 0.0);
        }

        double fixedMs() {
            return wallMs - indicatorMs();
        }

        /** The child's process CPU ms up to the end of its main (printed as cpu=), NaN when it printed none. */
        double cpuMs() {
            return phases.getOrDefault("cpu", Double.NaN);
        }
    }

    private FixedCost() {
    }

    /** The jar this class runs from, or null when it runs from classes (tests): then nothing can be started. */
    static Path ownJar() {
        try {
            Path p = Path.of(FixedCost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The arguments of the measured command: {@code run} of {@code indicator}, engine rows only, every format. */
    static List<String> runArguments(Path store, String indicator, Path out) {
        return List.of("run", "--store", store.toString(), "--indicator", indicator, "--no-analysis", "--out",
                out.toString(), "-q");
    }

    /** Runs {@code kvik run} of {@code indicator} on {@code store} in a child JVM: {@code java -jar kvik.jar}. */
    static Sample run(Path jar, Path store, String indicator, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-D" + StartupTimings.PROPERTY + "=true", "-jar", jar.toString()));
        cmd.addAll(runArguments(store, indicator, out));
        return start(cmd, Map.of(), true);
    }

    /**
     * Runs the same through the launcher {@code launcher} ({@code engine/bin/kvik}) on the same jar, with its
     * archives in {@code cache} (the first such run makes the archive).
     */
    static Sample launched(Path launcher, Path jar, Path cache, Path store, String indicator, Path out)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(runArguments(store, indicator, out));
        return start(cmd, Map.of("KVIK_JAR", jar.toString(), "KVIK_CACHE", cache.toString(),
                "KVIK_JAVA_OPTS", "-D" + StartupTimings.PROPERTY + "=true"), true);
    }

    /** The floor: a JVM from the same jar opening DuckDB and running one query. */
    static Sample bare(Path jar) throws IOException, InterruptedException {
        return start(List.of(java(), "-cp", jar.toString(), BareStart.class.getName()), Map.of(), false);
    }

    private static Sample start(List<String> cmd, Map<String, String> env, boolean timings)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile("kvik-fixed-cost-", ".txt");
        try {
            long t0 = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            int code = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e6;
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", cmd.subList(2, cmd.size())) + " exited with " + code
                        + ": " + String.join(" / ", lines));
            }
            return new Sample(wall, timings ? phases(lines) : Map.of());
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The phases (ms, in order) of the {@link StartupTimings} line among a run's stderr lines. */
    static Map<String, Double> phases(List<String> stderr) {
        String line = stderr.stream().filter(l -> l.startsWith(StartupTimings.PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the child run printed no timings"));
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String part : line.substring(StartupTimings.PREFIX.length()).trim().split(" ")) {
            String[] kv = part.split("=");
            phases.put(kv[0], Double.parseDouble(kv[1]));
        }
        return phases;
    }

    /** Each phase's median over {@code samples} (phases in the first sample's order; a phase missing in a run is 0). */
    static Sample medians(List<Sample> samples) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (Sample s : samples) s.phases().keySet().forEach(k -> phases.putIfAbsent(k, 0.0));
        phases.replaceAll((k, v) -> median(samples.stream().mapToDouble(s -> s.phases().getOrDefault(k, 0.0)).toArray()));
        return new Sample(medianWall(samples), phases);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The sample of median fixed cost among {@code samples}. */
    static Sample median(List<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> Double.compare(a.fixedMs(), b.fixedMs()));
        return sorted.get(sorted.size() / 2);
    }

    static double medianWall(List<Sample> samples) {
        return median(samples.stream().mapToDouble(Sample::wallMs).toArray());
    }

    /** The split as printed: phase ms in the child's order. */
    static String split(Sample s) {
        List<String> parts = new ArrayList<>();
        s.phases().forEach((k, v) -> {
            if (!k.equals("indicators") && !k.equals("main") && !k.equals("cpu")) parts.add(String.format(Locale.ROOT, "%s %.0f", k, v));
        });
        double accounted = s.phases().getOrDefault("jvm", 0.0) + s.phases().getOrDefault("main", 0.0);
        parts.add(String.format(Locale.ROOT, "process exit %.0f", s.wallMs() - accounted));
        return String.join(", ", parts);
    }
}
