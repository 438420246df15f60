package no.kvik.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Line magics that extend the cells' class path:
 * <ul>
 * <li>{@code %classpath PATH…} (alias {@code %jars}): jars or class folders; a {@code *} in the file name
 * is a glob, e.g. {@code %jars lib/*.jar}.</li>
 * <li>{@code %maven GROUP:ARTIFACT[:PACKAGING[:CLASSIFIER]]:VERSION…}: jars from the local Maven
 * repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}). Only the named artifacts are
 * added, not their dependencies; fetch missing ones with {@code mvn dependency:get -Dartifact=…}.</li>
 * </ul>
 */
public final class ClasspathMagics {

    private final Consumer<Path> addToClasspath;
    private final Path mavenRepository;

    ClasspathMagics(Consumer<Path> addToClasspath, Path mavenRepository) {
        this.addToClasspath = addToClasspath;
        this.mavenRepository = mavenRepository;
    }

    static Path defaultMavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @LineMagic(aliases = {"jars"})
    public void classpath(List<String> args) throws IOException {
        if (args.isEmpty()) throw new IllegalArgumentException("%classpath needs at least one jar or folder");
        List<Path> found = new ArrayList<>();
        for (String arg : args) {
            found.addAll(expand(arg));
        }
        found.forEach(this::add);
    }

    @LineMagic
    public void maven(List<String> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("%maven needs at least one group:artifact:version");
        List<Path> jars = args.stream().map(this::resolve).toList(); // all or nothing
        jars.forEach(this::add);
    }

    private void add(Path p) {
        addToClasspath.accept(p);
        System.out.println("added to class path: " + p);
    }

    /** Resolves Maven coordinates to the jar's path in the local repository, failing if it is absent. */
    Path resolve(String coordinates) {
        String[] parts = coordinates.split(":", -1);
        for (String part : parts) {
            if (part.isBlank()) throw badCoordinates(coordinates);
        }
        String group = parts[0];
        String artifact = parts[1 % parts.length];
        String packaging = "jar";
        String classifier = null;
        String version;
        switch (parts.length) {
            case 3 -> version = parts[2];
            case 4 -> {
                packaging = parts[2];
                version = parts[3];
            }
            case 5 -> {
                packaging = parts[2];
                classifier = parts[3];
                version = parts[4];
            }
            default -> throw badCoordinates(coordinates);
        }
        String file = artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + packaging;
        Path jar = mavenRepository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(coordinates + " is not in the local Maven repository (no " + jar
                    + "); fetch it with: mvn dependency:get -Dartifact=" + coordinates);
        }
        return jar;
    }

    private static IllegalArgumentException badCoordinates(String coordinates) {
        return new IllegalArgumentException("bad Maven coordinates '" + coordinates
                + "': expected group:artifact:version or group:artifact:packaging[:classifier]:version");
    }

    private static List<Path> expand(String arg) throws IOException {
        Path p = Path.of(arg).toAbsolutePath().normalize();
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*")) {
            if (!Files.exists(p)) throw new IllegalArgumentException("%classpath: no such file or folder: " + p);
            return List.of(p);
        }
        Path dir = p.getParent();
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("%classpath: no such folder: " + dir);
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            ds.forEach(matches::add);
        }
        if (matches.isEmpty()) throw new IllegalArgumentException("%classpath: nothing matches " + p);
        matches.sort(null);
        return matches;
    }
}
