package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes {@code smoke.ipynb} headless with Debian's nbconvert through a kernelspec written by
 * {@link KernelInstaller}: the path analysts and CI take. Fails (no skip) when nbconvert is missing.
 */
class NotebookExecutionIT {

    static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");
    static final String PACKAGES = "apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-ipykernel";

    @TempDir
    Path tmp;

    @Test
    void smokeNotebookRunsHeadlessWithTableAndPng() throws Exception {
        assertTrue(Files.isExecutable(NBCONVERT), "Jupyter's nbconvert is not installed (" + NBCONVERT
                + " missing): the notebook tests need the Debian packages: " + PACKAGES);
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Path data = tmp.resolve("jupyter");
        KernelInstaller.install(data, "kvik", KernelInstaller.currentJava(), KernelMain.ownClasspath());
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.copy(Path.of("src/test/resources/smoke.ipynb"), work.resolve("smoke.ipynb"));
        Map<String, String> env = Map.of(
                "JUPYTER_PATH", data.toString(),
                "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", tmp.resolve("config").toString(),
                "KVIK_HOME", repo.toString());

        long t0 = System.nanoTime();
        run(work, env, "--to", "notebook", "--execute", "smoke.ipynb", "--output", "executed.ipynb",
                "--ExecutePreprocessor.kernel_name=kvik", "--ExecutePreprocessor.timeout=120");
        System.out.printf("nbconvert executed smoke.ipynb in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        JsonObject nb = new Gson().fromJson(Files.readString(work.resolve("executed.ipynb")), JsonObject.class);
        JsonArray cells = nb.getAsJsonArray("cells");
        long contracts;
        try (Stream<Path> files = Files.list(repo.resolve("sql/contracts"))) {
            contracts = files.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertEquals("contracts: " + contracts + "\n", joined(output(cells, 1, "stream").get("text")));

        String html = joined(output(cells, 2, "display_data").getAsJsonObject("data").get("text/html"));
        assertTrue(html.contains("<caption>Registry extract contracts</caption>"), html);
        assertTrue(html.contains("<td>npr_somatic</td>"), html);
        assertTrue(html.contains(contracts + " rows, 3 columns"), html);

        String png = joined(output(cells, 3, "display_data").getAsJsonObject("data").get("image/png"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(png)));
        assertEquals(120, img.getWidth());
        assertEquals(40, img.getHeight());
        assertEquals(0x1f77b4, img.getRGB(1, 39) & 0xffffff, "first bar drawn at the bottom left");

        assertEquals(String.valueOf(contracts),
                joined(output(cells, 4, "execute_result").getAsJsonObject("data").get("text/plain")));

        run(work, env, "--to", "html", "executed.ipynb", "--output", "executed.html");
        String page = Files.readString(work.resolve("executed.html"));
        assertTrue(page.contains("<td>npr_somatic</td>"), "table in the HTML export");
        assertTrue(page.contains("data:image/png;base64,"), "PNG in the HTML export");
    }

    @Test
    void failingCellFailsTheRun() throws Exception {
        assertTrue(Files.isExecutable(NBCONVERT), "nbconvert missing; install: " + PACKAGES);
        Path data = tmp.resolve("jupyter");
        KernelInstaller.install(data, "kvik", KernelInstaller.currentJava(), KernelMain.ownClasspath());
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("bad.ipynb"), """
                {"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
                  "source": ["Integer.parseInt(\\"not a number\\")"]}],
                 "metadata": {"kernelspec": {"name": "kvik", "display_name": "kvik (Java)", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        Result r = exec(work, Map.of("JUPYTER_PATH", data.toString(), "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString()),
                "--to", "notebook", "--execute", "bad.ipynb", "--ExecutePreprocessor.kernel_name=kvik");
        assertTrue(r.exitCode() != 0, "nbconvert must fail on a failing cell\n" + r.output());
        assertTrue(r.output().contains("java.lang.NumberFormatException: For input string: \"not a number\""), r.output());
    }

    private static JsonObject output(JsonArray cells, int cell, String type) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement o : cells.get(cell).getAsJsonObject().getAsJsonArray("outputs")) {
            if (o.getAsJsonObject().get("output_type").getAsString().equals(type)) found.add(o.getAsJsonObject());
        }
        assertEquals(1, found.size(), () -> "cell " + cell + " outputs: " + cells.get(cell));
        return found.get(0);
    }

    /** nbformat stores multi-line strings either as one string or as a list of lines. */
    private static String joined(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }

    record Result(int exitCode, String output) {
    }

    private static void run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Result r = exec(dir, env, args);
        assertEquals(0, r.exitCode(), () -> "nbconvert " + String.join(" ", args) + " failed:\n" + r.output());
    }

    private static Result exec(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(NBCONVERT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = dir.resolve("nbconvert-" + System.nanoTime() + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("nbconvert did not finish within 240 s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
