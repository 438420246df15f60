package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's notebooks, executed headless through the kvik kernel on the synthetic default store
 * (notebooks/run-notebooks.sh, which fails on any cell error), and the release notebook's HTML export opened
 * in headless Chromium: its tables hold numbers and its charts are decoded, visible PNG images.
 * Fails (no skip) when nbconvert or Chromium is missing, naming the Debian packages.
 */
class NotebooksHeadlessIT {
    static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String PACKAGES = "apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client "
            + "python3-ipykernel chromium";
    static final List<String> NOTEBOOKS = List.of("data-quality", "exploring-variation", "oecd-delivery", "release-report", "tour");
    /** Charts the release notebook draws: one funnel per indicator of its first cell. */
    static final int RELEASE_CHARTS = 5;

    @TempDir
    Path tmp;

    @Test
    void everyNotebookRunsAndTheReleaseReportShowsNumbersAndCharts() throws Exception {
        assertTrue(Files.isExecutable(NBCONVERT), NBCONVERT + " is missing; install the Debian packages: " + PACKAGES);
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing; install the Debian packages: " + PACKAGES);
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Path jupyter = tmp.resolve("jupyter");
        KernelInstaller.install(jupyter, "kvik", KernelInstaller.currentJava(), KernelMain.ownClasspath());
        Path out = tmp.resolve("executed");

        long t0 = System.nanoTime();
        Result run = exec(repo, Map.of("KVIK_JUPYTER_PATH", jupyter.toString(), "KVIK_NOTEBOOK_OUT", out.toString(),
                "KVIK_HOME", repo.toString()), 1500, "bash", repo.resolve("notebooks/run-notebooks.sh").toString());
        System.out.printf("run-notebooks.sh: %d s%n%s%n", (System.nanoTime() - t0) / 1_000_000_000, run.output());
        assertEquals(0, run.exitCode(), () -> "notebooks failed:\n" + run.output());

        for (String name : NOTEBOOKS) {
            JsonObject nb = new Gson().fromJson(Files.readString(out.resolve(name + ".ipynb")), JsonObject.class);
            for (JsonElement cell : nb.getAsJsonArray("cells")) {
                JsonArray outputs = cell.getAsJsonObject().getAsJsonArray("outputs");
                if (outputs == null) continue;
                for (JsonElement o : outputs) {
                    assertTrue(!o.getAsJsonObject().get("output_type").getAsString().equals("error"), name + ": " + o);
                }
            }
        }

        // the "change the period" cell draws the funnel of the period it names (two years pooled), not the latest year's
        String exploring = Files.readString(out.resolve("exploring-variation.ipynb"));
        Matcher period = Pattern.compile("funnel of (\\d{4})-(\\d{4}) in ").matcher(exploring);
        assertTrue(period.find(), "the period cell prints the period of its funnel");
        assertEquals(Integer.parseInt(period.group(1)) + 1, Integer.parseInt(period.group(2)), period.group());

        Path html = out.resolve("release-report.html");
        String page = Files.readString(html);
        assertTrue(count(page, "data:image/png;base64,") >= RELEASE_CHARTS, "PNG charts in the export");

        // the export with a probe that reports, after load, every image's decoded and shown size and the table cells
        Path probe = tmp.resolve("probe.html");
        int end = page.lastIndexOf("</body>");
        Files.writeString(probe, page.substring(0, end) + PROBE + page.substring(end));
        Result dom = chromium(tmp, "--dump-dom", probe.toUri().toString());
        assertEquals(0, dom.exitCode(), dom.output());
        Matcher m = Pattern.compile("<pre id=\"kvik-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom.output());
        assertTrue(m.find(), "probe output in the DOM:\n" + tail(dom.output()));
        JsonObject found = new Gson().fromJson(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"), JsonObject.class);
        JsonArray images = found.getAsJsonArray("images");
        assertTrue(images.size() >= RELEASE_CHARTS, "images: " + images);
        for (JsonElement e : images) {
            JsonObject img = e.getAsJsonObject();
            assertTrue(img.get("naturalWidth").getAsInt() >= 300 && img.get("naturalHeight").getAsInt() >= 200,
                    "a chart decoded by the browser: " + img);
            assertTrue(img.get("shownWidth").getAsInt() > 100 && img.get("shownHeight").getAsInt() > 100,
                    "a chart laid out visibly: " + img);
        }
        int cells = found.get("cells").getAsInt();
        int numeric = found.get("numericCells").getAsInt();
        System.out.printf("release report in Chromium: %d images, %d table cells, %d numeric%n", images.size(), cells, numeric);
        assertTrue(numeric >= 200 && numeric * 3 >= cells, numeric + " numeric of " + cells + " table cells");
        assertTrue(found.get("overviewNumbers").getAsInt() >= 5, "the overview table holds numbers: " + found);

        // a screenshot of the unmodified export, tall enough to hold the first charts: the browser painted them
        Path shot = tmp.resolve("shot.png");
        Result s = chromium(tmp, "--screenshot=" + shot, "--window-size=1200,8000", html.toUri().toString());
        assertEquals(0, s.exitCode(), s.output());
        BufferedImage img = ImageIO.read(shot.toFile());
        long coloured = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) coloured++;
            }
        }
        System.out.printf("screenshot %dx%d: %d coloured pixels%n", img.getWidth(), img.getHeight(), coloured);
        assertTrue(coloured > 500, "the screenshot shows a coloured chart (points, limits): " + coloured + " coloured pixels");
    }

    /** Runs after load: sizes of every image and counts of table cells holding numbers, written into the DOM. */
    static final String PROBE = """
            <script>
            window.addEventListener('load', () => {
              const imgs = [...document.querySelectorAll('img')].map(i => {
                const r = i.getBoundingClientRect();
                return {naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
                        shownWidth: Math.round(r.width), shownHeight: Math.round(r.height)};
              });
              const num = t => /^[-+]?[0-9][0-9 ,.]*(e[-+]?[0-9]+)?%?$/i.test(t.trim());
              const tds = [...document.querySelectorAll('td')].map(td => td.textContent.trim()).filter(t => t.length > 0);
              const overview = [...document.querySelectorAll('table')]
                  .filter(t => (t.querySelector('caption') || {}).textContent?.startsWith('overview'));
              const overviewNumbers = overview.length === 0 ? 0
                  : [...overview[0].querySelectorAll('td')].filter(td => num(td.textContent)).length;
              const pre = document.createElement('pre');
              pre.id = 'kvik-probe';
              pre.textContent = JSON.stringify({images: imgs, cells: tds.length, numericCells: tds.filter(num).length,
                                                overviewNumbers: overviewNumbers});
              document.body.appendChild(pre);
            });
            </script>
            """;

    private Result chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        return exec(dir, Map.of(), 120, cmd.toArray(String[]::new));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
    }

    record Result(int exitCode, String output) {
    }

    private Result exec(Path dir, Map<String, String> env, int timeoutSeconds, String... cmd)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(tmp, "exec-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            try (Stream<ProcessHandle> d = p.descendants()) {
                d.forEach(ProcessHandle::destroyForcibly);
            }
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s:\n"
                    + tail(Files.readString(log)));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
