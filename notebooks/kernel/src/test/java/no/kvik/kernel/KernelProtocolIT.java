package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import no.kvik.kernel.KernelProcess.Execution;
import no.kvik.kernel.KernelProcess.Msg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel as a child process over the real Jupyter protocol (ZeroMQ, signed messages). */
class KernelProtocolIT {

    private static final Duration CELL = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    static Path extraJar;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws IOException {
        extraJar = TestJars.jar(tmp, "FromClasspath", "hello from a jar", tmp.resolve("lib/extra.jar"));
        Path repo = tmp.resolve("m2");
        TestJars.jar(tmp, "FromMaven", "hello from maven", repo.resolve("org/example/greeter/1.2/greeter-1.2.jar"));
        launchKernel();
    }

    private static void launchKernel() throws IOException {
        kernel = KernelProcess.start(tmp, List.of("-Dmaven.repo.local=" + tmp.resolve("m2")));
        Duration started = kernel.awaitReady(Duration.ofSeconds(60));
        System.out.println("kernel answered kernel_info " + started.toMillis() + " ms after launch");
    }

    @AfterAll
    static void stopKernel() {
        if (kernel != null) kernel.close();
    }

    private static Execution ok(String code) {
        Execution e = kernel.execute(code, CELL);
        assertEquals("ok", e.status(), () -> "cell failed: " + code + "\n" + e.reply().content() + "\n" + e.iopub());
        return e;
    }

    private static String text(JsonObject bundle, String mime) {
        JsonElement v = bundle.get(mime);
        if (v == null) throw new AssertionError("no " + mime + " in " + bundle.keySet());
        return v.getAsString();
    }

    private static JsonObject onlyDisplay(Execution e) {
        List<Msg> shown = e.ofType("display_data");
        assertEquals(1, shown.size(), () -> "display_data messages: " + e.iopub());
        return shown.get(0).content().getAsJsonObject("data");
    }

    @Test
    void kernelInfoDescribesJava() {
        String id = kernel.sendShell("kernel_info_request", new JsonObject());
        Msg reply = kernel.shellReply(id, CELL);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals("5.3", reply.content().get("protocol_version").getAsString());
        assertEquals("kvik-kernel", reply.content().get("implementation").getAsString());
        JsonObject lang = reply.content().getAsJsonObject("language_info");
        assertEquals("Java", lang.get("name").getAsString());
        assertEquals(Runtime.version().feature(), Runtime.Version.parse(lang.get("version").getAsString()).feature());
    }

    @Test
    void expressionGivesExecuteResult() {
        Execution e = ok("int a = 6;\nint b = 7;\na * b");
        assertEquals("42", text(e.result(), "text/plain"));
        assertTrue(e.reply().content().get("execution_count").getAsInt() >= 1);
        assertEquals(1, e.ofType("execute_input").size());
    }

    @Test
    void statementsGiveNoResultAndStdoutIsStreamed() {
        Execution e = ok("for (int i = 1; i <= 3; i++) System.out.println(\"line \" + i);\nSystem.out.print(\"no newline\");");
        assertEquals("line 1\nline 2\nline 3\nno newline", e.stdout());
        assertEquals("", ok("int quiet = 0;").stdout());
        assertEquals(0, e.ofType("execute_result").size());
    }

    @Test
    void printedTextAndDisplaysKeepTheirOrder() {
        Execution e = ok("System.out.print(\"before \");\ndisplay(new Html(\"<b>shown</b>\"));\nSystem.out.println(\"after\");");
        List<String> order = e.iopub().stream()
                .filter(m -> m.type().equals("stream") || m.type().equals("display_data"))
                .map(m -> m.type().equals("stream") ? m.content().get("text").getAsString()
                        : m.content().getAsJsonObject("data").get("text/html").getAsString())
                .toList();
        assertEquals(List.of("before ", "<b>shown</b>", "after\n"), order);
    }

    @Test
    void definitionsPersistAcrossCells() {
        ok("int twice(int x) { return 2 * x; }");
        ok("String city = \"Bergen\";");
        assertEquals("42", text(ok("twice(21)").result(), "text/plain"));
        assertEquals("Bergen", text(ok("city").result(), "text/plain"));
    }

    @Test
    void forwardReferencesWaitForTheirDefinition() {
        Execution declared = ok("int useLater() { return laterValue() + 1; }");
        assertTrue(declared.stderr().startsWith("note: method 'int useLater() { return laterValue() + 1; }' can be used only once method laterValue() is defined"),
                declared.stderr());
        Execution early = kernel.execute("useLater()", CELL);
        assertEquals("error", early.status());
        assertEquals("CompilationException", early.reply().content().get("ename").getAsString());
        assertTrue(early.reply().content().get("evalue").getAsString().contains("cannot be used until method laterValue() is defined"),
                early.reply().content().toString());
        ok("int laterValue() { return 41; }");
        assertEquals("42", text(ok("useLater()").result(), "text/plain"));
    }

    @Test
    void engineClassesImportWithoutMagic() throws IOException {
        Path contracts = Path.of("").toAbsolutePath().getParent().getParent().resolve("sql/contracts");
        long expected;
        try (Stream<Path> files = Files.list(contracts)) {
            expected = files.filter(p -> p.toString().endsWith(".json")).count();
        }
        Execution e = ok("import no.kvik.config.KvikHome;\nimport no.kvik.contract.Contracts;\n"
                + "Contracts.load(KvikHome.locate().contracts()).all().size()");
        assertEquals(String.valueOf(expected), text(e.result(), "text/plain"));
    }

    @Test
    void duckDbQueryResultDisplaysAsTable() {
        Execution e = ok("""
                var conn = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var st = conn.prepareStatement("SELECT range AS i, range * ? AS sq FROM range(4) WHERE range > 0");
                st.setInt(1, 10);
                var q = Table.read().db(st.executeQuery(), "query");
                conn.close();
                q
                """);
        String html = text(e.result(), "text/html");
        assertTrue(html.contains("<tr><td style=\"text-align:right\">3</td><td style=\"text-align:right\">30</td></tr>"), html);
        assertTrue(html.contains("3 rows, 2 columns"), html);
    }

    @Test
    void tablesawTableDisplaysAsHtmlTable() {
        Execution e = ok("""
                var t = Table.create("Sykehus",
                    StringColumn.create("hf", "Helse <Bergen>", "Oslo & Akershus", "Tromsø"),
                    IntColumn.create("cases", 120, 95, 33));
                display(t);
                """);
        String html = text(onlyDisplay(e), "text/html");
        assertTrue(html.contains("<caption>Sykehus</caption>"), html);
        assertTrue(html.contains("<th title=\"STRING\">hf</th><th title=\"INTEGER\">cases</th>"), html);
        assertTrue(html.contains("<td>Helse &lt;Bergen&gt;</td><td style=\"text-align:right\">120</td>"), html);
        assertTrue(html.contains("<td>Oslo &amp; Akershus</td><td style=\"text-align:right\">95</td>"), html);
        assertTrue(html.contains("<td>Tromsø</td><td style=\"text-align:right\">33</td>"), html);
        assertTrue(html.contains("3 rows, 2 columns"), html);
    }

    @Test
    void longTableShowsRowLimitAndPages() {
        Execution e = ok("""
                var big = Table.create("big", IntColumn.create("i", java.util.stream.IntStream.range(0, 120).toArray()));
                Notebook.tableRows(50);
                display(big);
                """);
        String html = text(onlyDisplay(e), "text/html");
        assertEquals(50, html.split("<tr><td", -1).length - 1, html);
        assertTrue(html.contains(">49</td>") && !html.contains(">50</td>"), html);
        assertTrue(html.contains("rows 1–50 of 120 (… 70 more rows), 1 column"), html);

        String page = text(ok("page(big, 100, 50)").result(), "text/html");
        assertEquals(20, page.split("<tr><td", -1).length - 1, page);
        assertTrue(page.contains(">100</td>") && page.contains(">119</td>") && !page.contains(">99</td>"), page);
        assertTrue(page.contains("rows 101–120 of 120, 1 column"), page);
    }

    @Test
    void pngDisplaysAsBase64Image() throws IOException {
        Execution e = ok("""
                var img = new java.awt.image.BufferedImage(7, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(2, 1, 0xff0000);
                var bytes = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(img, "png", bytes);
                display(new Png(bytes.toByteArray()));
                """);
        JsonObject data = onlyDisplay(e);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(text(data, "image/png"))));
        assertEquals(7, img.getWidth());
        assertEquals(3, img.getHeight());
        assertEquals(0xff0000, img.getRGB(2, 1) & 0xffffff);
        assertEquals(0, img.getRGB(0, 0) & 0xffffff);
        JsonObject meta = e.ofType("display_data").get(0).content().getAsJsonObject("metadata").getAsJsonObject("image/png");
        assertEquals(7, meta.get("width").getAsInt());
    }

    @Test
    void svgDisplaysInlineAndAsSvg() {
        Execution e = ok("new Svg(\"<?xml version=\\\"1.0\\\"?>\\n<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><circle r='4'/></svg>\")");
        JsonObject data = e.result();
        assertEquals("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><circle r='4'/></svg>", text(data, "text/html"));
        assertTrue(text(data, "image/svg+xml").startsWith("<?xml version=\"1.0\"?>\n<svg"));
    }

    @Test
    void recordDisplaysAsHtml() {
        ok("record Indicator(String id, String title, List<String> sources) {}");
        String html = text(ok("new Indicator(\"NKI-01\", \"Overlevelse < 30 dager\", List.of(\"NPR\", \"DÅR\"))").result(), "text/html");
        assertTrue(html.contains("<caption>Indicator</caption>"), html);
        assertTrue(html.contains(">id</th><td style=\"text-align:left\">NKI-01</td>"), html);
        assertTrue(html.contains("Overlevelse &lt; 30 dager"), html);
        assertTrue(html.contains("<li>NPR</li><li>DÅR</li>"), html);
    }

    @Test
    void exceptionInCellIsAnErrorAndKernelLivesOn() {
        Execution e = kernel.execute("System.out.println(\"before\");\nInteger.parseInt(\"x1\");\nSystem.out.println(\"after\");", CELL);
        assertEquals("error", e.status());
        assertEquals("EvaluationException", e.reply().content().get("ename").getAsString());
        assertEquals("java.lang.NumberFormatException: For input string: \"x1\"", e.reply().content().get("evalue").getAsString());
        assertEquals("before\n", e.stdout());
        List<Msg> errors = e.ofType("error");
        assertEquals(1, errors.size());
        JsonArray traceback = errors.get(0).content().getAsJsonArray("traceback");
        assertEquals("java.lang.NumberFormatException: For input string: \"x1\"", traceback.get(0).getAsString());
        assertTrue(traceback.toString().contains("at java.base/java.lang.Integer.parseInt"), traceback.toString());

        assertEquals("2", text(ok("1 + 1").result(), "text/plain"));
    }

    @Test
    void compileErrorNamesTheProblem() {
        Execution e = kernel.execute("int n = \"text\";", CELL);
        assertEquals("error", e.status());
        assertEquals("CompilationException", e.reply().content().get("ename").getAsString());
        assertTrue(e.reply().content().get("evalue").getAsString().contains("incompatible types"), e.reply().content().toString());
        JsonArray traceback = e.ofType("error").get(0).content().getAsJsonArray("traceback");
        assertEquals("int n = \"text\";", traceback.get(1).getAsString());
        assertEquals("        ^----^", traceback.get(2).getAsString(), traceback.toString());
        assertEquals("error: incompatible types: java.lang.String cannot be converted to int", traceback.get(0).getAsString());
    }

    @Test
    void interruptRequestStopsBusyLoopAndSleep() throws Exception {
        for (String cell : List.of("long n = 0;\nwhile (true) { n++; }", "Thread.sleep(120_000);")) {
            assertInterrupted(cell, () -> {
                String intr = kernel.sendControl("interrupt_request", new JsonObject());
                assertEquals("interrupt_reply", kernel.controlReply(intr, Duration.ofSeconds(10)).type());
            });
        }
        assertEquals("3", text(ok("1 + 2").result(), "text/plain"));
    }

    @Test
    void sigintStopsTheCellNotTheKernel() throws Exception {
        // a process started with SIGINT ignored cannot catch it, nor can the kernel JVM it starts: the busy cell
        // below would then never stop, so say so at once (SigIgn bit of signal 2) rather than wait for it
        long pid = kernel.process().pid();
        String ignored = KernelProcess.ignoredSignals(pid);
        if (ignored != null && KernelProcess.ignores(ignored, 2)) {
            throw new AssertionError("SIGINT is ignored in the kernel process (/proc/" + pid + "/status SigIgn " + ignored
                    + ", signal 2 set; this test JVM's: " + KernelProcess.ignoredSignals(ProcessHandle.current().pid())
                    + "): ignored signals are inherited from whoever started the test run, so kill -INT cannot stop a "
                    + "cell here. A run started in the background from a non-interactive shell (nohup ... &, or cmd & in a "
                    + "script) ignores SIGINT; start it in the foreground, or in a shell with job control (set -m).");
        }
        Runnable sigint = () -> {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start();
                if (!kill.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("kill -INT " + pid + " did not end within 10 s");
                assertEquals(0, kill.exitValue());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertInterrupted("long m = 0;\nwhile (true) { m++; }", sigint);
        sigint.run(); // while idle: nothing to stop, the kernel carries on
        assertEquals("4", text(ok("2 + 2").result(), "text/plain"));
        assertTrue(kernel.process().isAlive());
    }

    private static void assertInterrupted(String cell, Runnable interrupt) throws InterruptedException, IOException {
        JsonObject content = new JsonObject();
        content.addProperty("code", cell);
        content.addProperty("silent", false);
        String id = kernel.sendShell("execute_request", content);
        Thread.sleep(1500); // let the cell start running
        long t0 = System.nanoTime();
        interrupt.run();
        Msg reply;
        try {
            reply = kernel.shellReply(id, Duration.ofSeconds(20));
        } catch (AssertionError notStopped) {
            // the cell runs on and the kernel would answer no later test: start a fresh one for them
            kernel.close();
            launchKernel();
            throw notStopped;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("interrupted '" + cell.lines().reduce((a, b) -> b).orElse("") + "' in " + ms + " ms");
        kernel.iopubUntilIdle(id, Duration.ofSeconds(10));
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("Interrupted", reply.content().get("ename").getAsString());
    }

    @Test
    void completionAndInspection() {
        ok("String s = \"abc\";");
        JsonObject req = new JsonObject();
        String code = "int a = 1;\ns.toUpp";
        req.addProperty("code", code);
        req.addProperty("cursor_pos", code.length());
        Msg reply = kernel.shellReply(kernel.sendShell("complete_request", req), CELL);
        List<String> matches = new ArrayList<>();
        reply.content().getAsJsonArray("matches").forEach(m -> matches.add(m.getAsString()));
        assertTrue(matches.contains("toUpperCase("), matches.toString());
        assertEquals(code.length() - "toUpp".length(), reply.content().get("cursor_start").getAsInt());
        assertEquals(code.length(), reply.content().get("cursor_end").getAsInt());

        JsonObject inspect = new JsonObject();
        String call = "Math.max(";
        inspect.addProperty("code", call);
        inspect.addProperty("cursor_pos", call.length());
        inspect.addProperty("detail_level", 0);
        Msg doc = kernel.shellReply(kernel.sendShell("inspect_request", inspect), CELL);
        assertTrue(doc.content().get("found").getAsBoolean(), doc.content().toString());
        assertTrue(doc.content().getAsJsonObject("data").get("text/plain").getAsString().contains("int Math.max(int a, int b)"), doc.content().toString());

        JsonObject partial = new JsonObject();
        partial.addProperty("code", "for (int i = 0; i < 3; i++) {");
        Msg complete = kernel.shellReply(kernel.sendShell("is_complete_request", partial), CELL);
        assertEquals("incomplete", complete.content().get("status").getAsString());
    }

    @Test
    void inspectShowsTheNotebookApisJavadoc() {
        JsonObject inspect = new JsonObject();
        String call = "Kvik.open(";
        inspect.addProperty("code", call);
        inspect.addProperty("cursor_pos", call.length());
        inspect.addProperty("detail_level", 0);
        Msg doc = kernel.shellReply(kernel.sendShell("inspect_request", inspect), CELL);
        assertTrue(doc.content().get("found").getAsBoolean(), doc.content().toString());
        String text = doc.content().getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains("Kvik Kvik.open(Path store)\n"
                + "Opens an existing store folder (it must hold a manifest)."), text);
    }

    @Test
    void classpathAndMavenMagicsAddJars() {
        Execution cp = ok("%classpath " + extraJar + "\ndemo.FromClasspath.hello()");
        assertEquals("hello from a jar", text(cp.result(), "text/plain"));
        assertEquals("added to class path: " + extraJar + "\n", cp.stdout());

        Execution mvn = ok("%maven org.example:greeter:1.2\ndemo.FromMaven.hello()");
        assertEquals("hello from maven", text(mvn.result(), "text/plain"));

        Execution missing = kernel.execute("%maven org.example:greeter:9.9", CELL);
        assertEquals("error", missing.status());
        assertEquals("MagicException", missing.reply().content().get("ename").getAsString());
        assertTrue(missing.reply().content().get("evalue").getAsString()
                .contains("org.example:greeter:9.9 is not in the local Maven repository"), missing.reply().content().toString());
    }
}
