package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The artefact writers of a release working together: later artefacts show what earlier ones wrote. */
class ReleaseArtefactsTest {

    /**
     * The revisions are computed from the written results.parquet (after the results artefact) and the report,
     * written after them, shows what revisions.json holds: a second edition in the same releases folder gets a
     * revisions section naming the first, with revisions.json's count of revised values.
     */
    @Test
    void theReportOfASecondEditionShowsTheRevisionsThatRevisionsJsonHolds() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path out = fx.root.resolve("artefacts");
        Path first = fx.run(out, "2024-1", List.of("all_cause_30d_survival"));
        assertTrue(!Files.exists(first.resolve(Release.REVISIONS)), "no earlier release: no revisions.json");
        assertTrue(!Files.readString(first.resolve(Release.REPORT)).contains("id=\"revisions\""));

        Path second = fx.run(out, "2025-1", List.of("all_cause_30d_survival"));
        JsonNode revisions = ReleaseFiles.JSON.readTree(second.resolve(Release.REVISIONS).toFile());
        assertEquals("2024-1", revisions.get("previous").asText());
        // the edition, not the staging folder's name (".2025-1.partial" before the fix)
        assertEquals(second.getFileName().toString(), revisions.get("current").asText());
        String html = Files.readString(second.resolve(Release.REPORT));
        assertTrue(html.contains("<section id=\"revisions\"><h2>Revisions since 2024-1</h2>\n<ul>\n"
                + "<li>New indicators: none</li>\n<li>Retired indicators: none</li>\n<li>Changed definitions: none</li>\n"
                + "<li>Revised historical values: " + revisions.get("revisedValueCount").asLong() + "</li>\n</ul>\n"
                + "<p>A revised value: a row of an indicator both releases carry"), html);
        assertTrue(html.contains("so last-digit floating noise is not a revision.</p>"), html);
        // the manifest, written last, lists every other artefact
        JsonNode manifest = ReleaseFiles.JSON.readTree(second.resolve(ReleaseManifest.FILE).toFile());
        List<String> listed = new java.util.ArrayList<>();
        manifest.get("files").forEach(f -> listed.add(f.get("name").asText()));
        assertEquals(List.of("definitions.json", "financing.json", "findings.json", "findings.md", "funnels.json",
                "report.html",
                "results.csv", "results.json", "results.parquet", "revisions.json", "subscriber.xlsx"), listed);
    }
}
