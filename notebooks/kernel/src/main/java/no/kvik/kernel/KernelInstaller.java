package no.kvik.kernel;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a Jupyter kernelspec ({@code DIR/kernels/NAME/kernel.json}) that starts this kernel.
 *
 * <p>A kernel packaged as one jar is copied into the kernelspec folder and referenced through
 * {@code {resource_dir}}: the kernelspec then survives {@code mvn clean}, can be moved, and keeps running
 * the version it was installed with until it is installed again. A kernel running from a multi-entry
 * class path (tests, an IDE) is referenced by absolute paths instead.
 */
public final class KernelInstaller {

    static final String JAR_NAME = "kvik-kernel.jar";
    static final String DISPLAY_NAME = "kvik (Java)";

    /**
     * JVM options: no display (charts render off-screen), Arrow needs java.nio opened, DuckDB needs native
     * access on Java 22+ (else a warning lands in the first cell using it).
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-Djava.awt.headless=true",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED");

    private KernelInstaller() {
    }

    /**
     * @param dataDir   a Jupyter data folder: Jupyter finds the kernel when this folder is on
     *                  {@code JUPYTER_PATH} (or is one of its standard data folders)
     * @param name      kernelspec name, e.g. {@code kvik}
     * @param java      the java command the kernelspec runs
     * @param classpath the kernel's class path: one jar (copied) or several entries (referenced)
     * @return the written kernel.json
     */
    public static Path install(Path dataDir, String name, String java, List<Path> classpath) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("kernel name '" + name + "' may contain only letters, digits, '.', '_' and '-'");
        }
        if (classpath.isEmpty()) throw new IllegalArgumentException("empty class path");
        Path dir = dataDir.resolve("kernels").resolve(name).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            String cp;
            if (classpath.size() == 1 && Files.isRegularFile(classpath.get(0))) {
                Files.copy(classpath.get(0), dir.resolve(JAR_NAME), StandardCopyOption.REPLACE_EXISTING);
                cp = "{resource_dir}/" + JAR_NAME;
            } else {
                cp = classpath.stream().map(p -> p.toAbsolutePath().normalize().toString())
                        .collect(Collectors.joining(File.pathSeparator));
            }
            List<String> argv = new ArrayList<>();
            argv.add(java);
            argv.addAll(JVM_OPTIONS);
            argv.addAll(List.of("-cp", cp, KernelMain.class.getName(), "{connection_file}"));

            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("argv", argv);
            spec.put("display_name", DISPLAY_NAME);
            spec.put("language", "java");
            spec.put("interrupt_mode", "message");
            Path json = dir.resolve("kernel.json");
            Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n");
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kernelspec into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Jupyter's per-user data folder, where it looks for kernels without any JUPYTER_PATH. */
    static Path defaultDataDir() {
        String env = System.getenv("JUPYTER_DATA_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter");
    }

    /** The java executable of the running JVM, so the kernel runs on the Java the installer ran on. */
    static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
