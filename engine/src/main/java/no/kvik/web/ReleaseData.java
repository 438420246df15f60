package no.kvik.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.engine.IndicatorResult;
import no.kvik.release.Definition;
import no.kvik.release.Release;
import no.kvik.release.ReleaseFiles;
import no.kvik.release.ReleaseManifest;
import no.kvik.release.ReleasedFunnels;

/**
 * What the statistics views show of one released edition, read from its frozen files only (manifest, definitions,
 * results, every funnel it computed ({@code funnels.json}), the funnel plot its report drew); nothing is recomputed.
 *
 * @param definitions the released definitions, in the release's order
 * @param rows        each indicator's released rows, in the release's order (period, level, unit)
 * @param funnels     the funnel plot the release's report drew per indicator (absent: none drawn); shown only
 *                    for releases written before {@code funnels.json}
 * @param allFunnels  every funnel of the release per indicator ({@code funnels.json}), each level and period; null
 *                    when the release predates that file
 * @param findings    each indicator's main findings as the release words them ({@code findings.json}: significant
 *                    national changes, units flagged, negative trends), in that order
 */
record ReleaseData(String edition, String published, String dataEnd, List<Definition> definitions,
                   Map<String, List<IndicatorResult>> rows, Map<String, ReportFunnel> funnels,
                   Map<String, List<ReleasedFunnels.Funnel>> allFunnels, Map<String, List<String>> findings) {

    /** The funnel plot of one level and period as the release's report drew it (inline SVG). */
    record ReportFunnel(String level, String period, String svg) {
    }

    /** A report funnel figure: written by {@code ReleaseReport} as {@code <figure class="funnel" data-level data-period>}. */
    private static final Pattern FUNNEL = Pattern.compile(
            "<figure class=\"funnel\" data-level=\"([^\"]*)\" data-period=\"([^\"]*)\">(<svg.*?</svg>)\\s*</figure>",
            Pattern.DOTALL);
    /** The same figure in reports written before it named its level and period: they are read from its title. */
    private static final Pattern UNNAMED_FUNNEL = Pattern.compile(
            "<figure class=\"funnel\">(<svg.*?>Funnel plot, ([^ <]+) ([^ ,<]+)[,<].*?</svg>)\\s*</figure>", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("<section class=\"indicator\" id=\"([^\"]*)\">");

    ReleaseData {
        definitions = List.copyOf(definitions);
        rows = Map.copyOf(rows);
        funnels = Map.copyOf(funnels);
        allFunnels = allFunnels == null ? null : Map.copyOf(allFunnels);
        findings = Map.copyOf(findings);
    }

    List<String> findings(String id) {
        return findings.getOrDefault(id, List.of());
    }

    Definition definition(String id) {
        return definitions.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    /** The released funnel of an indicator, level and period; null when the release computed none for it. */
    ReleasedFunnels.Funnel funnel(String id, String level, String period) {
        return allFunnels.getOrDefault(id, List.of()).stream().filter(f -> f.level().equals(level) && f.period().equals(period))
                .findFirst().orElse(null);
    }

    List<IndicatorResult> rows(String id) {
        return rows.getOrDefault(id, List.of());
    }

    /** Reads the release in {@code dir} (a folder holding {@code manifest.json}). */
    static ReleaseData load(Path dir) {
        try {
            JsonNode manifest = ReleaseFiles.JSON.readTree(dir.resolve(ReleaseManifest.FILE).toFile());
            List<Definition> definitions = Arrays.asList(ReleaseFiles.JSON.readValue(
                    dir.resolve(Release.DEFINITIONS).toFile(), Definition[].class));
            Map<String, List<IndicatorResult>> rows = new LinkedHashMap<>();
            for (Definition d : definitions) rows.put(d.id(), new ArrayList<>());
            for (JsonNode r : ReleaseFiles.JSON.readTree(dir.resolve(Release.RESULTS + ".json").toFile())) {
                rows.computeIfAbsent(r.get("indicator_id").asText(), k -> new ArrayList<>()).add(row(r));
            }
            Path report = dir.resolve(Release.REPORT);
            Map<String, ReportFunnel> funnels = Files.exists(report)
                    ? reportFunnels(Files.readString(report, StandardCharsets.UTF_8)) : Map.of();
            Map<String, List<IndicatorResult>> frozen = new LinkedHashMap<>();
            rows.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            Map<String, List<String>> findings = new LinkedHashMap<>();
            Path findingsFile = dir.resolve(Release.FINDINGS_JSON);
            if (Files.exists(findingsFile)) {
                JsonNode f = ReleaseFiles.JSON.readTree(findingsFile.toFile());
                for (String list : List.of("nationalChanges", "unitFlags", "negativeTrends")) {
                    for (JsonNode item : f.path(list)) {
                        findings.computeIfAbsent(item.path("indicatorId").asText(), k -> new ArrayList<>()).add(item.path("text").asText());
                    }
                }
            }
            findings.replaceAll((k, v) -> List.copyOf(v));
            Map<String, List<ReleasedFunnels.Funnel>> allFunnels = null;
            Path funnelsFile = dir.resolve(ReleasedFunnels.FILE);
            if (Files.exists(funnelsFile)) {
                allFunnels = new LinkedHashMap<>();
                for (ReleasedFunnels.Funnel f : ReleasedFunnels.read(funnelsFile)) {
                    allFunnels.computeIfAbsent(f.indicatorId(), k -> new ArrayList<>()).add(f);
                }
                allFunnels.replaceAll((k, v) -> List.copyOf(v));
            }
            return new ReleaseData(manifest.get("edition").asText(), manifest.get("published").asText(),
                    manifest.get("dataEnd").asText(), definitions, frozen, funnels, allFunnels, findings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The funnel figures of the report, by the id of the indicator section they are in. */
    static Map<String, ReportFunnel> reportFunnels(String html) {
        Map<String, ReportFunnel> out = new LinkedHashMap<>();
        Matcher sections = SECTION.matcher(html);
        List<int[]> bounds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (sections.find()) {
            bounds.add(new int[] {sections.start(), 0});
            ids.add(sections.group(1));
        }
        for (int k = 0; k < ids.size(); k++) {
            int end = k + 1 < ids.size() ? bounds.get(k + 1)[0] : html.length();
            Matcher f = FUNNEL.matcher(html).region(bounds.get(k)[0], end);
            if (f.find()) {
                out.put(unescape(ids.get(k)), new ReportFunnel(unescape(f.group(1)), unescape(f.group(2)), f.group(3)));
                continue;
            }
            Matcher old = UNNAMED_FUNNEL.matcher(html).region(bounds.get(k)[0], end);
            if (old.find()) out.put(unescape(ids.get(k)), new ReportFunnel(unescape(old.group(2)), unescape(old.group(3)), old.group(1)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static IndicatorResult row(JsonNode r) {
        return new IndicatorResult(text(r, "indicator_id"), text(r, "indicator_version"),
                LocalDate.parse(text(r, "period_start")), LocalDate.parse(text(r, "period_end")), text(r, "period_label"),
                text(r, "level"), text(r, "unit_id"), text(r, "unit_name"), number(r, "numerator"),
                number(r, "denominator"), number(r, "value"), number(r, "ci_low"), number(r, "ci_high"), text(r, "event"),
                number(r, "observed"), number(r, "expected"), number(r, "o_e"), number(r, "o_e_low"),
                number(r, "o_e_high"), number(r, "adjusted_value"), number(r, "z"), text(r, "funnel_flag"),
                r.hasNonNull("fdr_flag") ? r.get("fdr_flag").asBoolean() : null, text(r, "trend_flag"),
                text(r, "goal_level"), text(r, "suppressed"));
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }

    private static Double number(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asDouble() : null;
    }
}
