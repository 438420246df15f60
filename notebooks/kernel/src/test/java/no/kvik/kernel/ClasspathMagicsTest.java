package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathMagicsTest {

    @TempDir
    Path repo;

    @Test
    void coordinatesResolveToLocalRepositoryLayout() throws Exception {
        Path plain = Files.createDirectories(repo.resolve("org/duckdb/duckdb_jdbc/1.4.1.0")).resolve("duckdb_jdbc-1.4.1.0.jar");
        Files.writeString(plain, "");
        Path classified = repo.resolve("org/duckdb/duckdb_jdbc/1.4.1.0/duckdb_jdbc-1.4.1.0-sources.jar");
        Files.writeString(classified, "");
        ClasspathMagics m = new ClasspathMagics(p -> { }, repo);
        assertEquals(plain, m.resolve("org.duckdb:duckdb_jdbc:1.4.1.0"));
        assertEquals(plain, m.resolve("org.duckdb:duckdb_jdbc:jar:1.4.1.0"));
        assertEquals(classified, m.resolve("org.duckdb:duckdb_jdbc:jar:sources:1.4.1.0"));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> m.resolve("org.duckdb:duckdb_jdbc:9.9"));
        assertTrue(missing.getMessage().contains("mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:9.9"), missing.getMessage());
        for (String bad : List.of("org.duckdb", "org.duckdb:duckdb_jdbc", "a::1", "a:b:c:d:e:f")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.resolve(bad));
            assertTrue(e.getMessage().startsWith("bad Maven coordinates '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void mavenMagicAddsNothingWhenOneArtifactIsMissing() throws Exception {
        Path jar = Files.createDirectories(repo.resolve("g/a/1")).resolve("a-1.jar");
        Files.writeString(jar, "");
        List<Path> added = new ArrayList<>();
        ClasspathMagics m = new ClasspathMagics(added::add, repo);
        assertThrows(IllegalArgumentException.class, () -> m.maven(List.of("g:a:1", "g:b:1")));
        assertEquals(List.of(), added);
        m.maven(List.of("g:a:1"));
        assertEquals(List.of(jar), added);
    }

    @Test
    void classpathGlobAddsMatchingJarsInOrder() throws Exception {
        Path lib = Files.createDirectories(repo.resolve("lib"));
        Path b = Files.writeString(lib.resolve("b.jar"), "");
        Path a = Files.writeString(lib.resolve("a.jar"), "");
        Files.writeString(lib.resolve("notes.txt"), "");
        List<Path> added = new ArrayList<>();
        ClasspathMagics m = new ClasspathMagics(added::add, repo);
        m.classpath(List.of(lib + "/*.jar"));
        assertEquals(List.of(a, b), added);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> m.classpath(List.of(lib + "/*.zip")));
        assertTrue(none.getMessage().contains("nothing matches"), none.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> m.classpath(List.of(lib + "/c.jar")));
        assertTrue(absent.getMessage().contains("no such file or folder"), absent.getMessage());
    }
}
