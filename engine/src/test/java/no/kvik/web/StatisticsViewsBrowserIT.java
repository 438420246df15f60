package no.kvik.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import no.kvik.release.ReleaseFiles;
import no.kvik.release.ReleaseTestAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The statistics views in a real browser: {@code kvik serve} is started as its own process over the shared test
 * release, and Debian's Chromium, driven through {@code /usr/bin/chromedriver} (package {@code chromium-driver}),
 * opens the start page, searches, opens an indicator, switches level and period, compares two units, and takes
 * screenshots at desktop (1280 px) and phone (390 px) width whose pixels must show drawn charts and tables. The
 * browser's console must stay empty (a script error or a Content-Security-Policy violation would be logged there).
 * Screenshots stay in {@code target/web-screenshots/}.
 */
class StatisticsViewsBrowserIT {
    static final Path SHOTS = Path.of("target", "web-screenshots");
    private static final String SURVIVAL = "all_cause_30d_survival";

    private static Process serve;
    private static String base;
    private static Path release;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        release = ReleaseTestAccess.releaseFolder();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "no.kvik.cli.Kvik", "serve",
                "--releases", release.getParent().toString(), "--port", "0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)/ ").matcher(line == null ? "" : line);
        if (!m.find()) fail("kvik serve did not print its address: " + line);
        base = m.group(1);
        for (String tool : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " is needed: apt-get install -y --no-install-recommends chromium chromium-driver");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory("kvik-web-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) serve.destroyForcibly();
        }
    }

    /** A viewport of {@code width} CSS pixels; a phone width is emulated as a mobile device (the viewport meta applies). */
    private static void viewport(int width, int height, boolean mobile) {
        Map<String, Object> metrics = new HashMap<>();
        metrics.put("width", width);
        metrics.put("height", height);
        metrics.put("deviceScaleFactor", 1);
        metrics.put("mobile", mobile);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", metrics);
    }

    private static void open(String pathAndQuery) {
        driver.get(base + pathAndQuery);
    }

    private static List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) out.add(e.getLevel() + " " + e.getMessage());
        return out;
    }

    private static long visible(String css) {
        return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).count();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void browseSearchChooseCompareAndScreenshot() throws Exception {
        viewport(1280, 900, false);
        open("/");
        assertEquals(9, visible("li[data-search]"), "three indicators in three groupings");
        // keyboard: the first Tab reaches the skip link
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Hopp til innholdet", driver.switchTo().activeElement().getText());

        // typing filters the lists at once (kvik.js); Enter asks the server (works without JS)
        WebElement search = driver.findElement(By.id("q"));
        search.sendKeys("overlevelse");
        assertEquals(3, visible("li[data-search]"), "live filter");
        assertEquals("1 treff", driver.findElement(By.id("match-count")).getText(), "one indicator, listed in three groupings");
        search.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("q=overlevelse"));
        assertEquals(3, driver.findElements(By.cssSelector("li[data-search]")).size(), "answered by the server");

        // open the indicator from the list
        driver.findElement(By.cssSelector("#by-area a[href$='/indicators/" + SURVIVAL + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/indicators/" + SURVIVAL));
        assertEquals("30 dagers overlevelse etter sykehusinnleggelse (totaloverlevelse)", driver.findElement(By.tagName("h1")).getText());
        assertEquals(List.of("H1", "H2", "H2", "H2", "H2", "H2", "H2", "H2", "H2", "H2"), headings(), "headings in order");

        // switch level and period with the plain GET form
        new Select(driver.findElement(By.id("level"))).selectByValue("hospital");
        new Select(driver.findElement(By.id("period"))).selectByValue("2022");
        driver.findElement(By.cssSelector("form.choose button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("level=hospital&period=2022"));
        assertEquals(released(SURVIVAL, "hospital", "2022").size(), driver.findElements(By.cssSelector("table.results tbody tr")).size());
        // a level and period other than the report's has its own funnel (funnels.json), points named and tabled
        assertEquals(1, visible("figure.funnel svg"), "hospitals 2022 have their funnel");
        assertEquals(released(SURVIVAL, "hospital", "2022").stream().filter(r -> r.get("suppressed").isNull() && !r.get("z").isNull()).count(),
                driver.findElements(By.cssSelector("table.funnel-points tbody tr")).size(), "one table row per published point");
        new Select(driver.findElement(By.id("period"))).selectByValue("2023");
        driver.findElement(By.cssSelector("form.choose button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("period=2023"));
        List<JsonNode> hospitals = released(SURVIVAL, "hospital", "2023");
        assertEquals(hospitals.size(), driver.findElements(By.cssSelector("table.results tbody tr")).size());
        assertTrue(driver.findElements(By.cssSelector("table.results .suppressed")).stream()
                .allMatch(e -> e.getText().startsWith("Prikket: ")), "every suppressed cell gives its reason");
        assertEquals(1, visible("figure.funnel svg"), "the release's funnel is of hospitals 2023");

        // compare two units with values: tick them with the keyboard, then submit
        List<String> two = hospitals.stream().filter(r -> !r.get("value").isNull()).map(r -> r.get("unit_id").asText()).limit(2).toList();
        for (String unit : two) {
            WebElement box = driver.findElement(By.cssSelector("form.compare input[value='" + unit + "']"));
            js("arguments[0].scrollIntoView({block: 'center'})", box);
            box.sendKeys(Keys.SPACE);
            assertTrue(box.isSelected(), unit);
        }
        driver.findElement(By.cssSelector("form.compare button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("units="));
        assertEquals(3, driver.findElements(By.cssSelector("table.comparison thead th")).size(), "period + two units");
        String comparedUrl = driver.getCurrentUrl();

        // desktop width: every chart drawn, every table drawn, the page not wider than the window
        for (String chart : List.of("trend", "caterpillar", "funnel", "comparison")) {
            checkChart(chart, "desktop", 1280);
        }
        checkTable("table.results", "desktop");
        checkTable("table.comparison", "desktop");
        assertTrue(((Number) js("return document.documentElement.scrollWidth")).intValue() <= 1280);

        // phone width: the same page laid out in 390 px; wide tables scroll in their own region
        viewport(390, 844, true);
        driver.get(comparedUrl);
        for (String chart : List.of("trend", "caterpillar", "funnel", "comparison")) {
            checkChart(chart, "phone", 390);
        }
        checkTable("table.results", "phone");
        assertEquals(390L, ((Number) js("return document.documentElement.scrollWidth")).longValue(), "no sideways scrolling of the page");
        Files.write(SHOTS.resolve("indicator-phone-top.png"), driver.getScreenshotAs(OutputType.BYTES));
        viewport(1280, 900, false);
        assertEquals(List.of(), console().stream().filter(l -> !l.startsWith("INFO") && !l.startsWith("DEBUG")).toList(), "console");
    }

    /** The download link of the selection returns the release's rows of that selection (the export solution). */
    @Test
    void downloadedCsvHasTheReleasedRowsOfTheSelection() throws Exception {
        viewport(1280, 900, false);
        open("/releases/" + release.getFileName() + "/indicators/" + SURVIVAL + "?level=hospital&period=2023");
        String href = driver.findElement(By.cssSelector("#download a.download-csv")).getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode(), href + ": " + csv.body());
        List<List<String>> table = parseCsv(csv.body());
        List<String> header = table.get(0);
        Set<String> got = new TreeSet<>();
        for (List<String> row : table.subList(1, table.size())) {
            got.add(row.get(header.indexOf("indicator_id")) + "|" + row.get(header.indexOf("level")) + "|"
                    + row.get(header.indexOf("period_label")) + "|" + row.get(header.indexOf("unit_id")));
        }
        Set<String> expected = new TreeSet<>();
        for (JsonNode r : released(SURVIVAL, "hospital", "2023")) {
            expected.add(SURVIVAL + "|hospital|2023|" + r.get("unit_id").asText());
        }
        assertEquals(expected, got);
        assertEquals(expected.size(), table.size() - 1, "one line per released row");
    }

    private static List<String> headings() {
        List<String> out = new ArrayList<>();
        for (WebElement h : driver.findElements(By.cssSelector("main h1, main h2"))) out.add(h.getTagName().toUpperCase());
        return out;
    }

    private static List<JsonNode> released(String id, String level, String period) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : ReleaseFiles.JSON.readTree(release.resolve("results.json").toFile())) {
            if (r.get("indicator_id").asText().equals(id) && r.get("level").asText().equals(level)
                    && r.get("period_label").asText().equals(period)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Screenshots the chart's figure; the SVG must fit the width and show ink and coloured marks (lines, points,
     * limits: pixels whose channels differ by more than 60, which grey text, axes and antialiasing never do).
     */
    private static void checkChart(String chart, String width, int maxWidth) throws Exception {
        WebElement svg = driver.findElement(By.cssSelector("figure." + chart + " svg"));
        js("arguments[0].scrollIntoView({block: 'start'})", svg);
        int w = svg.getRect().getWidth();
        assertTrue(w > 0 && w <= maxWidth, chart + " " + width + " width " + w);
        byte[] png = svg.getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(chart + "-" + width + ".png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] counts = pixels(image);
        int all = image.getWidth() * image.getHeight();
        assertTrue(counts[0] > all / 200, chart + " " + width + ": ink " + counts[0] + " of " + all);
        assertTrue(counts[1] > 20, chart + " " + width + ": coloured pixels " + counts[1]);
    }

    /** Screenshots a table: it must show text (dark pixels) and its cell borders (grey). */
    private static void checkTable(String css, String width) throws Exception {
        WebElement table = driver.findElement(By.cssSelector(css));
        js("arguments[0].scrollIntoView({block: 'start'})", table);
        byte[] png = table.getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(css.replace('.', '-') + "-" + width + ".png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int dark = 0;
        int grey = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r < 80 && g < 80 && b < 80) dark++;
                if (Math.abs(r - 0xbb) < 12 && Math.abs(g - 0xbb) < 12 && Math.abs(b - 0xbb) < 12) grey++;
            }
        }
        assertTrue(image.getHeight() > 40, css + " " + width + " height " + image.getHeight());
        assertTrue(dark > 200, css + " " + width + ": text pixels " + dark);
        assertTrue(grey > image.getHeight(), css + " " + width + ": border pixels " + grey);
    }

    /** {non-white pixels, coloured pixels}. */
    private static int[] pixels(BufferedImage image) {
        int ink = 0;
        int colour = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (rgb != 0xffffff) ink++;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) colour++;
            }
        }
        return new int[] {ink, colour};
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString().replaceAll("\r$", ""));
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
