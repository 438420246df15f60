package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.release.ReleaseTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the release report in headless Chromium (Debian package {@code chromium}) from disk and checks
 * the laid-out DOM: indicator sections, numeric table cells, visible charts, and no console messages
 * (Chromium logs every console call and uncaught error as a CONSOLE line with --enable-logging=stderr).
 */
class ReleaseReportBrowserIT {
    @TempDir
    Path tmp;

    record Rendered(String dom, List<String> console) {
    }

    static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
            }
        }
        fail("headless Chromium is needed for the report test: install the Debian package 'chromium' "
                + "(apt-get install -y --no-install-recommends chromium)");
        return null;
    }

    Rendered render(Path html) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        Path out = tmp.resolve("dom-" + html.getFileName() + ".html");
        Path err = tmp.resolve("stderr-" + html.getFileName() + ".txt");
        Process p = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--dump-dom", html.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(err));
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) console.add(line);
        }
        return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    @Test
    void consoleMessagesAreDetected() throws Exception {
        // the control: without it a broken log check would pass every report
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>");
        Rendered r = render(bad);
        assertEquals(1, r.console().size(), String.join("\n", r.console()));
        assertTrue(r.console().get(0).contains("undefinedFunction"), r.console().get(0));
    }

    @Test
    void reportRendersWithTablesChartsAndNoConsoleErrors() throws Exception {
        Path report = ReleaseTestAccess.releaseFolder().resolve("report.html");
        Rendered r = render(report);
        assertEquals(List.of(), r.console());
        String dom = r.dom();
        for (String id : ReleaseTestAccess.indicators()) {
            assertTrue(dom.contains("<section class=\"indicator\" id=\"" + id + "\">"), id);
        }
        assertTrue(dom.contains("<h2>Main findings</h2>"));
        assertTrue(dom.contains("Results-based financing 2024"));
        // numeric cells: every results table's value cells hold numbers
        Matcher cells = Pattern.compile("<td class=\"num\">([^<]*)</td>").matcher(dom);
        int numeric = 0;
        while (cells.find()) {
            if (cells.group(1).matches("-?\\d+(\\.\\d+)?( – -?\\d+(\\.\\d+)?)?")) numeric++;
        }
        assertTrue(numeric > 50, "numeric cells: " + numeric);
        int svgs = count(dom, "<svg");
        // one chart per figure: a trend per indicator, a caterpillar where sub-national values are not all suppressed
        assertEquals(count(dom, "<figure class=\"trend\">"), ReleaseTestAccess.indicators().size());
        assertEquals(count(dom, "<figure class="), svgs);
        Matcher visible = Pattern.compile("data-charts-visible=\"(\\d+)\"").matcher(dom);
        assertTrue(visible.find(), "the load handler did not run");
        assertEquals(svgs, Integer.parseInt(visible.group(1)));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
