package no.kvik.release;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A small HTTP/1.1 server for GET requests on the loopback interface that slow or oversized clients cannot starve.
 * One thread per connection from a bounded but large pool ({@link Limits#maxConnections}); a connection beyond it is
 * answered 503 at once. Each connection must deliver its request line and headers within
 * {@link Limits#requestTime} (no byte may take longer than {@link Limits#readTimeout}), else 408; the request line
 * and the headers are bounded (414, 431); a declared body beyond {@link Limits#maxBodyBytes} is refused (413) without
 * being read. A connection is closed after one response, and no connection lives longer than
 * {@link Limits#connectionTime}, which also bounds a client that does not read its response. Every response, errors
 * included, is JSON from the handler or from {@code errorBody}.
 */
final class JsonHttpServer implements AutoCloseable {

    /**
     * @param maxConnections      connections served at once (one thread each)
     * @param readTimeout         the longest wait for the next byte of a request
     * @param requestTime         the longest time from accepting a connection to having its request line and headers
     * @param connectionTime      the longest a connection lives, response included
     * @param maxRequestLineBytes request line (method, target, version)
     * @param maxHeaderBytes      all header lines together
     * @param maxHeaders          number of header lines
     * @param maxBodyBytes        a declared request body up to this is read and ignored; beyond it 413
     */
    record Limits(int maxConnections, Duration readTimeout, Duration requestTime, Duration connectionTime,
                  int maxRequestLineBytes, int maxHeaderBytes, int maxHeaders, long maxBodyBytes) {
        static Limits defaults() {
            return new Limits(400, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 8 * 1024,
                    16 * 1024, 100, 64 * 1024);
        }

        Limits withMaxConnections(int n) {
            return new Limits(n, readTimeout, requestTime, connectionTime, maxRequestLineBytes, maxHeaderBytes,
                    maxHeaders, maxBodyBytes);
        }

        Limits withTimes(Duration read, Duration request) {
            return new Limits(maxConnections, read, request, connectionTime, maxRequestLineBytes, maxHeaderBytes,
                    maxHeaders, maxBodyBytes);
        }
    }

    /** A parsed request: method and the raw (undecoded) path and query of its target. */
    record Request(String method, String rawPath, String rawQuery) {
    }

    /** A response: status, JSON body, and extra headers (Content-Type, Content-Length and Connection are set here). */
    record Response(int status, byte[] body, Map<String, String> headers) {
    }

    /** Produces the response to a well-formed request. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /** A request the server answers itself with an error status. */
    private static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"),
            Map.entry(505, "HTTP Version Not Supported"));

    private final ServerSocket socket;
    private final Limits limits;
    private final Handler handler;
    private final BiFunction<Integer, String, byte[]> errorBody;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService reaper;
    private final Thread acceptor;
    private volatile boolean closed;

    private JsonHttpServer(ServerSocket socket, Limits limits, Handler handler,
                           BiFunction<Integer, String, byte[]> errorBody) {
        this.socket = socket;
        this.limits = limits;
        this.handler = handler;
        this.errorBody = errorBody;
        AtomicInteger n = new AtomicInteger();
        // no queue: a connection either gets a thread now or a 503 now, never a wait behind idle sockets
        this.workers = new ThreadPoolExecutor(0, limits.maxConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "kvik-serve-" + n.incrementAndGet()));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "kvik-serve-reaper"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.reaper = scheduler;
        this.acceptor = daemon(this::acceptLoop, "kvik-serve-accept");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 picks a free port). */
    static JsonHttpServer start(int port, Limits limits, Handler handler, BiFunction<Integer, String, byte[]> errorBody)
            throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        JsonHttpServer server = new JsonHttpServer(ss, limits, handler, errorBody);
        server.acceptor.start();
        return server;
    }

    /** Connections being served now (each holds a thread). */
    int openConnections() {
        return workers.getActiveCount();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) return;
                continue; // e.g. too many open files: the next accept may succeed
            }
            ScheduledFuture<?> kill = reaper.schedule(() -> closeQuietly(client), limits.connectionTime().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                workers.execute(() -> {
                    try {
                        serve(client);
                    } finally {
                        kill.cancel(false);
                        closeQuietly(client);
                    }
                });
            } catch (RejectedExecutionException e) {
                kill.cancel(false);
                // the response fits the socket's send buffer: writing it does not block the acceptor
                try {
                    respond(client, 503, errorBody.apply(503, "the server is busy (" + limits.maxConnections()
                            + " connections open); try again"), Map.of());
                } catch (IOException ignored) {
                    // the client went away
                }
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        long deadline = System.nanoTime() + limits.requestTime().toNanos();
        Response response;
        try {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            Request request = read(client, in, deadline);
            try {
                response = handler.handle(request);
            } catch (RuntimeException e) {
                response = new Response(500, errorBody.apply(500, String.valueOf(e.getMessage())), Map.of());
            }
        } catch (Refused r) {
            response = new Response(r.status, errorBody.apply(r.status, r.getMessage()), Map.of());
        } catch (IOException e) {
            return; // the client closed or the reaper did: nobody to answer
        }
        try {
            respond(client, response.status(), response.body(), response.headers());
            lingeringClose(client);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** Reads the request line, the headers and any small declared body, within the limits. */
    private Request read(Socket client, InputStream in, long deadline) throws Refused, IOException {
        String line = line(client, in, deadline, limits.maxRequestLineBytes(), 414,
                "request line longer than " + limits.maxRequestLineBytes() + " bytes");
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new Refused(400, "malformed request line (expected: METHOD /path HTTP/1.1)");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            if (parts[2].startsWith("HTTP/")) throw new Refused(505, "only HTTP/1.0 and HTTP/1.1 are supported");
            throw new Refused(400, "malformed request line (expected: METHOD /path HTTP/1.1)");
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new Refused(400, "malformed request target");
        }
        if (target.getRawPath() == null || !target.getRawPath().startsWith("/")) {
            throw new Refused(400, "the request target must be a path starting with /");
        }
        int headerBytes = 0;
        int headers = 0;
        long contentLength = 0;
        while (true) {
            String h = line(client, in, deadline, limits.maxHeaderBytes() - headerBytes, 431,
                    "headers longer than " + limits.maxHeaderBytes() + " bytes");
            if (h.isEmpty()) break;
            headerBytes += h.length() + 2;
            if (++headers > limits.maxHeaders()) throw new Refused(431, "more than " + limits.maxHeaders() + " headers");
            int colon = h.indexOf(':');
            if (colon <= 0) throw new Refused(400, "malformed header line " + headers);
            String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new Refused(400, "Content-Length is not a number");
                }
                if (contentLength < 0) throw new Refused(400, "Content-Length is negative");
            } else if (name.equals("transfer-encoding")) {
                throw new Refused(501, "request bodies with Transfer-Encoding are not accepted");
            }
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw new Refused(413, "request body of " + contentLength + " bytes (at most " + limits.maxBodyBytes()
                    + " are accepted, and none is used)");
        }
        for (long left = contentLength; left > 0; left--) {
            if (next(client, in, deadline) < 0) throw new IOException("body cut short");
        }
        return new Request(parts[0], target.getRawPath(), target.getRawQuery());
    }

    /** One CRLF- (or LF-) terminated line of at most {@code max} bytes, as ISO-8859-1 text. */
    private String line(Socket client, InputStream in, long deadline, int max, int tooLong, String tooLongMessage)
            throws Refused, IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int b = next(client, in, deadline);
            if (b < 0) throw new IOException("connection closed mid-request");
            if (b == '\n') break;
            if (buf.size() >= max) throw new Refused(tooLong, tooLongMessage);
            buf.write(b);
        }
        byte[] bytes = buf.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The next byte, waiting at most the read timeout and never past the request deadline. */
    private int next(Socket client, InputStream in, long deadline) throws Refused, IOException {
        if (in.available() <= 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) throw timeout();
            client.setSoTimeout((int) Math.max(1, Math.min(left, limits.readTimeout().toMillis())));
        }
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    private Refused timeout() {
        return new Refused(408, "the request did not arrive in time (each byte within "
                + limits.readTimeout().toMillis() + " ms, the whole request within "
                + limits.requestTime().toMillis() + " ms)");
    }

    private static void respond(Socket client, int status, byte[] body, Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Connection", "close");
        headers.putAll(extra);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        OutputStream out = client.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /**
     * Ends the response and drains briefly what the client may still send (an unread body): closing a socket with
     * unread input resets the connection, and the client could lose the response.
     */
    private static void lingeringClose(Socket client) throws IOException {
        client.shutdownOutput();
        client.setSoTimeout(200);
        InputStream in = client.getInputStream();
        byte[] sink = new byte[8192];
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (System.nanoTime() < until && in.read(sink) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException | SocketException ignored) {
            // nothing more came
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        workers.shutdownNow();
        reaper.shutdownNow();
    }
}
