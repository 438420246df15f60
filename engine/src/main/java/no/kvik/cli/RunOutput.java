package no.kvik.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import no.kvik.config.Folders;
import no.kvik.report.ResultWriter;

/**
 * The output folder of {@code kvik run}: files are written to a staging folder inside it and moved in by
 * {@link #commit()} only when the run has finished, replacing every file an earlier run wrote there (all
 * {@code results.*} formats and {@code charts/}), so a failed run leaves the earlier results as they were and a
 * finished one never leaves stale files of another run beside its own. Other files in the folder are left alone.
 */
final class RunOutput implements AutoCloseable {
    static final String RESULTS = "results";
    static final String CHARTS = "charts";
    private static final String STAGING = ".kvik-run-partial";

    private final Path out;
    private final Path staging;
    private boolean committed;

    private RunOutput(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /** Creates the output folder if needed and an empty staging folder in it (a crashed run's is removed). */
    static RunOutput begin(Path out) throws IOException {
        Files.createDirectories(out);
        Path staging = out.resolve(STAGING);
        Folders.deleteTree(staging);
        Files.createDirectories(staging);
        return new RunOutput(out, staging);
    }

    Path staging() {
        return staging;
    }

    /** Removes the earlier run's files and moves this run's in; returns the files and folders now in place. */
    List<Path> commit() throws IOException {
        List<Path> owned = new ArrayList<>();
        for (ResultWriter.Format f : ResultWriter.Format.values()) owned.add(Path.of(RESULTS + "." + f.extension()));
        owned.add(Path.of(CHARTS));
        for (Path name : owned) Folders.deleteTree(out.resolve(name));
        List<Path> placed = new ArrayList<>();
        for (Path name : owned) {
            Path from = staging.resolve(name);
            if (!Files.exists(from)) continue;
            Path to = out.resolve(name);
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
            placed.add(to);
        }
        Folders.deleteTree(staging);
        committed = true;
        return placed;
    }

    /** A run that did not commit leaves nothing behind but the earlier run's files. */
    @Override
    public void close() throws IOException {
        if (!committed) Folders.deleteTree(staging);
    }

}
