package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void lastDigitNoiseOfAFractionIsNoRevisionButARealChangeOrACountIs() throws Exception {
        double sum = 12.345678901234567; // a sum of fractions (expected survivals, survey scores)
        double noisy = Math.nextUp(Math.nextUp(sum)); // the same sum in another order: 2 ulps, 2.9e-16 relative
        double revised = sum * (1 + 1e-9);
        double bigCount = 1e13; // a whole count: one more is 1e-13 relative, under the tolerance, yet a revision
        List<ReleaseManifest.IndicatorEntry> entries = List.of(entry("a", "s", "m"));
        Path before = release("2024-1", List.of(
                Rows.plain("a", 2023, 1, "nation", "nation", sum, 40.0),
                Rows.plain("a", 2023, 1, "rhf", "1", sum, 40.0),
                Rows.plain("a", 2023, 1, "rhf", "2", 5.0, 10.0),
                Rows.plain("a", 2023, 1, "rhf", "3", 5.0, bigCount),
                Rows.plain("a", 2023, 1, "rhf", "4", 1.0, 10.0)), entries, true);
        Path after = release("2024-4", List.of(
                Rows.plain("a", 2023, 1, "nation", "nation", noisy, 40.0),    // noise in numerator and value: same
                Rows.plain("a", 2023, 1, "rhf", "1", revised, 40.0),          // 1e-9 relative: revised
                Rows.plain("a", 2023, 1, "rhf", "2", 6.0, 10.0),              // one case more: revised
                Rows.plain("a", 2023, 1, "rhf", "3", 5.0, bigCount + 1),      // whole count one more: revised
                Rows.plain("a", 2023, 1, "rhf", "5", 1.0, 10.0)), entries, false); // rhf 4 removed, rhf 5 added
        Revisions r = Revisions.compare(before, after, "2024-4", entries);
        assertEquals(List.of("1", "2", "3", "4", "5"), r.revisedValues().stream().map(Revisions.RevisedValue::unitId).toList());
        assertEquals(List.of("revised", "revised", "revised", "removed", "added"),
                r.revisedValues().stream().map(Revisions.RevisedValue::change).toList());
        assertEquals(5, r.revisedValueCount());
        assertEquals(Revisions.REVISED_MEANS, r.revisedMeans());
    }

    @Test
    void sameFigureComparesCountsExactlyAndFractionsWithinTheTolerance() {
        assertTrue(Revisions.sameFigure(null, null));
        assertFalse(Revisions.sameFigure(null, 0.0));
        assertTrue(Revisions.sameFigure(0.0, -0.0));
        assertFalse(Revisions.sameFigure(3.0, 4.0));
        assertFalse(Revisions.sameFigure(1e13, 1e13 + 1));
        // 0.1 + 0.2 and 0.3 differ by one ulp (5.6e-17, 1.9e-16 relative)
        assertTrue(Revisions.sameFigure(0.1 + 0.2, 0.3));
        assertTrue(Revisions.sameFigure(1.0, 1.0 + 5e-13));
        assertFalse(Revisions.sameFigure(1.0, 1.0 + 2e-12));
        assertFalse(Revisions.sameFigure(0.3, 0.3 * (1 + 1e-9)));
        // near 0 only subnormal noise is the same figure: a tiny share revised is still a revision
        assertTrue(Revisions.sameFigure(0.0, Double.MIN_VALUE));
        assertFalse(Revisions.sameFigure(1e-8, 1e-8 * (1 + 1e-9)));
    }
}
