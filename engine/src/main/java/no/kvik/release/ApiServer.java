package no.kvik.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Read-only JSON API over a releases folder, bound to 127.0.0.1 only.
 *
 * <pre>
 * GET /api                                          endpoint list
 * GET /api/releases                                 editions: id, dates, versions, indicator count
 * GET /api/releases/{edition}                       the release manifest
 * GET /api/releases/{edition}/indicators            definitions
 * GET /api/releases/{edition}/indicators/{id}       definition + results; filters ?level=&amp;unit=&amp;period=
 * GET /api/releases/{edition}/findings              main findings
 * GET /api/releases/{edition}/financing             results-based financing view
 * GET /api/releases/{edition}/export?…              the export solution's selection as JSON
 * GET /releases/{edition}/export.csv|xlsx?…         the export solution's downloads ({@link ExportResponses})
 * </pre>
 * Every other path goes to the {@link Pages} given at start, if any (the HTML statistics views of {@code no.kvik.web}),
 * through the same connection layer and its limits.
 * Errors of the API are JSON {@code {"status": n, "error": "..."}}: 400 bad request, 404 unknown, 405 other methods, and
 * from the connection layer ({@link JsonHttpServer}) 408 request too slow, 413 request body, 414 request line too
 * long, 431 headers too large, 503 every connection slot busy.
 * Released folders are frozen, so each edition's files are read once and kept.
 */
public final class ApiServer implements AutoCloseable {
    private static final Set<String> FILTERS = Set.of("level", "unit", "period");
    private static final String EDITION = "\\d{4}-\\d{1,2}";

    private final Path releases;
    private final JsonHttpServer server;
    private final Map<String, JsonNode> cache = new ConcurrentHashMap<>();
    private final ExportResponses exports;
    private final Pages pages;

    /** Pages served beside the API: every GET outside {@code /api}, given its raw (undecoded) path and query. */
    @FunctionalInterface
    public interface Pages {
        Page get(String rawPath, String rawQuery);
    }

    /** A page: status, body, its Content-Type and any further headers (security headers, Link). */
    public record Page(int status, String contentType, byte[] body, Map<String, String> headers) {
        public Page {
            headers = Map.copyOf(headers);
        }
    }

    private ApiServer(Path releases, int port, JsonHttpServer.Limits limits, String publicUrl, Pages pages) throws IOException {
        this.releases = releases;
        this.pages = pages;
        // the permanent links' base: as given, else this server's own address (known once bound)
        this.exports = new ExportResponses(releases, () -> publicUrl != null ? publicUrl : "http://127.0.0.1:" + port(),
                ExportResponses.MAX_ROWS, ExportResponses.BUILT_AT_ONCE);
        this.server = JsonHttpServer.start(port, limits, this::handle, ApiServer::errorBytes);
    }

    /** Starts serving {@code releases} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static ApiServer start(Path releases, int port) throws IOException {
        return start(releases, port, JsonHttpServer.Limits.defaults());
    }

    /** As {@link #start(Path, int)}, with {@code pages} answering every path outside {@code /api}. */
    public static ApiServer start(Path releases, int port, Pages pages) throws IOException {
        if (!Files.isDirectory(releases)) throw new IllegalArgumentException("releases folder not found: " + releases);
        return new ApiServer(releases, port, JsonHttpServer.Limits.defaults(), null, pages);
    }

    /** As {@link #start(Path, int)}, with other connection limits. */
    static ApiServer start(Path releases, int port, JsonHttpServer.Limits limits) throws IOException {
        if (!Files.isDirectory(releases)) throw new IllegalArgumentException("releases folder not found: " + releases);
        return new ApiServer(releases, port, limits, null, null);
    }

    /**
     * As {@link #start(Path, int)}, with the base of the export solution's permanent links (scheme, host, port and any
     * path prefix the public address adds, e.g. {@code https://statistikk.example.no/kvik}; null: this server's
     * own address).
     */
    public static ApiServer start(Path releases, int port, String publicUrl) throws IOException {
        if (!Files.isDirectory(releases)) throw new IllegalArgumentException("releases folder not found: " + releases);
        return start(releases, port, publicUrl, null);
    }

    /** As {@link #start(Path, int, String)}, with {@code pages} answering every path outside {@code /api}. */
    public static ApiServer start(Path releases, int port, String publicUrl, Pages pages) throws IOException {
        if (!Files.isDirectory(releases)) throw new IllegalArgumentException("releases folder not found: " + releases);
        return new ApiServer(releases, port, JsonHttpServer.Limits.defaults(), publicUrl(publicUrl), pages);
    }

    /** A public URL checked and without its trailing slash; null stays null. */
    static String publicUrl(String url) {
        if (url == null) return null;
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("public URL '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("public URL '" + url + "' must be http(s)://host[:port][/path], without query or fragment");
        }
        return url.replaceAll("/+$", "");
    }

    public java.net.InetSocketAddress boundAddress() {
        return server.address();
    }

    /** Connections being served now. */
    int openConnections() {
        return server.openConnections();
    }

    public int port() {
        return server.address().getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** An HTTP error with its status. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private JsonHttpServer.Response handle(JsonHttpServer.Request request) {
        int status = 200;
        Object body;
        try {
            if (!request.method().equals("GET")) throw new ApiError(405, "only GET is supported");
            // the export solution answers CSV and xlsx itself (and JSON with a Link header); its errors are JSON
            if (ExportResponses.isExport(request.rawPath())) return exports.respond(request.rawPath(), request.rawQuery());
            if (pages != null && !isApi(request.rawPath())) return page(request);
            body = route(request.rawPath(), query(request.rawQuery()));
        } catch (ApiError e) {
            status = e.status;
            body = error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            body = error(500, e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = ReleaseFiles.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            status = 500;
            bytes = errorBytes(500, "cannot write the response: " + e.getMessage());
        }
        return new JsonHttpServer.Response(status, bytes, status == 405 ? Map.of("Allow", "GET") : Map.of());
    }

    private static boolean isApi(String rawPath) {
        return rawPath.equals("/api") || rawPath.startsWith("/api/");
    }

    private JsonHttpServer.Response page(JsonHttpServer.Request request) {
        Page p = pages.get(request.rawPath(), request.rawQuery());
        Map<String, String> headers = new LinkedHashMap<>(p.headers());
        headers.put("Content-Type", p.contentType());
        return new JsonHttpServer.Response(p.status(), p.body(), headers);
    }

    private static byte[] errorBytes(int status, String message) {
        try {
            return ReleaseFiles.JSON.writeValueAsBytes(error(status, message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", message);
        return m;
    }

    Object route(String path, Map<String, String> query) {
        List<String> parts = Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty() || !parts.get(0).equals("api")) throw new ApiError(404, "no such resource: " + path + " (see /api)");
        if (parts.size() == 1) return index();
        if (!parts.get(1).equals("releases")) throw new ApiError(404, "no such resource: " + path + " (see /api)");
        if (parts.size() == 2) {
            noQuery(query, parts);
            return editions();
        }
        String edition = parts.get(2);
        if (!edition.matches(EDITION)) throw new ApiError(400, "edition must look like 2024-2, got '" + edition + "'");
        Path dir = releases.resolve(edition);
        if (!Files.exists(dir.resolve(ReleaseManifest.FILE))) throw new ApiError(404, "no release " + edition);
        if (parts.size() == 3) {
            noQuery(query, parts);
            return file(dir, ReleaseManifest.FILE);
        }
        String what = parts.get(3);
        if (parts.size() == 4) {
            noQuery(query, parts);
            return switch (what) {
                case "indicators" -> file(dir, Release.DEFINITIONS);
                case "findings" -> file(dir, Release.FINDINGS_JSON);
                case "financing" -> file(dir, Release.FINANCING);
                default -> throw new ApiError(404, "no such resource: " + path + " (see /api)");
            };
        }
        if (parts.size() == 5 && what.equals("indicators")) return indicator(dir, edition, parts.get(4), query);
        throw new ApiError(404, "no such resource: " + path + " (see /api)");
    }

    private static void noQuery(Map<String, String> query, List<String> parts) {
        if (!query.isEmpty()) throw new ApiError(400, "/" + String.join("/", parts) + " takes no query parameters, got " + query.keySet());
    }

    private static Map<String, Object> index() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("releases", "/api/releases");
        m.put("manifest", "/api/releases/{edition}");
        m.put("definitions", "/api/releases/{edition}/indicators");
        m.put("indicator", "/api/releases/{edition}/indicators/{id}?level=&unit=&period=");
        m.put("findings", "/api/releases/{edition}/findings");
        m.put("financing", "/api/releases/{edition}/financing");
        m.put("export", "/api/releases/{edition}/export?indicators=&levels=&units=&periods=");
        m.put("exportCsv", "/releases/{edition}/export.csv?indicators=&levels=&units=&periods=");
        m.put("exportXlsx", "/releases/{edition}/export.xlsx?indicators=&levels=&units=&periods=&lang=no|en");
        return m;
    }

    private ArrayNode editions() {
        ArrayNode out = ReleaseFiles.JSON.createArrayNode();
        try (Stream<Path> s = Files.list(releases)) {
            for (Path dir : s.filter(p -> p.getFileName().toString().matches(EDITION) && Files.exists(p.resolve(ReleaseManifest.FILE)))
                    .sorted().toList()) {
                JsonNode m = file(dir, ReleaseManifest.FILE);
                ObjectNode e = out.addObject();
                e.put("edition", m.get("edition").asText());
                e.put("published", m.get("published").asText());
                e.put("dataEnd", m.get("dataEnd").asText());
                e.put("engineVersion", m.get("engineVersion").asText());
                e.put("catalogueVersion", m.get("catalogueVersion").asText());
                e.put("indicators", m.get("indicators").size());
                e.put("href", "/api/releases/" + m.get("edition").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private ObjectNode indicator(Path dir, String edition, String id, Map<String, String> query) {
        for (String k : query.keySet()) {
            if (!FILTERS.contains(k)) throw new ApiError(400, "unknown query parameter '" + k + "' (expected level, unit, period)");
        }
        if (query.containsKey("level") && no.kvik.catalog.Level.find(query.get("level")).isEmpty()) {
            throw new ApiError(400, "unknown level '" + query.get("level") + "'");
        }
        JsonNode definition = null;
        for (JsonNode d : file(dir, Release.DEFINITIONS)) {
            if (d.get("id").asText().equals(id)) definition = d;
        }
        if (definition == null) throw new ApiError(404, "indicator " + id + " is not in release " + edition);
        ObjectNode out = ReleaseFiles.JSON.createObjectNode();
        out.put("edition", edition);
        out.set("definition", definition);
        ArrayNode rows = out.putArray("results");
        for (JsonNode r : file(dir, Release.RESULTS + ".json")) {
            if (!r.get("indicator_id").asText().equals(id)) continue;
            if (query.containsKey("level") && !r.get("level").asText().equals(query.get("level"))) continue;
            if (query.containsKey("unit") && !r.get("unit_id").asText().equals(query.get("unit"))) continue;
            if (query.containsKey("period") && !r.get("period_label").asText().equals(query.get("period"))) continue;
            rows.add(r);
        }
        return out;
    }

    private JsonNode file(Path dir, String name) {
        Path f = dir.resolve(name);
        return cache.computeIfAbsent(f.toString(), k -> {
            try {
                return ReleaseFiles.JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        });
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new ApiError(400, "malformed query parameter '" + pair + "'");
            String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (q.put(k, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new ApiError(400, "query parameter '" + k + "' given twice");
            }
        }
        return q;
    }
}
