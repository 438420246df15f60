package no.kvik.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File helpers of the ingest stages: a failed delete is left for the sweep when the next ingester opens. */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The entries of {@code dir} in name order; none when it is not a directory. */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(StoreFiles::deleteQuietly);
        } catch (IOException ignored) {
            // swept on the next open
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // swept on the next open
        }
    }
}
