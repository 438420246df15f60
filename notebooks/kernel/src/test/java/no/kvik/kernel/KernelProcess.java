package no.kvik.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client for tests: starts the kernel as a real child process from a connection file
 * and talks the Jupyter messaging protocol 5.3 to it over ZeroMQ, with HMAC-SHA256 signed messages.
 */
final class KernelProcess implements AutoCloseable {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new Gson();

    /** A received message: type, parent message id and content. */
    record Msg(String type, String parentId, JsonObject content) {
    }

    private final Process process;
    private final Path log;
    private final Mac mac;
    private final String session = UUID.randomUUID().toString();
    private final ZContext zmq = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Instant launched;
    /** The type of each request sent, by message id: a failure names what went unanswered. */
    private final Map<String, String> sentTypes = new ConcurrentHashMap<>();

    private KernelProcess(Process process, Path log, String key, Map<String, Integer> ports, Instant launched) {
        this.process = process;
        this.log = log;
        this.launched = launched;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        shell = connect(SocketType.DEALER, ports.get("shell_port"));
        control = connect(SocketType.DEALER, ports.get("control_port"));
        iopub = connect(SocketType.SUB, ports.get("iopub_port"));
        iopub.subscribe(new byte[0]);
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = zmq.createSocket(type);
        s.setLinger(0);
        s.connect("tcp://127.0.0.1:" + port);
        return s;
    }

    /** Starts the kernel main class with this test JVM's class path, like a kernelspec does. */
    static KernelProcess start(Path workDir, List<String> extraJvmOptions) throws IOException {
        return start(workDir, extraJvmOptions, Map.of());
    }

    /** As {@link #start(Path, List)}, with these environment variables set for the kernel. */
    static KernelProcess start(Path workDir, List<String> extraJvmOptions, Map<String, String> environment) throws IOException {
        Files.createDirectories(workDir);
        String key = UUID.randomUUID().toString();
        Map<String, Integer> ports = freePorts("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port");
        Map<String, Object> connection = new LinkedHashMap<>(ports);
        connection.put("ip", "127.0.0.1");
        connection.put("transport", "tcp");
        connection.put("signature_scheme", "hmac-sha256");
        connection.put("key", key);
        connection.put("kernel_name", "kvik");
        Path connectionFile = workDir.resolve("connection-" + UUID.randomUUID() + ".json");
        Files.writeString(connectionFile, GSON.toJson(connection));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(KernelInstaller.JVM_OPTIONS);
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelMain.class.getName(), connectionFile.toString()));
        Path log = workDir.resolve(connectionFile.getFileName() + ".log");
        Instant launched = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        return new KernelProcess(p, log, key, ports, launched);
    }

    private static Map<String, Integer> freePorts(String... names) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String n : names) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports.put(n, s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) s.close();
        }
        return ports;
    }

    Process process() {
        return process;
    }

    /** Kernel output (stdout and stderr), for failure messages. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the kernel answers kernel_info and its IOPub messages reach us; returns the time from launch. */
    Duration awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String id = send(shell, "kernel_info_request", new JsonObject());
        reply(shell, id, remaining(deadline, timeout));
        Duration startTime = Duration.between(launched, Instant.now());
        // SUB sockets join late: repeat until a status message of ours arrives on IOPub
        while (true) {
            String probe = send(shell, "kernel_info_request", new JsonObject());
            reply(shell, probe, remaining(deadline, timeout));
            if (tryIopubUntilIdle(probe, Duration.ofMillis(1000)) != null) return startTime;
        }
    }

    private Duration remaining(Instant deadline, Duration timeout) {
        Duration d = Duration.between(Instant.now(), deadline);
        if (d.isNegative() || d.isZero()) {
            throw new AssertionError("kernel (pid " + process.pid() + ", alive: " + process.isAlive()
                    + ") did not get ready within " + timeout + ": no IOPub status reached the test\n" + log());
        }
        return d;
    }

    /**
     * The signals the kernel process ignores, as {@code /proc/PID/status} gives them (the hexadecimal SigIgn mask;
     * signal n is bit n - 1); null where there is no {@code /proc} (not Linux).
     */
    static String ignoredSignals(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) return null;
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                    .map(l -> l.substring("SigIgn:".length()).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether signal {@code signal} is set in a SigIgn mask of {@link #ignoredSignals}. */
    static boolean ignores(String sigIgnMask, int signal) {
        return new java.math.BigInteger(sigIgnMask, 16).testBit(signal - 1);
    }

    String sendShell(String type, JsonObject content) {
        return send(shell, type, content);
    }

    String sendControl(String type, JsonObject content) {
        return send(control, type, content);
    }

    Msg shellReply(String id, Duration timeout) {
        return reply(shell, id, timeout);
    }

    Msg controlReply(String id, Duration timeout) {
        return reply(control, id, timeout);
    }

    /** Executes code; returns the execute_reply and all IOPub messages of the request up to idle. */
    Execution execute(String code, Duration timeout) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        String id = send(shell, "execute_request", content);
        Msg reply = reply(shell, id, timeout);
        List<Msg> iopubs = iopubUntilIdle(id, Duration.ofSeconds(10));
        return new Execution(reply, iopubs);
    }

    record Execution(Msg reply, List<Msg> iopub) {
        String status() {
            return reply.content().get("status").getAsString();
        }

        List<Msg> ofType(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }

        String stdout() {
            return stream("stdout");
        }

        String stderr() {
            return stream("stderr");
        }

        private String stream(String name) {
            StringBuilder b = new StringBuilder();
            for (Msg m : ofType("stream")) {
                if (m.content().get("name").getAsString().equals(name)) b.append(m.content().get("text").getAsString());
            }
            return b.toString();
        }

        /** The data bundle of the single execute_result. */
        JsonObject result() {
            List<Msg> r = ofType("execute_result");
            if (r.size() != 1) throw new AssertionError("expected one execute_result, got " + iopub);
            return r.get(0).content().getAsJsonObject("data");
        }
    }

    List<Msg> iopubUntilIdle(String parentId, Duration timeout) {
        List<Msg> msgs = tryIopubUntilIdle(parentId, timeout);
        if (msgs == null) {
            throw new AssertionError("no idle status on IOPub for " + describe(parentId) + " within " + timeout + " (kernel pid "
                    + process.pid() + ", alive: " + process.isAlive() + ")\n" + log());
        }
        return msgs;
    }

    /** IOPub messages whose parent is {@code parentId}, up to its idle status; null on timeout. */
    List<Msg> tryIopubUntilIdle(String parentId, Duration timeout) {
        List<Msg> msgs = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Msg m = receive(iopub, Duration.between(Instant.now(), deadline));
            if (m == null) return null;
            if (!parentId.equals(m.parentId())) continue;
            if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) return msgs;
            msgs.add(m);
        }
        return null;
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("username", "test");
        header.addProperty("session", session);
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[][] parts = {
                GSON.toJson(header).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8),
                GSON.toJson(content).getBytes(StandardCharsets.UTF_8)};
        sentTypes.put(id, type);
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(parts));
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) socket.sendMore(parts[i]);
            else socket.send(parts[i]);
        }
        return id;
    }

    private Msg reply(ZMQ.Socket socket, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            Msg m = left.isNegative() ? null : receive(socket, left);
            if (m == null) {
                throw new AssertionError("no reply to " + describe(id) + " within " + timeout + " (kernel pid " + process.pid()
                        + ", alive: " + process.isAlive() + "; a kernel still busy with an earlier cell answers nothing)\n" + log());
            }
            if (id.equals(m.parentId())) return m;
        }
    }

    private String describe(String id) {
        return sentTypes.getOrDefault(id, "message") + " " + id;
    }

    /** Receives one message, verifying its signature; null on timeout. */
    private Msg receive(ZMQ.Socket socket, Duration timeout) {
        socket.setReceiveTimeOut((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv();
        if (first == null) return null;
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv());
        int d = 0;
        while (d < frames.size() && !java.util.Arrays.equals(frames.get(d), DELIMITER)) d++;
        if (frames.size() < d + 6) throw new AssertionError("malformed message: " + frames.size() + " frames");
        byte[][] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        if (!signature.equals(new String(sign(parts), StandardCharsets.US_ASCII))) {
            throw new AssertionError("bad HMAC signature on message from kernel");
        }
        JsonObject header = GSON.fromJson(new String(parts[0], StandardCharsets.UTF_8), JsonObject.class);
        JsonObject parent = GSON.fromJson(new String(parts[1], StandardCharsets.UTF_8), JsonObject.class);
        JsonObject content = GSON.fromJson(new String(parts[3], StandardCharsets.UTF_8), JsonObject.class);
        String parentId = parent.has("msg_id") ? parent.get("msg_id").getAsString() : null;
        return new Msg(header.get("msg_type").getAsString(), parentId, content);
    }

    private byte[] sign(byte[][] parts) {
        synchronized (mac) {
            for (byte[] p : parts) mac.update(p);
            return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Sends shutdown_request on the control channel and waits for the reply and the process exit. */
    int shutdown(Duration timeout) throws java.lang.InterruptedException {
        JsonObject content = new JsonObject();
        content.addProperty("restart", false);
        String id = sendControl("shutdown_request", content);
        controlReply(id, timeout);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("kernel process did not exit within " + timeout + " after shutdown_reply\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        zmq.close();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (java.lang.InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
