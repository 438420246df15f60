package no.kvik.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the kvik project folder that holds {@code sql/} and {@code data/reference/}: the
 * {@code KVIK_HOME} environment variable, else the first parent of the working directory (or of the
 * running jar) that has {@code sql/contracts}.
 */
public record KvikHome(Path root) {

    public Path contracts() {
        return root.resolve("sql/contracts");
    }

    public Path indicators() {
        return root.resolve("sql/indicators");
    }

    public Path sql() {
        return root.resolve("sql");
    }

    public Path reference() {
        return root.resolve("data/reference");
    }

    public Path data() {
        return root.resolve("data");
    }

    public static KvikHome locate() {
        String env = System.getenv("KVIK_HOME");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env).toAbsolutePath().normalize();
            if (!isHome(p)) {
                throw new IllegalStateException("KVIK_HOME=" + env + " has no sql/contracts folder");
            }
            return new KvikHome(p);
        }
        return searchUp(Path.of("").toAbsolutePath())
                .or(() -> jarLocation().flatMap(KvikHome::searchUp))
                .map(KvikHome::new)
                .orElseThrow(() -> new IllegalStateException(
                        "cannot find the kvik folder (sql/contracts) above " + Path.of("").toAbsolutePath()
                                + "; run from the project folder or set KVIK_HOME"));
    }

    private static boolean isHome(Path p) {
        return Files.isDirectory(p.resolve("sql/contracts"));
    }

    private static Optional<Path> searchUp(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (isHome(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static Optional<Path> jarLocation() {
        try {
            return Optional.of(Path.of(KvikHome.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
