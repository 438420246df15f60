package no.kvik.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.release.ApiServer;
import no.kvik.release.ReleaseFiles;
import no.kvik.release.ReleaseTestAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics views over the shared test release (edition 2024-1, three indicators of a scale-0.002 synthetic
 * store). Expected values are read from the release's {@code results.json} and {@code report.html} by the test itself
 * (Jackson and a regular expression), not through {@link ReleaseData}.
 */
class StatisticsViewsTest {
    private static final String HIP = "hip_fracture_surgery_48h";
    /** Yearly; in the tiny store its hospitals of 2023 are partly published, partly suppressed, and funnelled. */
    private static final String SURVIVAL = "all_cause_30d_survival";
    /** The reasons the page must give, by the release's suppression code (issue #18: "too few cases"). */
    private static final Map<String, String> REASONS = Map.of("primary_denominator", "too few cases",
            "primary_numerator", "too few events", "secondary", "suppressed to protect another cell",
            "pooled", "too few cases in the period; pooled over years");

    private static Path release;
    private static StatisticsViews views;
    private static List<JsonNode> rows;

    @BeforeAll
    static void load() throws Exception {
        release = ReleaseTestAccess.releaseFolder();
        views = new StatisticsViews(release.getParent());
        rows = new ArrayList<>();
        ReleaseFiles.JSON.readTree(release.resolve("results.json").toFile()).forEach(rows::add);
    }

    private static String page(String path, String query, int status) {
        ApiServer.Page p = views.get(path, query);
        String html = new String(p.body(), StandardCharsets.UTF_8);
        assertEquals(status, p.status(), html);
        assertEquals("text/html; charset=utf-8", p.contentType());
        return html;
    }

    private static List<JsonNode> rows(String id, String level, String period) {
        return rows.stream().filter(r -> r.get("indicator_id").asText().equals(id) && r.get("level").asText().equals(level)
                && (period == null || r.get("period_label").asText().equals(period))).toList();
    }

    /** The latest tertial of the hip-fracture indicator (its own periods are four months). */
    private static String latestTertial() {
        return rows(HIP, "nation", null).stream().map(r -> r.get("period_label").asText()).filter(p -> p.matches("\\d{4}-T\\d"))
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private static String percent(JsonNode v) {
        return String.format(Locale.ROOT, "%.1f %%", v.asDouble() * 100);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    @Test
    void startPageListsEveryIndicatorByAreaDimensionAndType() {
        String html = page("/", null, 200);
        assertTrue(html.contains("<html lang=\"nb\">"));
        for (String id : ReleaseTestAccess.indicators()) {
            // one link in each of the three groupings
            assertEquals(3, count(html, "href=\"/releases/2024-1/indicators/" + id + "\""), id);
        }
        assertTrue(html.contains("<h2>Etter område</h2>") && html.contains("<h2>Etter kvalitetsdimensjon (OECD)</h2>")
                && html.contains("<h2>Etter type</h2>"));
        assertTrue(html.contains("<h3>Prosess</h3>") && html.contains("<h3>Resultat</h3>"), "types of the three indicators");
        assertEquals(html, page("/releases/2024-1/", null, 200), "the latest edition is the start page");
        String en = page("/releases/2024-1/", "lang=en", 200);
        assertTrue(en.contains(">Hip fracture operated within 48 hours</a>"), en);
        assertTrue(html.contains(">Hoftebrudd operert innen 48 timer</a>"), html);
    }

    @Test
    void searchIsAnsweredByTheServerInEitherLanguage() {
        String html = page("/releases/2024-1/", "q=hoftebrudd", 200);
        assertEquals(3, count(html, "/indicators/" + HIP + "\""));
        assertEquals(0, count(html, "/indicators/all_cause_30d_survival\""));
        assertTrue(html.contains("1 treff"), html);
        String en = page("/releases/2024-1/", "q=Hip+48&lang=en", 200);
        assertEquals(3, count(en, "/indicators/" + HIP + "?lang=en\""));
        assertTrue(en.contains("1 found"), en);
        String none = page("/", "q=%3Cscript%3Ealert(1)%3C/script%3E", 200);
        assertTrue(none.contains("Ingen indikator passer til søket."));
        assertTrue(none.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "the search words are escaped");
        assertFalse(none.contains("<script>alert"));
    }

    @Test
    void indicatorTableShowsTheReleasedValuesAndWhyCellsAreSuppressed() {
        String period = "2023";
        String html = page("/releases/2024-1/indicators/" + SURVIVAL, "level=hospital&period=" + period + "&lang=en", 200);
        List<JsonNode> expected = rows(SURVIVAL, "hospital", period);
        assertTrue(expected.size() > 3, "hospital rows in " + period);
        Pattern row = Pattern.compile("<tr data-unit=\"([^\"]*)\"><th scope=\"row\">([^<]*)</th><td class=\"num\">([^<]*)</td>"
                + "<td class=\"num\">([^<]*)</td><td>(.*?)</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td>");
        Matcher m = row.matcher(html.substring(html.indexOf("<section id=\"results\">")));
        Map<String, String[]> shown = new LinkedHashMap<>();
        while (m.find()) shown.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)});
        assertEquals(expected.size(), shown.size(), "one table row per released hospital row");
        int suppressed = 0;
        for (JsonNode r : expected) {
            String[] cells = shown.get(r.get("unit_id").asText());
            assertEquals(r.get("unit_name").asText(), cells[0].replace("&amp;", "&"));
            if (r.get("suppressed").isNull()) {
                assertEquals(percent(r.get("value")), cells[1], r.toString());
                assertEquals(percent(r.get("ci_low")) + " – " + percent(r.get("ci_high")), cells[2]);
                assertEquals(String.valueOf(r.get("numerator").asLong()), cells[4]);
                assertEquals(String.valueOf(r.get("denominator").asLong()), cells[5]);
                assertEquals("", cells[3]);
            } else {
                suppressed++;
                assertEquals("", cells[1], "a suppressed cell shows no value");
                String reason = REASONS.get(r.get("suppressed").asText());
                assertTrue(cells[3].contains("Suppressed: " + reason), cells[3]);
            }
        }
        assertTrue(suppressed > 0, "the tiny store suppresses some hospital cells");
        // Norwegian: decimal comma
        JsonNode published = expected.stream().filter(r -> !r.get("value").isNull()).findFirst().orElseThrow();
        String no = page("/releases/2024-1/indicators/" + SURVIVAL, "level=hospital&period=" + period, 200);
        assertTrue(no.contains("<td class=\"num\">" + percent(published.get("value")).replace('.', ',') + "</td>"));
        assertTrue(no.contains("for få tilfeller"), "Norwegian reason");
    }

    @Test
    void nationalTrendIsAChartAndATableOfTheNationalRows() {
        String html = page("/releases/2024-1/indicators/" + HIP, "lang=en", 200);
        String trend = html.substring(html.indexOf("<section id=\"trend\">"), html.indexOf("<section id=\"choose\">"));
        assertTrue(trend.contains("<svg role=\"img\" aria-label=\"National trend\""), trend);
        List<JsonNode> nation = rows(HIP, "nation", null).stream().filter(r -> r.get("period_label").asText().matches("\\d{4}-T\\d")).toList();
        assertEquals(6, nation.size());
        for (JsonNode r : nation) {
            String cell = "<tr><th scope=\"row\">" + r.get("period_label").asText() + "</th><td class=\"num\">"
                    + (r.get("value").isNull() ? "" : percent(r.get("value"))) + "</td>";
            assertTrue(trend.contains(cell), cell);
        }
        // one point per published national value
        assertEquals(nation.stream().filter(r -> !r.get("value").isNull()).count(), count(trend, "<circle "));
    }

    @Test
    void defaultsAreTheFirstSubNationalLevelAndTheLatestOwnPeriod() {
        String html = page("/releases/2024-1/indicators/" + HIP, null, 200);
        assertTrue(html.contains("<option value=\"rhf\" selected>"), "first level below nation");
        assertTrue(html.contains("<option value=\"" + latestTertial() + "\" selected>"));
        assertTrue(html.contains("href=\"/releases/2024-1/export.csv?indicators=" + HIP + "&amp;levels=rhf&amp;periods="
                + latestTertial() + "\""), "download link of the selection");
        assertTrue(html.contains("href=\"/releases/2024-1/indicators/" + HIP + "?level=rhf&amp;period=" + latestTertial() + "\""),
                "permanent link with every choice explicit");
    }

    @Test
    void comparedUnitsAreALineChartAndATableOverThePeriods() {
        List<String> units = rows(SURVIVAL, "hospital", "2023").stream().filter(r -> !r.get("value").isNull())
                .map(r -> r.get("unit_id").asText()).limit(2).toList();
        assertEquals(2, units.size());
        String html = page("/releases/2024-1/indicators/" + SURVIVAL, "level=hospital&units=" + units.get(0) + "&units=" + units.get(1) + "&lang=en", 200);
        String compare = html.substring(html.indexOf("<section id=\"compare\">"));
        assertTrue(compare.contains("<figure class=\"chart comparison\">"));
        assertEquals(2, count(compare, "\" checked>"), "the chosen units stay ticked");
        for (String u : units) {
            for (JsonNode r : rows(SURVIVAL, "hospital", null)) {
                if (!r.get("unit_id").asText().equals(u) || r.get("value").isNull()) continue;
                assertTrue(compare.contains("<td class=\"num\">" + percent(r.get("value")) + "</td>"), r.toString());
            }
        }
        // the comma-separated form of the permanent link reads the same
        assertEquals(html, page("/releases/2024-1/indicators/" + SURVIVAL, "level=hospital&units=" + String.join(",", units) + "&lang=en", 200));
        String sorted = String.join(",", units.stream().sorted().toList());
        assertTrue(compare.contains("export.csv?indicators=" + SURVIVAL + "&amp;levels=hospital&amp;units=" + sorted + "\""), compare);
    }

    /** The funnels of an indicator in the release's funnels.json, read with Jackson (not through ReleasedFunnels). */
    private static List<JsonNode> releasedFunnels(String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : ReleaseFiles.JSON.readTree(release.resolve("funnels.json").toFile()).get("funnels")) {
            if (f.get("indicatorId").asText().equals(id)) out.add(f);
        }
        return out;
    }

    private static String funnelSection(String html) {
        return html.substring(html.indexOf("<section id=\"funnel\">"), html.indexOf("<section id=\"compare\">"));
    }

    /** 3 significant digits as the page writes z (English). */
    private static String sig3(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * Every level and period with a released funnel gets its own chart on the page: one point per published unit
     * of results.json (every unsuppressed row with a z), named by its unit name (never its id), and a table of the
     * same points with counts, z and flag from results.json; the caption gives method, φ, τ² and the centre.
     */
    @Test
    void theFunnelOfEveryLevelAndPeriodIsDrawnFromTheReleasedFunnels() throws Exception {
        int drawn = 0;
        for (String id : List.of(SURVIVAL, HIP)) {
            for (JsonNode f : releasedFunnels(id)) {
                if (f.get("points").isNull() || f.get("points").isEmpty()) continue;
                String level = f.get("level").asText();
                String period = f.get("period").asText();
                String html = funnelSection(page("/releases/2024-1/indicators/" + id, "level=" + level + "&period=" + period + "&lang=en", 200));
                List<JsonNode> published = rows(id, level, period).stream().filter(r -> r.get("suppressed").isNull() && !r.get("z").isNull()).toList();
                assertEquals(published.size(), f.get("points").size(), id + " " + level + " " + period);
                assertTrue(html.contains("<figure class=\"chart funnel\">\n<svg role=\"img\" aria-label=\"Funnel plot, "), html);
                assertEquals(published.size(), count(html, "<circle class=\"point "), "one point per published unit");
                for (JsonNode r : published) {
                    String name = r.get("unit_name").asText().replace("&", "&amp;");
                    assertTrue(html.contains("data-unit=\"" + name + "\""), "the point is named: " + name);
                    if (!name.equals(r.get("unit_id").asText())) {
                        assertFalse(html.contains("data-unit=\"" + r.get("unit_id").asText() + "\""), "never the id: " + r);
                    }
                    boolean ratio = !r.get("event").isNull();
                    String cells = "<tr><th scope=\"row\">" + name + "</th><td class=\"num\">"
                            + r.get(ratio ? "observed" : "numerator").asLong() + "</td>";
                    assertTrue(html.contains(cells), cells + "\n" + html);
                    String row = html.substring(html.indexOf(cells));
                    row = row.substring(0, row.indexOf("</tr>"));
                    assertTrue(row.contains("<td class=\"num\">" + sig3(r.get("z").asDouble()) + "</td>"), row);
                    assertTrue(row.endsWith("<td>" + r.get("funnel_flag").asText().replace('_', ' ') + "</td>") || row.contains("<td>"
                            + r.get("funnel_flag").asText().replace('_', ' ') + " ("), row);
                }
                assertTrue(html.contains("<figcaption>Method: " + f.get("method").asText().toUpperCase(Locale.ROOT) + "; limits 95 % and 99.8 %; "
                        + "over-dispersion: "), html);
                assertTrue(html.contains("φ = " + (f.get("phi").isNumber() ? sig3(f.get("phi").asDouble()) : "–") + ", τ² = "
                        + (f.get("tau2").isNumber() ? sig3(f.get("tau2").asDouble()) : "–") + "; <span lang=\"en\">"
                        + f.get("centre").asText() + "</span>."), html);
                drawn++;
            }
        }
        assertTrue(drawn >= 4, "funnels of several levels and periods drawn: " + drawn);
    }

    /** The report's own funnel, drawn on the page from funnels.json, is the report's SVG but for its title. */
    @Test
    void theReportsFunnelDrawnFromTheReleasedFunnelsIsTheReportsFigure() throws Exception {
        String report = Files.readString(release.resolve("report.html"));
        String section = report.substring(report.indexOf("<section class=\"indicator\" id=\"" + SURVIVAL + "\">"));
        section = section.substring(0, section.indexOf("</section>"));
        Matcher f = Pattern.compile("<figure class=\"funnel\" data-level=\"([^\"]+)\" data-period=\"([^\"]+)\">(<svg.*?</svg>)",
                Pattern.DOTALL).matcher(section);
        assertTrue(f.find(), "the release drew a funnel for " + SURVIVAL);
        String there = funnelSection(page("/releases/2024-1/indicators/" + SURVIVAL, "level=" + f.group(1) + "&period=" + f.group(2), 200));
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(there);
        assertTrue(svg.find());
        String title = "<text class=\"title\"[^>]*>[^<]*</text>";
        assertEquals(f.group(3).replaceFirst(title, ""), svg.group().replaceFirst(" role=\"img\" aria-label=\"[^\"]*\"", "").replaceFirst(title, ""));
        assertTrue(svg.group().contains(">Traktplott, " + Lang.NO.level(f.group(1)) + " " + f.group(2) + ", O/E (death)</text>"),
                "the title in Norwegian, naming the level");
    }

    /**
     * Where no funnel exists for the choice the page says why: the national level, and a funnel without a published
     * unit (planted in a copy of the release: the tiny store has none) with its empty reason. A release written
     * before funnels.json shows the report's figure and links to it from other choices.
     */
    @Test
    void withoutAFunnelForTheChoiceThePageSaysWhyAndOlderReleasesShowTheReportsFigure(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String nation = funnelSection(page("/releases/2024-1/indicators/" + SURVIVAL, "level=nation&period=2023&lang=en", 200));
        assertTrue(nation.contains("A funnel plot compares the units of a level; the national level has one value."), nation);

        Path copy = Files.createDirectories(tmp.resolve("planted").resolve("2024-1"));
        try (java.util.stream.Stream<Path> files = Files.list(release)) {
            for (Path p : files.toList()) Files.copy(p, copy.resolve(p.getFileName()));
        }
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReleaseFiles.JSON.readTree(copy.resolve("funnels.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode emptied = null;
        for (JsonNode f : doc.get("funnels")) {
            if (f.get("indicatorId").asText().equals(SURVIVAL) && f.get("level").asText().equals("hospital") && f.get("period").asText().equals("2023")) {
                emptied = (com.fasterxml.jackson.databind.node.ObjectNode) f;
            }
        }
        emptied.putArray("points");
        emptied.put("emptyReason", "all 9 hospital units of 2023 suppressed (9 fewer than <10> cases)");
        Files.writeString(copy.resolve("funnels.json"), doc.toString());
        String empty = funnelSection(new String(new StatisticsViews(copy.getParent()).get("/releases/2024-1/indicators/" + SURVIVAL,
                "level=hospital&period=2023").body(), StandardCharsets.UTF_8));
        assertTrue(empty.contains("<p class=\"funnel-note\">Ingen enhet kan vises i traktplottet: <span lang=\"en\">all 9 hospital units "
                + "of 2023 suppressed (9 fewer than &lt;10&gt; cases)</span>.</p>"), empty);
        assertFalse(empty.contains("<svg"));

        String report = Files.readString(release.resolve("report.html"));
        Matcher f = Pattern.compile("<figure class=\"funnel\" data-level=\"([^\"]+)\" data-period=\"([^\"]+)\">")
                .matcher(report.substring(report.indexOf("<section class=\"indicator\" id=\"" + SURVIVAL + "\">")));
        assertTrue(f.find());
        Files.delete(copy.resolve("funnels.json"));
        StatisticsViews older = new StatisticsViews(copy.getParent());
        String elsewhere = new String(older.get("/releases/2024-1/indicators/" + SURVIVAL, "level=" + (f.group(1).equals("rhf") ? "hf" : "rhf")
                + "&period=" + f.group(2)).body(), StandardCharsets.UTF_8);
        assertTrue(elsewhere.contains("Utgaven har traktplott for <a href=\"/releases/2024-1/indicators/" + SURVIVAL + "?level="
                + f.group(1) + "&amp;period=" + f.group(2) + "\">"), elsewhere);
        String there = new String(older.get("/releases/2024-1/indicators/" + SURVIVAL, "level=" + f.group(1) + "&period=" + f.group(2)).body(),
                StandardCharsets.UTF_8);
        assertTrue(funnelSection(there).contains("<figure class=\"chart funnel\">"));
    }

    @Test
    void aReportWrittenBeforeItsFunnelNamedLevelAndPeriodIsReadFromTheTitle() throws Exception {
        String report = Files.readString(release.resolve("report.html"));
        Map<String, ReleaseData.ReportFunnel> named = ReleaseData.reportFunnels(report);
        assertTrue(named.containsKey(SURVIVAL), named.keySet().toString());
        // the figure as releases before the statistics views wrote it
        String older = report.replaceAll("<figure class=\"funnel\" data-level=\"[^\"]*\" data-period=\"[^\"]*\">",
                "<figure class=\"funnel\">");
        assertFalse(older.contains("data-level="));
        assertEquals(named, ReleaseData.reportFunnels(older));
    }

    @Test
    void theReleasesFindingsOnTheIndicatorAreListedOnItsPage(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // the tiny store has no finding: a copy of the release with findings.json holding one of each kind
        Path copy = Files.createDirectories(tmp.resolve("2024-1"));
        try (java.util.stream.Stream<Path> files = Files.list(release)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        com.fasterxml.jackson.databind.node.ObjectNode findings = (com.fasterxml.jackson.databind.node.ObjectNode)
                ReleaseFiles.JSON.readTree(copy.resolve("findings.json").toFile());
        findings.putArray("nationalChanges").addObject().put("indicatorId", SURVIVAL).put("text", "national change <2023>");
        findings.putArray("unitFlags").addObject().put("indicatorId", HIP).put("text", "a flag of another indicator");
        findings.putArray("negativeTrends").addObject().put("indicatorId", SURVIVAL).put("text", "Voss & Bergen trend down");
        ReleaseFiles.writeJson(copy.resolve("findings.json"), findings);
        String html = new String(new StatisticsViews(tmp).get("/releases/2024-1/indicators/" + SURVIVAL, "lang=en").body(),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("<section id=\"findings\">\n<h2>Main findings of the release</h2>\n<ul>\n"
                + "<li lang=\"en\">national change &lt;2023&gt;</li>\n<li lang=\"en\">Voss &amp; Bergen trend down</li>\n</ul>"), html);
        assertFalse(html.contains("a flag of another indicator"));
        assertFalse(page("/releases/2024-1/indicators/" + SURVIVAL, null, 200).contains("<section id=\"findings\">"),
                "no section without findings");
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        String path = "/releases/2024-1/indicators/" + HIP;
        assertTrue(page(path, "level=municipality", 400).contains("level &#39;municipality&#39; has no results"));
        assertTrue(page(path, "period=1999", 400).contains("period &#39;1999&#39; has no results"));
        assertTrue(page(path, "level=hf&units=nowhere", 400).contains("unit &#39;nowhere&#39; has no results at level hf"));
        assertTrue(page(path, "units=1,2,3,4,5,6,7", 400).contains("at most 6 units"));
        assertTrue(page(path, "colour=red", 400).contains("unknown query parameter &#39;colour&#39;"));
        assertTrue(page(path, "lang=de", 400).contains("lang must be no or en"));
        assertTrue(page("/releases/2024-1/indicators/nothing", null, 404).contains("indicator nothing is not in release 2024-1"));
        assertTrue(page("/releases/2031-1/", null, 404).contains("no release 2031-1"));
        assertTrue(page("/releases/latest/", null, 400).contains("edition must look like 2024-2"));
        assertTrue(page("/static/other.js", null, 404).contains("no file /static/other.js"));
    }

    @Test
    void servedBesideTheJsonApiWithSecurityHeaders() throws Exception {
        try (ApiServer server = ApiServer.start(release.getParent(), 0, views)) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertEquals(StatisticsViews.CSP, page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            // no inline script or style: the CSP forbids them
            assertFalse(page.body().contains("<script>") || page.body().contains("<style") || page.body().contains(" style=")
                    || page.body().matches("(?s).*\\son[a-z]+=.*"), "inline script, style or handler");
            HttpResponse<String> css = client.send(HttpRequest.newBuilder(URI.create(base + "/static/kvik.css")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElse(""));
            assertTrue(css.body().contains("max-width:100%"));
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(base + "/api/releases")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("application/json; charset=utf-8", api.headers().firstValue("Content-Type").orElse(""));
            assertEquals("2024-1", ReleaseFiles.JSON.readTree(api.body()).get(0).get("edition").asText());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "read-only like the API");
        }
    }
}
