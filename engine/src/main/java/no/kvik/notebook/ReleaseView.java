package no.kvik.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.release.Release;
import tech.tablesaw.api.Table;
import no.kvik.sql.DuckDb;

/** A frozen release folder ({@code kvik release}'s output) read back for a notebook. */
public record ReleaseView(Path folder) {

    /** The release's files with their sizes. */
    public Table files() {
        List<FileSize> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new FileSize(folder.relativize(p).toString(), Files.size(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder + ": " + e.getMessage(), e);
        }
        return FileSize.table("release " + folder.getFileName(), files);
    }

    /** The main findings as written to findings.md. */
    public String findings() {
        try {
            return Files.readString(folder.resolve(Release.FINDINGS_MD));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the findings of " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The frozen result rows (results.parquet), all indicators, levels and periods. */
    public Table results() {
        Path file = folder.resolve(Release.RESULTS + ".parquet");
        try (Connection c = DuckDb.open();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return TablesawTypes.read("release results", rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "release " + folder;
    }
}
