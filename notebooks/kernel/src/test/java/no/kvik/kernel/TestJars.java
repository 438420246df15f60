package no.kvik.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a one-class jar for the class path magic tests. */
final class TestJars {

    private TestJars() {
    }

    /** A jar with {@code demo.<className>} whose static {@code hello()} returns {@code greeting}. */
    static Path jar(Path dir, String className, String greeting, Path jarFile) throws IOException {
        Path src = dir.resolve("src-" + className).resolve("demo");
        Path classes = dir.resolve("classes-" + className);
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path java = src.resolve(className + ".java");
        Files.writeString(java, "package demo; public class " + className
                + " { public static String hello() { return \"" + greeting + "\"; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), java.toString());
        if (rc != 0) throw new IllegalStateException("javac failed for " + java);
        Files.createDirectories(jarFile.getParent());
        try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(out)) {
            for (String entry : List.of("demo/" + className + ".class")) {
                jar.putNextEntry(new JarEntry(entry));
                jar.write(Files.readAllBytes(classes.resolve(entry)));
                jar.closeEntry();
            }
        }
        return jarFile;
    }
}
