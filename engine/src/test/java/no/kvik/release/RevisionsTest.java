package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import no.kvik.engine.IndicatorResult;
import no.kvik.report.ResultWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions between two hand-made release folders. */
class RevisionsTest {
    @TempDir
    Path dir;

    private static ReleaseManifest.IndicatorEntry entry(String id, String sql, String meta) {
        return new ReleaseManifest.IndicatorEntry(id, "1.0.0", sql, meta, 1);
    }

    private Path release(String edition, List<IndicatorResult> rows, List<ReleaseManifest.IndicatorEntry> entries,
                         boolean manifest) throws Exception {
        Path d = dir.resolve(edition);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            ResultWriter.write(c, rows, d, Release.RESULTS, EnumSet.of(ResultWriter.Format.PARQUET));
        }
        if (manifest) {
            ReleaseFiles.writeJson(d.resolve(ReleaseManifest.FILE), new ReleaseManifest(1, edition, "2024-03-20", "2024-01-01",
                    "0.1.0", "c", Map.of("period_from", "2023-01-01"), entries, List.of(), List.of()));
        }
        return d;
    }

    @Test
    void listsNewRetiredChangedAndRevised() throws Exception {
        Path before = release("2024-1", List.of(
                Rows.plain("a", 2023, 1, "nation", "nation", 5.0, 10.0),
                Rows.plain("a", 2023, 2, "nation", "nation", 6.0, 10.0),
                Rows.plain("a", 2023, 2, "rhf", "1", 6.0, 10.0),
                Rows.plain("b", 2023, 1, "nation", "nation", 1.0, 10.0),
                Rows.plain("d", 2023, 1, "nation", "nation", 1.0, 10.0)),
                List.of(entry("a", "s1", "m1"), entry("b", "s", "m"), entry("d", "s", "m")), true);
        List<ReleaseManifest.IndicatorEntry> now = List.of(entry("a", "s2", "m1"), entry("c", "s", "m"), entry("d", "s", "m2"));
        Path after = release("2024-4", List.of(
                Rows.plain("a", 2023, 1, "nation", "nation", 5.0, 10.0),   // unchanged
                Rows.plain("a", 2023, 2, "nation", "nation", 7.0, 11.0),   // revised (late registrations)
                Rows.plain("a", 2023, 3, "nation", "nation", 8.0, 10.0),   // a period missing before: added
                Rows.plain("a", 2024, 1, "nation", "nation", 8.0, 10.0),   // after the previous data end: new, left out
                Rows.plain("c", 2023, 3, "nation", "nation", 1.0, 10.0),   // a new indicator: not a revision
                Rows.plain("d", 2023, 1, "nation", "nation", 1.0, 10.0)), now, false);
        // the folder being compared may be a staging folder: the edition is named, not read from its name
        Path staging = Files.move(after, after.resolveSibling(".2024-4.partial"));
        Revisions r = Revisions.compare(before, staging, "2024-4", now);
        assertEquals("2024-1", r.previous());
        assertEquals("2024-4", r.current());
        assertEquals(List.of("c"), r.newIndicators());
        assertEquals(List.of("b"), r.retiredIndicators());
        assertEquals(List.of(new Revisions.ChangedDefinition("a", "1.0.0", "1.0.0", "sql"),
                new Revisions.ChangedDefinition("d", "1.0.0", "1.0.0", "metadata")), r.changedDefinitions());
        assertEquals(3, r.revisedValueCount());
        assertEquals(List.of(
                new Revisions.RevisedValue("a", "2023-T2", "nation", "nation", 0.6, 7.0 / 11, 10.0, 11.0, "revised"),
                new Revisions.RevisedValue("a", "2023-T2", "rhf", "1", 0.6, null, 10.0, null, "removed"),
                new Revisions.RevisedValue("a", "2023-T3", "nation", "nation", null, 0.8, null, 10.0, "added")), r.revisedValues());
    }
}
