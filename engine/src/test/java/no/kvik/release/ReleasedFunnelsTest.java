package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.analysis.FunnelSummary;
import no.kvik.report.chart.Charts;
import no.kvik.variation.Direction;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.NotComputable;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.UnitCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** funnels.json: every funnel of a release, written and read back to the funnel the charts draw. */
class ReleasedFunnelsTest {

    /** The released funnel read back from its file, rebuilt. */
    private static FunnelResult throughFile(FunnelSummary f, Path dir) throws Exception {
        Path file = dir.resolve(ReleasedFunnels.FILE);
        ReleasedFunnels.write(file, List.of(ReleasedFunnels.of("x", f)));
        List<ReleasedFunnels.Funnel> read = ReleasedFunnels.read(file);
        assertEquals(1, read.size());
        return ReleasedFunnels.result(read.get(0));
    }

    private static void assertSameFunnel(FunnelResult expected, FunnelResult actual) {
        assertEquals(expected.options(), actual.options());
        assertEquals(expected.model(), actual.model());
        assertArrayEquals(expected.levels(), actual.levels());
        assertEquals(expected.units(), actual.units(), "every published unit, field for field");
        assertEquals(expected.unitsInDispersion(), actual.unitsInDispersion());
    }

    /**
     * A proportion funnel (exact limits, four units outside them, so the chart labels the most extreme first) read
     * back from its file is the analysed funnel, field for field, and draws the same SVG byte for byte. One unit's
     * z is set to infinity (a tail that underflows to 0 on large counts): the file keeps it as "Infinity", so the
     * label order, which ranks it most extreme, is kept too.
     */
    @Test
    void aFunnelReadBackFromItsFileIsTheAnalysedFunnelAndDrawsTheSameSvg(@TempDir Path dir) throws Exception {
        List<UnitCount> counts = List.of(new UnitCount("a", 12, 100), new UnitCount("b", 30, 200), new UnitCount("c", 4, 60),
                new UnitCount("d", 1000, 1000), new UnitCount("e", 55, 400), new UnitCount("f", 2, 90));
        FunnelOptions options = FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT, Overdispersion.NONE)
                .withDirection(Direction.LOWER_IS_BETTER).withTarget(0.1);
        FunnelResult computed = Funnel.compute(counts, options);
        assertEquals(4, computed.units().stream().filter(u -> u.funnelFlag() != no.kvik.variation.FunnelFlag.AS_EXPECTED).count());
        List<FunnelUnit> units = new ArrayList<>();
        for (FunnelUnit u : computed.units()) {
            units.add(!u.unit().equals("d") ? u : new FunnelUnit(u.unit(), u.numerator(), u.denominator(), u.value(), u.z(),
                    u.zAdjusted(), Double.POSITIVE_INFINITY, u.keptForDispersion(), u.limits(), u.unadjustedLimits(),
                    u.funnelFlag(), u.alarm(), 0, 0, u.fdrFlag()));
        }
        FunnelResult analysed = new FunnelResult(computed.options(), computed.model(), computed.levels(), units,
                computed.notComputable(), computed.unitsInDispersion());
        FunnelSummary summary = new FunnelSummary("hf", "2023", IndicatorKind.PROPORTION, LimitMethod.EXACT,
                Overdispersion.NONE, analysed.target(), analysed.phi(), analysed.tau2(), 7,
                List.of(new NotComputable("g", "denominator is 0")), "", analysed, "centre: national value 10.0 %", "");
        String text = ReleasedFunnels.json(List.of(ReleasedFunnels.of("x", summary)));
        assertTrue(text.contains("\"z\":\"Infinity\""), text);
        assertFalse(text.contains("\"g\""), "a unit left out is counted, never named");
        assertTrue(text.contains("\"unitsNotComputable\":1"), text);
        FunnelResult back = throughFile(summary, dir);
        assertSameFunnel(analysed, back);
        Map<String, String> names = Map.of("a", "Ålesund", "d", "Bodø & Vesterålen");
        assertEquals(Charts.funnelSvg(Charts.withUnitNames(analysed, names), "Funnel plot, hf 2023", summary.centre()),
                Charts.funnelSvg(Charts.withUnitNames(back, names), "Funnel plot, hf 2023", summary.centre()));
    }

    /** A ratio funnel with additive over-dispersion, and a level where no funnel could be fitted (φ and τ² NaN). */
    @Test
    void notEstimatedValuesAndAFunnelThatCouldNotBeFittedSurviveTheFile(@TempDir Path dir) throws Exception {
        List<UnitCount> counts = List.of(new UnitCount("a", 3, 2.5), new UnitCount("b", 9, 4.1), new UnitCount("c", 0, 1.2));
        FunnelResult analysed = Funnel.compute(counts, FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.CHISQ, Overdispersion.ADDITIVE));
        FunnelSummary summary = new FunnelSummary("rhf", "2022-2024", IndicatorKind.RATIO, LimitMethod.CHISQ, Overdispersion.ADDITIVE,
                analysed.target(), analysed.phi(), analysed.tau2(), 3, List.of(), "", analysed, "centre: national O/E 1.000", "");
        assertSameFunnel(analysed, throughFile(summary, dir));

        FunnelSummary none = new FunnelSummary("hospital", "2023", IndicatorKind.PROPORTION, LimitMethod.EXACT,
                Overdispersion.MULTIPLICATIVE, 0.2, Double.NaN, Double.NaN, 0, List.of(new NotComputable("h", "x")),
                "no units left to estimate over-dispersion", null, "centre: national value 20.0 %",
                "no hospital unit of 2023 is computable");
        ReleasedFunnels.Funnel released = ReleasedFunnels.of("y", none);
        assertNull(released.points());
        assertEquals(0, released.published());
        ReleasedFunnels.write(dir.resolve("none.json"), List.of(released));
        ReleasedFunnels.Funnel read = ReleasedFunnels.read(dir.resolve("none.json")).get(0);
        assertEquals(released, read);
        assertNull(ReleasedFunnels.result(read));
        assertEquals("no hospital unit of 2023 is computable", read.emptyReason());
    }

    @Test
    void aFileOfAnotherFormatIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ReleasedFunnels.FILE);
        Files.writeString(file, "{\"formatVersion\":2,\"funnels\":[]}\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> ReleasedFunnels.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("formatVersion 2"), e.getMessage());
    }

    /**
     * The test release: funnels.json is listed in the manifest, holds a funnel for every level below the nation and
     * period of the funnelled indicators, only published units (every unsuppressed row with a z, with the same z
     * and flag; no suppressed row), and the report's funnel drawn from it is the report's SVG byte for byte (the
     * report drew it from the analysis).
     */
    @Test
    void theReleaseWritesEveryFunnelAndTheReportsFigureIsDrawnAgainFromIt() throws Exception {
        Path release = ReleaseFixture.get().release;
        JsonNode manifest = ReleaseFiles.JSON.readTree(release.resolve(ReleaseManifest.FILE).toFile());
        boolean listed = false;
        for (JsonNode f : manifest.get("files")) {
            if (f.get("name").asText().equals(ReleasedFunnels.FILE)) {
                listed = true;
                assertEquals(ReleaseFiles.sha256(release.resolve(ReleasedFunnels.FILE)), f.get("sha256").asText());
            }
        }
        assertTrue(listed, "funnels.json in the manifest");
        List<ReleasedFunnels.Funnel> funnels = ReleasedFunnels.read(release.resolve(ReleasedFunnels.FILE));
        Map<String, ReleasedFunnels.Funnel> byKey = new HashMap<>();
        for (ReleasedFunnels.Funnel f : funnels) {
            assertTrue(byKey.put(f.indicatorId() + " " + f.level() + " " + f.period(), f) == null, "one funnel per level and period");
            assertFalse(f.level().equals("nation"));
        }
        List<JsonNode> rows = new ArrayList<>();
        ReleaseFiles.JSON.readTree(release.resolve("results.json").toFile()).forEach(rows::add);
        int checked = 0;
        for (JsonNode r : rows) {
            String level = r.get("level").asText();
            if (level.equals("nation")) continue;
            ReleasedFunnels.Funnel f = byKey.get(r.get("indicator_id").asText() + " " + level + " " + r.get("period_label").asText());
            ReleasedFunnels.Point p = f == null || f.points() == null ? null : f.points().stream()
                    .filter(u -> u.unitId().equals(r.get("unit_id").asText())).findFirst().orElse(null);
            if (!r.get("suppressed").isNull()) {
                assertNull(p, "a suppressed unit has no point: " + r);
            } else if (!r.get("z").isNull()) {
                assertTrue(p != null, "a published unit with a z has its point: " + r);
                assertEquals(r.get("z").asDouble(), p.z(), Math.abs(p.z()) * 1e-12, r.toString());
                assertEquals(r.get("funnel_flag").asText(), p.flag());
                // an O/E funnel counts the event (deaths for survival), as the row's observed column does
                assertEquals(r.get(r.get("event").isNull() ? "numerator" : "observed").asDouble(), p.numerator(), 1e-9, r.toString());
                checked++;
            }
        }
        assertTrue(checked > 20, "published funnel points checked: " + checked);

        String report = Files.readString(release.resolve(Release.REPORT));
        Matcher sections = Pattern.compile("<section class=\"indicator\" id=\"([^\"]+)\">").matcher(report);
        int drawn = 0;
        while (sections.find()) {
            String id = sections.group(1);
            String section = report.substring(sections.end(), report.indexOf("</section>", sections.end()));
            Matcher fig = Pattern.compile("<figure class=\"funnel\" data-level=\"([^\"]+)\" data-period=\"([^\"]+)\">(<svg.*?</svg>)\\s*</figure>",
                    Pattern.DOTALL).matcher(section);
            if (!fig.find()) continue;
            ReleasedFunnels.Funnel f = byKey.get(id + " " + fig.group(1) + " " + fig.group(2));
            Map<String, String> names = new HashMap<>();
            String event = null;
            for (JsonNode r : rows) {
                if (r.get("indicator_id").asText().equals(id) && r.get("level").asText().equals(f.level())
                        && r.get("period_label").asText().equals(f.period()) && !r.get("unit_name").isNull()) {
                    names.put(r.get("unit_id").asText(), r.get("unit_name").asText());
                }
                if (r.get("indicator_id").asText().equals(id) && !r.get("event").isNull()) event = r.get("event").asText();
            }
            String title = "Funnel plot, " + f.level() + " " + f.period() + (event == null ? "" : ", O/E of " + event);
            String svg = Charts.funnelSvg(Charts.withUnitNames(ReleasedFunnels.result(f), names), title, f.centre());
            assertEquals(fig.group(3), svg.substring(svg.indexOf('\n') + 1).strip(), id);
            drawn++;
        }
        assertTrue(drawn >= 1, "the report draws at least one funnel");
    }
}
