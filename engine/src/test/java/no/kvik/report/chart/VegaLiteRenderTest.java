package no.kvik.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vega-Lite specs the notebook sends are valid Vega-Lite 5 and draw what they should. Vega-Lite itself is not
 * served from Maven Central or Debian, so the specs are checked offline against its frozen JSON schema, and against
 * what the real libraries drew from them once (frozen in {@code vega-lite/rendered.csv}; how to redo it: the
 * folder's README). Writes the specs to {@code target/vega-lite-specs} for that.
 */
class VegaLiteRenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPEC_DIR = Path.of("target", "vega-lite-specs");
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = new GZIPInputStream(VegaLiteRenderTest.class
                .getResourceAsStream("/vega-lite/vega-lite-v5.23.0-schema.json.gz"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    /** One spec of every kind the notebook shows, from fixed inputs. */
    static Map<String, String> specs() {
        Map<String, String> specs = new LinkedHashMap<>();
        specs.put("funnel_linear", Charts.funnelVegaLite(ChartsTest.funnel(), "Funnel, linear axis",
                "centre: national value 20.0 %"));
        specs.put("funnel_log", Charts.funnelVegaLite(named(ChartsTest.overdispersed()), "Funnel, log axis",
                "centre: national value 20.0 %"));
        specs.put("caterpillar", Charts.caterpillarVegaLite(List.of(
                new CaterpillarItem("Universitetssykehuset Nord-Norge, regionale sykehus", 0.3, 0.2, 0.4),
                new CaterpillarItem("Ahus", 0.1, 0.05, 0.15), new CaterpillarItem("Sørlandet sykehus", 0.2, 0.12, 0.26)),
                0.2, "Adjusted rates", "Rate"));
        specs.put("trend", Charts.trendVegaLite(List.of(new TrendPoint("2022", 0.81, 0.78, 0.84),
                new TrendPoint("2023", 0.83, 0.8, 0.86), new TrendPoint("2024", 0.86, null, null)),
                "National trend", "Proportion"));
        return specs;
    }

    /** Names with æøå, as real unit names have. */
    private static FunnelResult named(FunnelResult r) {
        Map<String, String> names = new LinkedHashMap<>();
        for (FunnelUnit u : r.units()) names.put(u.unit(), u.unit().replace("Kommune nummer ", "Kommune Å-") + " ø");
        return Charts.withUnitNames(r, names);
    }

    @Test
    void everySpecIsValidVegaLite5() throws IOException {
        Files.createDirectories(SPEC_DIR);
        for (Map.Entry<String, String> e : specs().entrySet()) {
            Files.writeString(SPEC_DIR.resolve(e.getKey() + ".json"), e.getValue(), StandardCharsets.UTF_8);
            List<Error> errors = schema.validate(JSON.readTree(e.getValue()));
            assertTrue(errors.isEmpty(), e.getKey() + ": " + errors);
        }
    }

    @Test
    void theSchemaRejectsAMisspelledMarkAndAnUnknownEncoding() throws IOException {
        ObjectNode spec = (ObjectNode) JSON.readTree(specs().get("trend"));
        ((ObjectNode) spec.get("layer").get(1).get("mark")).put("type", "lien");
        assertFalse(schema.validate(spec).isEmpty(), "a mark type Vega-Lite does not know");
        ObjectNode other = (ObjectNode) JSON.readTree(specs().get("caterpillar"));
        ((ObjectNode) other.get("layer").get(1).get("encoding")).putObject("colour").put("field", "position");
        assertFalse(schema.validate(other).isEmpty(), "an encoding channel Vega-Lite does not know");
    }

    @Test
    void theCaterpillarDrawsItsReferenceLineOnce() throws IOException {
        JsonNode reference = JSON.readTree(specs().get("caterpillar")).get("layer").get(2);
        assertEquals("rule", reference.get("mark").get("type").asText());
        assertEquals(1, reference.get("data").get("values").size(), "its own datum, not one per unit");
    }

    /** One mark layer of what Vega drew: its type, how often it was drawn (a line per curve), its items, the texts of a text mark. */
    record Drawn(String type, int instances, int items, List<String> texts) {
    }

    @Test
    void theRealLibrariesDrewEveryPointAndLabelOfTheseSpecs() throws Exception {
        Map<String, String> sha = new LinkedHashMap<>();
        Map<String, Map<String, Drawn>> drawn = new LinkedHashMap<>();
        readRendered(sha, drawn);
        Map<String, String> specs = specs();
        assertEquals(specs.keySet(), sha.keySet(), "rendered.csv holds every spec");
        for (Map.Entry<String, String> e : specs.entrySet()) {
            assertEquals(sha.get(e.getKey()), sha256(e.getValue()), e.getKey() + " changed since Vega-Lite drew it: "
                    + "render it again (engine/src/test/resources/vega-lite/README.md)");
        }
        for (String funnel : List.of("funnel_linear", "funnel_log")) {
            JsonNode spec = JSON.readTree(specs.get(funnel));
            JsonNode points = spec.get("layer").get(2).get("data").get("values");
            Map<String, Drawn> layers = drawn.get(funnel);
            int curvePoints = spec.get("layer").get(0).get("data").get("values").size();
            assertEquals(new Drawn("line", 4, curvePoints, List.of()), layers.get("layer_0_marks"), "four limit curves");
            assertEquals(new Drawn("rule", 1, 1, List.of()), layers.get("layer_1_marks"), "the centre line, once");
            assertEquals(new Drawn("symbol", 1, points.size(), List.of()), layers.get("layer_2_marks"), "a symbol per unit");
            List<String> labelled = new ArrayList<>();
            for (JsonNode p : points) if (p.get("labelled").asBoolean()) labelled.add(p.get("unit").asText());
            assertFalse(labelled.isEmpty(), funnel + " labels its outliers");
            assertEquals("text", layers.get("layer_3_marks").type());
            assertEquals(labelled.size(), layers.get("layer_3_marks").items(), "no other text drawn");
            assertEquals(new TreeSet<>(labelled), new TreeSet<>(layers.get("layer_3_marks").texts()), funnel);
        }
        Map<String, Drawn> caterpillar = drawn.get("caterpillar");
        assertEquals(new Drawn("rule", 1, 3, List.of()), caterpillar.get("layer_0_marks"), "an interval per unit");
        assertEquals(new Drawn("symbol", 1, 3, List.of()), caterpillar.get("layer_1_marks"), "a point per unit");
        assertEquals(new Drawn("rule", 1, 1, List.of()), caterpillar.get("layer_2_marks"), "the reference line, once");
        Map<String, Drawn> trend = drawn.get("trend");
        assertEquals(new Drawn("rule", 1, 2, List.of()), trend.get("layer_0_marks"), "an interval where one is known");
        assertEquals(new Drawn("line", 1, 3, List.of()), trend.get("layer_1_layer_0_marks"), "the line through 3 periods");
        assertEquals(new Drawn("symbol", 1, 3, List.of()), trend.get("layer_1_layer_1_marks"), "a point per period");
    }

    private static void readRendered(Map<String, String> sha, Map<String, Map<String, Drawn>> drawn) throws IOException {
        try (InputStream in = VegaLiteRenderTest.class.getResourceAsStream("/vega-lite/rendered.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals("spec,sha256,mark,type,instances,items,texts", lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", 7);
                String spec = f[0].replace(".json", "");
                String texts = f[6].substring(1, f[6].length() - 1).replace("\"\"", "\"");
                sha.put(spec, f[1]);
                drawn.computeIfAbsent(spec, s -> new LinkedHashMap<>()).put(f[2], new Drawn(f[3], Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]), texts.isEmpty() ? List.of() : List.of(texts.split("\\|"))));
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
