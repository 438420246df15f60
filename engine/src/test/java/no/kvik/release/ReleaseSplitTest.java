package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A release says where its time went (for kvik bench-release); the split never reaches the release's files. */
class ReleaseSplitTest {

    @Test
    void theSplitNamesEveryArtefactInTheOrderWrittenAndTimesEachPhase() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Release.Outcome outcome = Release.release(ReleaseFixture.HOME, ReleaseFixture.calendar(), fx.store,
                fx.root.resolve("split"), new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS, 2), line -> { });
        Release.Split split = outcome.split();
        assertEquals(List.of("ResultFiles", "DefinitionsJson", "SubscriberXlsx", "FindingsFiles", "FinancingJson",
                "FunnelsJson", "RevisionsJson", "ReportHtml", "ManifestJson"), List.copyOf(split.writeSeconds().keySet()));
        assertTrue(split.engineSeconds() > 0, "engine " + split.engineSeconds());
        assertTrue(split.analysisSeconds() > 0, "analysis " + split.analysisSeconds());
        assertTrue(split.contentsSeconds() > 0, "contents " + split.contentsSeconds());
        // the computation is timed on its own: it lies within the two threads' engine and analysis seconds
        assertTrue(split.computeWallSeconds() > 0
                && split.computeWallSeconds() <= split.engineSeconds() + split.analysisSeconds() + 0.5, split.toString());
        assertEquals(split.writeSeconds().values().stream().mapToDouble(Double::doubleValue).sum(),
                split.writeTotalSeconds(), 1e-12);
        // each indicator's engine seconds, for bench-release's slowest indicators: every one computed, adding up
        assertEquals(new java.util.TreeSet<>(ReleaseFixture.INDICATORS), split.engineByIndicator().keySet());
        assertEquals(split.engineSeconds(), split.engineByIndicator().values().stream().mapToDouble(Double::doubleValue)
                .sum(), 1e-9);
    }

    @Test
    void anOutcomeMadeWithoutASplitHasNone() {
        assertEquals(Release.Split.NONE, new Release.Outcome(java.nio.file.Path.of("x"), java.util.Map.of()).split());
    }
}
