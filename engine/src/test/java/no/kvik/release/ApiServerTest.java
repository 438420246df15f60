package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read-only release API over real HTTP on an ephemeral loopback port. */
class ApiServerTest {
    private static ApiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(ReleaseFixture.get().releases, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        return ReleaseFiles.JSON.readTree(r.body());
    }

    @Test
    void listsReleasesAndDefinitions() throws Exception {
        HttpResponse<String> r = get("/api/releases");
        assertEquals(200, r.statusCode());
        JsonNode list = json(r);
        assertEquals(1, list.size());
        assertEquals("2024-1", list.get(0).get("edition").asText());
        assertEquals(3, list.get(0).get("indicators").asInt());
        JsonNode defs = json(get("/api/releases/2024-1/indicators"));
        assertEquals("hip_fracture_surgery_48h", defs.get(1).get("id").asText());
        assertEquals("tertial", defs.get(1).get("frequency").asText());
        assertEquals("2024-1", json(get("/api/releases/2024-1")).get("edition").asText());
        assertTrue(json(get("/api/releases/2024-1/findings")).has("nationalChanges"));
        assertTrue(json(get("/api/releases/2024-1/financing")).has("scores"));
    }

    @Test
    void indicatorResultsAreFilteredByLevelUnitAndPeriod() throws Exception {
        JsonNode all = json(get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h"));
        assertEquals("hip_fracture_surgery_48h", all.get("definition").get("id").asText());
        int total = all.get("results").size();
        JsonNode nation = json(get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h?level=nation"));
        assertEquals(6, nation.get("results").size()); // one national row per tertial 2022-T1 … 2023-T3
        JsonNode one = json(get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h?level=nation&period=2023-T3"));
        assertEquals(1, one.get("results").size());
        JsonNode row = one.get("results").get(0);
        // 2023-T3 is not suppressed in the fixture (6 of 7 operated within 48 h); other tertials are (n < 5)
        assertEquals("2023-T3", row.get("period_label").asText());
        assertEquals(row.get("numerator").asDouble() / row.get("denominator").asDouble(), row.get("value").asDouble(), 1e-12);
        assertTrue(total > 6);
        JsonNode unit = json(get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h?unit=nation"));
        assertEquals(6, unit.get("results").size());
    }

    @Test
    void errorsAreJsonWithTheirStatus() throws Exception {
        HttpResponse<String> r = get("/api/releases/2099-1");
        assertEquals(404, r.statusCode());
        assertEquals("no release 2099-1", json(r).get("error").asText());
        r = get("/api/releases/2024-1/indicators/nope");
        assertEquals(404, r.statusCode());
        assertEquals("indicator nope is not in release 2024-1", json(r).get("error").asText());
        r = get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h?colour=red");
        assertEquals(400, r.statusCode());
        assertEquals("unknown query parameter 'colour' (expected level, unit, period)", json(r).get("error").asText());
        r = get("/api/releases/2024-1/indicators/hip_fracture_surgery_48h?level=galaxy");
        assertEquals(400, r.statusCode());
        r = get("/api/releases/..%2F..%2Fetc");
        assertEquals(400, r.statusCode());
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/releases")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(405, json(post).get("status").asInt());
    }

    @Test
    void bindsToLoopbackOnly() {
        assertTrue(server.boundAddress().getAddress().isLoopbackAddress());
    }
}
