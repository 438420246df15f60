package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvik serve under slow, oversized and many clients (issue #13, point 5), over real loopback sockets. The server
 * serves an empty releases folder: the connection layer is under test, the routes are ApiServerTest's.
 */
class ApiServerConnectionTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    private ApiServer start(JsonHttpServer.Limits limits) throws IOException {
        return ApiServer.start(Files.createDirectories(tmp.resolve("releases")), 0, limits);
    }

    /** Status line code and body of what the server sent before closing. */
    record Raw(int status, String body) {
        JsonNode json() throws IOException {
            return ReleaseFiles.JSON.readTree(body);
        }
    }

    private static Socket connect(ApiServer server) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static Raw readResponse(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        String text = buf.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(text.startsWith("HTTP/1.1 ") && end > 0, text);
        assertTrue(text.substring(0, end).contains("Content-Type: application/json; charset=utf-8"), text);
        return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(end + 4));
    }

    private static Raw exchange(ApiServer server, String request) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readResponse(s);
        }
    }

    private static HttpResponse<String> get(ApiServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoHundredSlowClientsDoNotStarveOtherRequestsAndEachGetsA408() throws Exception {
        JsonHttpServer.Limits limits = JsonHttpServer.Limits.defaults()
                .withTimes(Duration.ofMillis(4000), Duration.ofMillis(5000));
        try (ApiServer server = start(limits)) {
            // the first request loads the client's and the server's classes: not what is measured here
            assertEquals(200, get(server, "/api").statusCode());
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket s = connect(server);
                    slow.add(s);
                    // nothing at all, half a request line, or a request line and an unfinished header block
                    String partial = switch (i % 3) {
                        case 0 -> "";
                        case 1 -> "GET /api/rel";
                        default -> "GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n";
                    };
                    s.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                // every slow client holds its connection (and thread) before the others are timed
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (server.openConnections() < 200 && System.nanoTime() < until) Thread.sleep(10);
                assertTrue(server.openConnections() >= 200, server.openConnections() + " open");
                long slowest = 0;
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = get(server, "/api");
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    assertEquals(200, r.statusCode());
                    assertEquals("/api/releases", ReleaseFiles.JSON.readTree(r.body()).get("releases").asText());
                }
                assertTrue(slowest < TimeUnit.SECONDS.toNanos(1), "slowest answer " + slowest / 1_000_000 + " ms");
                // (a normal request's connection may still be closing)
                assertTrue(server.openConnections() >= 200, "the slow clients were still held throughout");
                for (Socket s : slow) {
                    Raw r = readResponse(s);
                    assertEquals(408, r.status());
                    assertEquals(408, r.json().get("status").asInt());
                    assertEquals("the request did not arrive in time (each byte within 4000 ms, the whole request "
                            + "within 5000 ms)", r.json().get("error").asText());
                }
            } finally {
                for (Socket s : slow) s.close();
            }
        }
    }

    @Test
    void aDeclaredHundredMegabyteBodyIsRefusedAtOnceWithoutReadingIt() throws Exception {
        try (ApiServer server = start(JsonHttpServer.Limits.defaults())) {
            long t0 = System.nanoTime();
            Raw r = exchange(server, "GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 104857600\r\n\r\n");
            assertEquals(413, r.status());
            assertEquals("request body of 104857600 bytes (at most 65536 are accepted, and none is used)",
                    r.json().get("error").asText());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
            // a small body is read and ignored: the request is answered
            assertEquals(200, exchange(server, "GET /api HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd").status());
        }
    }

    @Test
    void oversizedOrMalformedRequestsGetJsonErrors() throws Exception {
        try (ApiServer server = start(JsonHttpServer.Limits.defaults())) {
            Raw longLine = exchange(server, "GET /api/" + "x".repeat(9000) + " HTTP/1.1\r\n\r\n");
            assertEquals(414, longLine.status());
            assertEquals("request line longer than 8192 bytes", longLine.json().get("error").asText());
            Raw bigHeader = exchange(server, "GET /api HTTP/1.1\r\nX-Big: " + "y".repeat(17_000) + "\r\n\r\n");
            assertEquals(431, bigHeader.status());
            assertEquals("headers longer than 16384 bytes", bigHeader.json().get("error").asText());
            Raw many = exchange(server, "GET /api HTTP/1.1\r\n" + "X-A: 1\r\n".repeat(101) + "\r\n");
            assertEquals(431, many.status());
            assertEquals("more than 100 headers", many.json().get("error").asText());
            Raw garbage = exchange(server, "HELLO\r\n\r\n");
            assertEquals(400, garbage.status());
            assertEquals(400, garbage.json().get("status").asInt());
            assertEquals(505, exchange(server, "GET /api HTTP/2.0\r\n\r\n").status());
            assertEquals(400, exchange(server, "GET /a{b} HTTP/1.1\r\n\r\n").status());
            assertEquals(501, exchange(server, "GET /api HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").status());
            Raw notFound = exchange(server, "GET /nope HTTP/1.1\r\n\r\n");
            assertEquals(404, notFound.status());
            assertEquals("no such resource: /nope (see /api)", notFound.json().get("error").asText());
        }
    }

    @Test
    void aConnectionBeyondTheLimitIsAnswered503AtOnce() throws Exception {
        try (ApiServer server = start(JsonHttpServer.Limits.defaults().withMaxConnections(2))) {
            try (Socket a = connect(server); Socket b = connect(server)) {
                a.getOutputStream().write('G');
                b.getOutputStream().write('G');
                Thread.sleep(300); // both taken by their threads
                Raw busy = exchange(server, "GET /api HTTP/1.1\r\n\r\n");
                assertEquals(503, busy.status());
                assertEquals("the server is busy (2 connections open); try again", busy.json().get("error").asText());
            }
            // the two slots free again once their clients have gone
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int status = 0;
            while (status != 200 && System.nanoTime() < until) {
                status = exchange(server, "GET /api HTTP/1.1\r\n\r\n").status();
                if (status != 200) Thread.sleep(50);
            }
            assertEquals(200, status);
        }
    }

    @Test
    void twoThousandRequestsFromSixteenClientsAllAnswer() throws Exception {
        try (ApiServer server = start(JsonHttpServer.Limits.defaults())) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int c = 0; c < 16; c++) {
                    done.add(clients.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 125; i++) {
                            boolean index = i % 2 == 0;
                            HttpResponse<String> r = get(server, index ? "/api" : "/api/releases");
                            JsonNode body = ReleaseFiles.JSON.readTree(r.body());
                            // the index names its routes; the releases folder is empty
                            if (r.statusCode() == 200 && (index ? body.path("releases").asText().equals("/api/releases")
                                    : body.isArray() && body.isEmpty())) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                int ok = 0;
                for (Future<Integer> f : done) ok += f.get(120, TimeUnit.SECONDS);
                assertEquals(2000, ok);
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
