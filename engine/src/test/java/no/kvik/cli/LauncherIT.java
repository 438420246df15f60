package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.config.KvikVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: {@code engine/bin/kvik} runs the packaged jar, writes its class-data archive on the jar's first run and
 * uses it after, prints nothing of its own, and runs without an archive when told or when it cannot write one.
 * Needs the packaged jar (failsafe runs after package).
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "kvik");
    private static final Path JAR = Path.of("target", "kvik.jar");

    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private static Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static List<Path> archives(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> s = Files.list(cache)) {
            return s.toList();
        }
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterRunsUseIt() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR.toAbsolutePath());
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("KVIK_CACHE", cache.toString(), "KVIK_JAR", JAR.toString());
        String version = "kvik " + KvikVersion.VERSION;

        Result first = launch(env, "--version");
        assertEquals(new Result(0, version + "\n"), first);
        List<Path> made = archives(cache);
        assertEquals(1, made.size(), made.toString());
        assertTrue(made.get(0).getFileName().toString().matches("kvik-\\d+-\\d+-\\d+\\.jsa"), made.toString());
        assertTrue(Files.size(made.get(0)) > 1_000_000, "an archive of the loaded classes: " + Files.size(made.get(0)));

        // the second run maps it (the JVM says so with -Xshare:on, which fails when it cannot)
        Map<String, String> strict = new java.util.HashMap<>(env);
        strict.put("KVIK_JAVA_OPTS", "-Xshare:on");
        assertEquals(new Result(0, version + "\n"), launch(strict, "--version"));
        assertEquals(made, archives(cache));

        // a usage error keeps its exit code through the launcher
        assertEquals(2, launch(env, "run").code());
    }

    @Test
    void withoutAnArchiveItRunsAsJavaMinusJar() throws Exception {
        Path cache = tmp.resolve("off");
        Result off = launch(Map.of("KVIK_CACHE", cache.toString(), "KVIK_JAR", JAR.toString(), "KVIK_CDS", "off"),
                "--version");
        assertEquals(new Result(0, "kvik " + KvikVersion.VERSION + "\n"), off);
        assertEquals(List.of(), archives(cache));

        Result missing = launch(Map.of("KVIK_JAR", tmp.resolve("none.jar").toString()), "--version");
        assertEquals(2, missing.code());
        assertTrue(missing.out().contains("none.jar not found"), missing.out());
    }
}
