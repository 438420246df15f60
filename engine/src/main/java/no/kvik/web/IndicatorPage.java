package no.kvik.web;

import static no.kvik.text.HtmlText.escape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import no.kvik.catalog.Level;
import no.kvik.catalog.Target;
import no.kvik.engine.IndicatorResult;
import no.kvik.release.Definition;
import no.kvik.release.ReleasedFunnels;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.report.chart.TrendPoint;

/**
 * One indicator of a release: definition, source, target and goal attainment, the release's findings on it, the
 * national trend, the results of the chosen level and period (suppressed cells with their reason), the caterpillar
 * of those units, the funnel plot of that level and period ({@code funnels.json}), units compared over time, and download links of the selection. Every chart is drawn by
 * {@code no.kvik.report.chart} from released values and followed by a table of the same values.
 */
final class IndicatorPage {
    /** Units compared at once: more lines than the chart has distinct colours would not be readable. */
    static final int MAX_COMPARED = 6;

    private IndicatorPage() {
    }

    /** What the page shows: the level, period and compared units chosen (defaults filled in), and the language. */
    record Selection(String level, String period, List<String> units, Lang lang) {
        Selection {
            units = List.copyOf(units);
        }
    }

    /**
     * The selection a query asks for: the level defaults to the first sub-national level with results (else
     * nation), the period to the latest period of the indicator's own length; an unknown level, period or unit is a
     * 400 naming it.
     */
    static Selection select(ReleaseData release, Definition d, String level, String period, List<String> units, Lang lang) {
        List<IndicatorResult> rows = release.rows(d.id());
        List<String> levels = levels(rows);
        if (level == null) {
            level = levels.stream().filter(l -> !l.equals(Level.NATION.code())).findFirst()
                    .orElse(levels.isEmpty() ? Level.NATION.code() : levels.get(0));
        } else if (!levels.contains(level)) {
            throw new WebError(400, "level '" + level + "' has no results for " + d.id() + " (levels: " + String.join(", ", levels) + ")");
        }
        List<String> periods = periods(rows);
        if (period == null) {
            List<String> own = ownPeriods(rows, d.frequency());
            period = own.isEmpty() ? (periods.isEmpty() ? null : periods.get(periods.size() - 1)) : own.get(own.size() - 1);
        } else if (!periods.contains(period)) {
            throw new WebError(400, "period '" + period + "' has no results for " + d.id() + " (periods: " + String.join(", ", periods) + ")");
        }
        if (units.size() > MAX_COMPARED) throw new WebError(400, "at most " + MAX_COMPARED + " units can be compared, got " + units.size());
        String chosenLevel = level;
        for (String u : units) {
            if (rows.stream().noneMatch(r -> r.level().equals(chosenLevel) && r.unitId().equals(u))) {
                throw new WebError(400, "unit '" + u + "' has no results at level " + chosenLevel + " for " + d.id());
            }
        }
        return new Selection(level, period, units, lang);
    }

    static String html(ReleaseData release, Definition d, Selection s) {
        Lang lang = s.lang();
        List<IndicatorResult> rows = release.rows(d.id());
        String name = lang == Lang.NO ? d.nameNo() : d.nameEn();
        StringBuilder sb = new StringBuilder();
        sb.append("<nav class=\"crumbs\" aria-label=\"").append(lang == Lang.NO ? "Brødsmuler" : "Breadcrumbs").append("\"><a href=\"")
          .append(escape(startHref(release.edition(), lang))).append("\">").append(escape(lang.t("home"))).append("</a> › ")
          .append(escape(lang.t("release"))).append(' ').append(escape(release.edition())).append("</nav>\n");
        sb.append("<h1>").append(escape(name == null ? d.id() : name)).append("</h1>\n");
        String description = lang == Lang.NO ? d.descriptionNo() : d.descriptionEn();
        if (description != null) sb.append("<p class=\"lead\">").append(escape(description)).append("</p>\n");
        definition(sb, d, lang);
        target(sb, d, rows, s);
        findings(sb, release.findings(d.id()), lang);
        trend(sb, d, rows, lang);
        chooser(sb, release, d, rows, s);
        List<IndicatorResult> table = rows.stream().filter(r -> r.level().equals(s.level()) && r.periodLabel().equals(s.period())).toList();
        results(sb, d, rows, table, s);
        downloads(sb, release.edition(), d.id(), s);
        caterpillar(sb, d, rows, table, s);
        funnel(sb, release, d, table, s);
        compare(sb, release, d, rows, s);
        return Html.page(lang, name == null ? d.id() : name, href(release.edition(), d.id(), new Selection(s.level(), s.period(), s.units(), lang.other())), sb.toString());
    }

    private static void definition(StringBuilder sb, Definition d, Lang lang) {
        sb.append("<section id=\"definition\">\n<h2>").append(escape(lang.t("definition"))).append("</h2>\n<dl class=\"facts\">\n");
        fact(sb, lang.t("id"), d.id());
        fact(sb, lang.t("version"), d.version());
        fact(sb, lang.t("area"), lang.code("area", d.area()));
        fact(sb, lang.t("type"), lang.code("type", d.type()));
        fact(sb, lang.t("dimension"), lang.code("dimension", d.dimension()));
        fact(sb, lang.t("measure"), d.measure() + (d.per() == null ? "" : " per " + Html.count(d.per(), lang)));
        fact(sb, lang.t("direction"), d.direction() == null ? "–" : lang.t(d.direction()));
        fact(sb, lang.t("frequency"), d.frequency());
        fact(sb, lang.t("source"), String.join(", ", d.sources()));
        fact(sb, lang.t("levels"), String.join(", ", d.levels().stream().map(lang::level).toList()));
        sb.append("</dl>\n</section>\n");
    }

    private static void fact(StringBuilder sb, String term, String value) {
        sb.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value == null ? "–" : value)).append("</dd>\n");
    }

    private static void target(StringBuilder sb, Definition d, List<IndicatorResult> rows, Selection s) {
        Lang lang = s.lang();
        sb.append("<section id=\"target\">\n<h2>").append(escape(lang.t("target"))).append("</h2>\n");
        Target t = d.target();
        if (t == null || (t.value() == null && t.high() == null && t.medium() == null)) {
            sb.append("<p>").append(escape(lang.t("noTarget"))).append("</p>\n</section>\n");
            return;
        }
        sb.append("<dl class=\"facts\">\n");
        if (t.value() != null) fact(sb, lang.t("targetValue"), Html.value(t.value(), d.measure(), lang));
        if (t.high() != null) fact(sb, lang.t("goalHigh"), Html.value(t.high(), d.measure(), lang));
        if (t.medium() != null) fact(sb, lang.t("goalMedium"), Html.value(t.medium(), d.measure(), lang));
        sb.append("</dl>\n");
        // the release's goal_level column, counted over the units of the chosen table
        Map<String, Integer> counts = new TreeMap<>();
        for (IndicatorResult r : rows) {
            if (r.level().equals(s.level()) && r.periodLabel().equals(s.period()) && r.goalLevel() != null) {
                counts.merge(r.goalLevel(), 1, Integer::sum);
            }
        }
        if (!counts.isEmpty()) {
            sb.append("<p>").append(escape(lang.t("goalCounts"))).append(" (").append(escape(lang.level(s.level()))).append(' ')
              .append(escape(s.period())).append("): ");
            List<String> parts = new ArrayList<>();
            for (String g : List.of("high", "medium", "low")) {
                if (counts.containsKey(g)) parts.add(escape(lang.code("goal", g)) + " " + counts.get(g));
            }
            sb.append(String.join(", ", parts)).append(".</p>\n");
        }
        sb.append("</section>\n");
    }

    /** The release's main findings on this indicator, as it words them (in English: findings.json has one text). */
    private static void findings(StringBuilder sb, List<String> texts, Lang lang) {
        if (texts.isEmpty()) return;
        sb.append("<section id=\"findings\">\n<h2>").append(escape(lang.t("findings"))).append("</h2>\n<ul>\n");
        for (String t : texts) sb.append("<li lang=\"en\">").append(escape(t)).append("</li>\n");
        sb.append("</ul>\n</section>\n");
    }

    private static void trend(StringBuilder sb, Definition d, List<IndicatorResult> rows, Lang lang) {
        sb.append("<section id=\"trend\">\n<h2>").append(escape(lang.t("trend"))).append("</h2>\n");
        List<String> own = ownPeriods(rows, d.frequency());
        List<IndicatorResult> nation = rows.stream().filter(r -> r.level().equals(Level.NATION.code()) && own.contains(r.periodLabel()))
                .sorted(Comparator.comparing(IndicatorResult::periodStart)).toList();
        List<TrendPoint> points = nation.stream().filter(r -> r.value() != null)
                .map(r -> new TrendPoint(r.periodLabel(), r.value(), r.ciLow(), r.ciHigh())).toList();
        if (points.isEmpty()) {
            sb.append("<p>").append(escape(lang.t("noTrend"))).append("</p>\n</section>\n");
            return;
        }
        sb.append("<figure class=\"chart trend\">\n").append(Html.chart(Charts.trendSvg(points, lang.t("trend"), d.measure()), lang.t("trend")))
          .append("<figcaption>").append(escape(lang.t("trendTable"))).append("</figcaption>\n</figure>\n");
        sb.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").append(escape(lang.t("trendTable"))).append("\">\n")
          .append("<table class=\"trend-table\">\n<caption>").append(escape(lang.t("trendTable"))).append("</caption>\n<thead><tr><th scope=\"col\">")
          .append(escape(lang.t("period"))).append("</th><th scope=\"col\">").append(escape(lang.t("value"))).append("</th><th scope=\"col\">")
          .append(escape(lang.t("interval"))).append("</th><th scope=\"col\">").append(escape(lang.t("note"))).append("</th></tr></thead>\n<tbody>\n");
        for (IndicatorResult r : nation) {
            sb.append("<tr><th scope=\"row\">").append(escape(r.periodLabel())).append("</th>");
            cells(sb, r, d.measure(), lang);
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /** Value, interval and note cells of a row: a suppressed row says why instead of a value. */
    private static void cells(StringBuilder sb, IndicatorResult r, String measure, Lang lang) {
        sb.append("<td class=\"num\">").append(escape(Html.value(r.value(), measure, lang))).append("</td><td class=\"num\">")
          .append(r.ciLow() == null || r.ciHigh() == null ? "" : escape(Html.value(r.ciLow(), measure, lang) + " – " + Html.value(r.ciHigh(), measure, lang)))
          .append("</td><td>");
        if (r.suppressed() != null) {
            sb.append("<span class=\"suppressed\" data-reason=\"").append(escape(r.suppressed())).append("\">")
              .append(escape(lang.t("suppressedNote"))).append(": ").append(escape(lang.suppressed(r.suppressed()))).append("</span>");
        }
        sb.append("</td>");
    }

    private static void chooser(StringBuilder sb, ReleaseData release, Definition d, List<IndicatorResult> rows, Selection s) {
        Lang lang = s.lang();
        sb.append("<section id=\"choose\">\n<h2>").append(escape(lang.t("choose"))).append("</h2>\n<form class=\"choose\" method=\"get\" action=\"")
          .append(escape(path(release.edition(), d.id()))).append("\">\n<label for=\"level\">").append(escape(lang.t("level")))
          .append("</label>\n<select id=\"level\" name=\"level\">\n");
        for (String l : levels(rows)) {
            sb.append("<option value=\"").append(escape(l)).append('"').append(l.equals(s.level()) ? " selected" : "").append('>')
              .append(escape(lang.level(l))).append("</option>\n");
        }
        sb.append("</select>\n<label for=\"period\">").append(escape(lang.t("period"))).append("</label>\n<select id=\"period\" name=\"period\">\n");
        for (String p : periods(rows)) {
            sb.append("<option value=\"").append(escape(p)).append('"').append(p.equals(s.period()) ? " selected" : "").append('>')
              .append(escape(p)).append("</option>\n");
        }
        sb.append("</select>\n");
        if (lang == Lang.EN) sb.append("<input type=\"hidden\" name=\"lang\" value=\"en\">\n");
        sb.append("<button type=\"submit\">").append(escape(lang.t("show"))).append("</button>\n</form>\n</section>\n");
    }

    private static void results(StringBuilder sb, Definition d, List<IndicatorResult> rows, List<IndicatorResult> table, Selection s) {
        Lang lang = s.lang();
        String caption = lang.t("results") + ": " + lang.level(s.level()) + ", " + s.period();
        sb.append("<section id=\"results\">\n<h2>").append(escape(caption)).append("</h2>\n");
        if (table.isEmpty()) {
            sb.append("<p>").append(escape(lang.t("noRows"))).append("</p>\n</section>\n");
            return;
        }
        sb.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").append(escape(caption)).append("\">\n")
          .append("<table class=\"results\">\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr><th scope=\"col\">")
          .append(escape(lang.t("unit"))).append("</th><th scope=\"col\">").append(escape(lang.t("value"))).append("</th><th scope=\"col\">")
          .append(escape(lang.t("interval"))).append("</th><th scope=\"col\">").append(escape(lang.t("note"))).append("</th><th scope=\"col\">")
          .append(escape(lang.t("numerator"))).append("</th><th scope=\"col\">").append(escape(lang.t("denominator"))).append("</th><th scope=\"col\">")
          .append(escape(lang.t("goal"))).append("</th><th scope=\"col\">").append(escape(lang.t("funnelFlag"))).append("</th></tr></thead>\n<tbody>\n");
        for (IndicatorResult r : table) {
            sb.append("<tr data-unit=\"").append(escape(r.unitId())).append("\"><th scope=\"row\">").append(escape(unitName(r))).append("</th>");
            cells(sb, r, d.measure(), lang);
            sb.append("<td class=\"num\">").append(escape(Html.count(r.numerator(), lang))).append("</td><td class=\"num\">")
              .append(escape(Html.count(r.denominator(), lang))).append("</td><td>")
              .append(r.goalLevel() == null ? "" : escape(lang.code("goal", r.goalLevel()))).append("</td><td>")
              .append(r.funnelFlag() == null ? "" : escape(r.funnelFlag().replace('_', ' '))).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void caterpillar(StringBuilder sb, Definition d, List<IndicatorResult> rows, List<IndicatorResult> table, Selection s) {
        Lang lang = s.lang();
        if (s.level().equals(Level.NATION.code())) return;
        sb.append("<section id=\"caterpillar\">\n<h2>").append(escape(lang.t("caterpillar"))).append("</h2>\n");
        Double national = rows.stream().filter(r -> r.level().equals(Level.NATION.code()) && r.periodLabel().equals(s.period()))
                .map(IndicatorResult::value).filter(Objects::nonNull).findFirst().orElse(null);
        List<CaterpillarItem> items = table.stream().filter(r -> r.value() != null && r.ciLow() != null && r.ciHigh() != null)
                .map(r -> new CaterpillarItem(unitName(r), r.value(), r.ciLow(), r.ciHigh())).toList();
        if (national == null || items.isEmpty()) {
            sb.append("<p>").append(escape(lang.t("noCaterpillar"))).append("</p>\n</section>\n");
            return;
        }
        String title = lang.level(s.level()) + " " + s.period() + (lang == Lang.NO ? " (stiplet: nasjonalt)" : " (dashed: national)");
        sb.append("<figure class=\"chart caterpillar\">\n").append(Html.chart(Charts.caterpillarSvg(items, national, title, d.measure()), title))
          .append("<figcaption>").append(escape(lang.t("caterpillarAlt"))).append("</figcaption>\n</figure>\n</section>\n");
    }

    /**
     * The funnel of the chosen level and period from the release's {@code funnels.json}: the chart (drawn by
     * {@code Charts.funnelSvg} as the run drew it, units named), a caption with method, φ, τ² and centre, and its
     * points as a table; where the release has no funnel for the choice, why. Releases written before that file show
     * the one funnel their report drew.
     */
    private static void funnel(StringBuilder sb, ReleaseData release, Definition d, List<IndicatorResult> table, Selection s) {
        if (release.allFunnels() == null) {
            reportFunnel(sb, release, d, s);
            return;
        }
        Lang lang = s.lang();
        sb.append("<section id=\"funnel\">\n<h2>").append(escape(lang.t("funnel"))).append("</h2>\n");
        ReleasedFunnels.Funnel f = release.funnel(d.id(), s.level(), s.period());
        if (f == null) {
            String why = s.level().equals(Level.NATION.code()) ? "funnelNation"
                    : release.allFunnels().getOrDefault(d.id(), List.of()).isEmpty() ? "funnelNone" : "funnelNotForChoice";
            sb.append("<p class=\"funnel-note\">").append(escape(lang.t(why))).append("</p>\n</section>\n");
            return;
        }
        if (f.published() == 0) {
            // the analysis words the reason (in English), e.g. "all 4 hospital units of 2023 suppressed (…)"
            String reason = f.emptyReason().isEmpty() ? f.note() : f.emptyReason();
            sb.append("<p class=\"funnel-note\">").append(escape(lang.t("funnelEmpty"))).append(" <span lang=\"en\">")
              .append(escape(reason)).append("</span>.</p>\n</section>\n");
            return;
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (IndicatorResult r : table) names.put(r.unitId(), unitName(r));
        String event = table.stream().map(IndicatorResult::event).filter(Objects::nonNull).findFirst().orElse(null);
        String title = lang.t("funnel") + ", " + lang.level(s.level()) + " " + s.period() + (event == null ? "" : ", O/E (" + event + ")");
        no.kvik.variation.FunnelResult result = Charts.withUnitNames(ReleasedFunnels.result(f), names);
        sb.append("<figure class=\"chart funnel\">\n").append(Html.chart(Charts.funnelSvg(result, title, f.centre()), title))
          .append("<figcaption>").append(funnelCaption(f, lang)).append(' ').append(escape(lang.t("funnelTableNote")))
          .append("</figcaption>\n</figure>\n");
        funnelTable(sb, d, f, names, event, lang);
        sb.append("</section>\n");
    }

    /** Method, over-dispersion with φ and τ², limit levels and centre, in the page's language (the centre as released). */
    static String funnelCaption(ReleasedFunnels.Funnel f, Lang lang) {
        List<String> levels = f.levels().stream().map(l -> number(l * 100, lang) + " %").toList();
        String od = f.overdispersion().equals("none") ? lang.t("odNone")
                : lang.t("od." + f.overdispersion()) + " (" + lang.t("fromUnits").replace("{n}", Integer.toString(f.unitsInDispersion())) + ")";
        return escape(lang.t("funnelMethod") + ": " + f.method().toUpperCase(java.util.Locale.ROOT) + "; " + lang.t("funnelLimits") + " "
                + String.join(lang == Lang.NO ? " og " : " and ", levels) + "; " + lang.t("overdispersion") + ": " + od + "; φ = "
                + number(f.phi(), lang) + ", τ² = " + number(f.tau2(), lang) + "; ")
                + "<span lang=\"en\">" + escape(f.centre()) + "</span>.";
    }

    /** Three significant digits, "–" when not estimated; a decimal comma on Norwegian pages. */
    private static String number(double v, Lang lang) {
        if (!Double.isFinite(v)) return "–";
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return lang == Lang.NO ? s.replace('.', ',') : s;
    }

    /** The funnel's points as a table (the chart's text alternative): counts, value, z, limits and flag per unit. */
    private static void funnelTable(StringBuilder sb, Definition d, ReleasedFunnels.Funnel f, Map<String, String> names, String event,
                                    Lang lang) {
        boolean ratio = f.kind().equals("ratio");
        // the funnel holds rates per denominator unit; the page shows them per the indicator's unit, like the results
        double scale = f.kind().equals("rate") && d.per() != null ? d.per() : 1;
        String measure = ratio ? "ratio" : d.measure();
        String caption = lang.t("funnelTable") + ": " + lang.level(f.level()) + ", " + f.period();
        sb.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").append(escape(caption)).append("\">\n")
          .append("<table class=\"funnel-points\">\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr><th scope=\"col\">")
          .append(escape(lang.t("unit"))).append("</th><th scope=\"col\">")
          .append(escape(ratio ? lang.t("observed") + (event == null ? "" : " (" + event + ")") : lang.t("numerator")))
          .append("</th><th scope=\"col\">").append(escape(ratio ? lang.t("expected") : lang.t("denominator")))
          .append("</th><th scope=\"col\">").append(escape(ratio ? "O/E" : lang.t("value"))).append("</th><th scope=\"col\">z</th>");
        for (double l : f.levels()) {
            sb.append("<th scope=\"col\">").append(escape(lang.t("funnelLimits") + " " + number(l * 100, lang) + " %")).append("</th>");
        }
        sb.append("<th scope=\"col\">").append(escape(lang.t("funnelFlag"))).append("</th></tr></thead>\n<tbody>\n");
        List<ReleasedFunnels.Point> points = f.points().stream()
                .sorted(Comparator.comparing((ReleasedFunnels.Point p) -> names.getOrDefault(p.unitId(), p.unitId()))).toList();
        for (ReleasedFunnels.Point p : points) {
            sb.append("<tr><th scope=\"row\">").append(escape(names.getOrDefault(p.unitId(), p.unitId()))).append("</th><td class=\"num\">")
              .append(escape(Html.count(p.numerator(), lang))).append("</td><td class=\"num\">")
              .append(escape(ratio ? number(p.denominator(), lang) : Html.count(p.denominator(), lang))).append("</td><td class=\"num\">")
              .append(escape(Html.value(p.value() * scale, measure, lang))).append("</td><td class=\"num\">")
              .append(escape(number(p.z(), lang))).append("</td>");
            for (no.kvik.variation.Limits l : p.limits()) {
                sb.append("<td class=\"num\">").append(escape(Html.value(l.lower() * scale, measure, lang) + " – "
                        + (Double.isInfinite(l.upper()) ? "∞" : Html.value(l.upper() * scale, measure, lang)))).append("</td>");
            }
            sb.append("<td>").append(escape(p.flag().replace('_', ' '))).append(p.alarm() ? " (" + escape(lang.t("alarm")) + ")" : "")
              .append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n");
    }

    /** The funnel of a release written before {@code funnels.json}: the one its report drew, linked from other choices. */
    private static void reportFunnel(StringBuilder sb, ReleaseData release, Definition d, Selection s) {
        Lang lang = s.lang();
        sb.append("<section id=\"funnel\">\n<h2>").append(escape(lang.t("funnel"))).append("</h2>\n");
        ReleaseData.ReportFunnel f = release.funnels().get(d.id());
        if (f == null) {
            sb.append("<p>").append(escape(lang.t("noFunnel"))).append("</p>\n");
        } else if (f.level().equals(s.level()) && f.period().equals(s.period())) {
            // the figure the release drew; its SVG comes from the release's own report, escaped there
            String label = lang.t("funnel") + ", " + lang.level(f.level()) + " " + f.period();
            sb.append("<figure class=\"chart funnel\">\n").append(Html.chart(f.svg(), label)).append("\n<figcaption>")
              .append(escape(lang.t("funnelAlt"))).append("</figcaption>\n</figure>\n");
        } else {
            sb.append("<p>").append(escape(lang.t("funnelElsewhere"))).append(" <a href=\"")
              .append(escape(href(release.edition(), d.id(), new Selection(f.level(), f.period(), List.of(), lang)))).append("\">")
              .append(escape(lang.level(f.level()) + " " + f.period())).append("</a>.</p>\n");
        }
        sb.append("</section>\n");
    }

    private static void compare(StringBuilder sb, ReleaseData release, Definition d, List<IndicatorResult> rows, Selection s) {
        Lang lang = s.lang();
        sb.append("<section id=\"compare\">\n<h2>").append(escape(lang.t("compare"))).append("</h2>\n");
        Map<String, String> units = new LinkedHashMap<>();
        rows.stream().filter(r -> r.level().equals(s.level())).sorted(Comparator.comparing(IndicatorPage::unitName))
                .forEach(r -> units.putIfAbsent(r.unitId(), unitName(r)));
        sb.append("<form class=\"compare\" method=\"get\" action=\"").append(escape(path(release.edition(), d.id()))).append("\">\n")
          .append("<input type=\"hidden\" name=\"level\" value=\"").append(escape(s.level())).append("\">\n")
          .append("<input type=\"hidden\" name=\"period\" value=\"").append(escape(s.period())).append("\">\n");
        if (lang == Lang.EN) sb.append("<input type=\"hidden\" name=\"lang\" value=\"en\">\n");
        sb.append("<fieldset>\n<legend>").append(escape(lang.t("compareHelp"))).append("</legend>\n<div class=\"units\">\n");
        int k = 0;
        for (Map.Entry<String, String> u : units.entrySet()) {
            String id = "unit-" + k++;
            sb.append("<span class=\"unit\"><input type=\"checkbox\" name=\"units\" id=\"").append(id).append("\" value=\"")
              .append(escape(u.getKey())).append('"').append(s.units().contains(u.getKey()) ? " checked" : "")
              .append("><label for=\"").append(id).append("\">").append(escape(u.getValue())).append("</label></span>\n");
        }
        sb.append("</div>\n</fieldset>\n<button type=\"submit\">").append(escape(lang.t("compareButton"))).append("</button>\n</form>\n");
        if (!s.units().isEmpty()) comparison(sb, release, d, rows, s, units);
        sb.append("</section>\n");
    }

    private static void comparison(StringBuilder sb, ReleaseData release, Definition d, List<IndicatorResult> rows, Selection s,
                                   Map<String, String> names) {
        Lang lang = s.lang();
        List<String> periods = ownPeriods(rows, d.frequency());
        Map<String, Map<String, IndicatorResult>> byUnit = new LinkedHashMap<>();
        for (String u : s.units()) byUnit.put(u, new LinkedHashMap<>());
        for (IndicatorResult r : rows) {
            if (r.level().equals(s.level()) && byUnit.containsKey(r.unitId()) && periods.contains(r.periodLabel())) {
                byUnit.get(r.unitId()).put(r.periodLabel(), r);
            }
        }
        Map<String, List<TrendPoint>> series = new LinkedHashMap<>();
        for (String u : s.units()) {
            List<TrendPoint> points = new ArrayList<>();
            for (String p : periods) {
                IndicatorResult r = byUnit.get(u).get(p);
                if (r != null && r.value() != null) points.add(new TrendPoint(p, r.value(), r.ciLow(), r.ciHigh()));
            }
            series.put(names.get(u), points);
        }
        String title = lang.t("comparison");
        sb.append("<h3>").append(escape(title)).append("</h3>\n<figure class=\"chart comparison\">\n")
          .append(Html.chart(Charts.comparisonSvg(periods, series, title, d.measure()), title))
          .append("<figcaption>").append(escape(lang.t("caterpillarAlt"))).append("</figcaption>\n</figure>\n");
        sb.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").append(escape(title)).append("\">\n")
          .append("<table class=\"comparison\">\n<caption>").append(escape(title)).append("</caption>\n<thead><tr><th scope=\"col\">")
          .append(escape(lang.t("period"))).append("</th>");
        for (String u : s.units()) sb.append("<th scope=\"col\">").append(escape(names.get(u))).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (String p : periods) {
            sb.append("<tr><th scope=\"row\">").append(escape(p)).append("</th>");
            for (String u : s.units()) {
                IndicatorResult r = byUnit.get(u).get(p);
                sb.append("<td class=\"num\">");
                if (r != null && r.value() != null) {
                    sb.append(escape(Html.value(r.value(), d.measure(), lang)));
                } else if (r != null && r.suppressed() != null) {
                    sb.append("<span class=\"suppressed\" data-reason=\"").append(escape(r.suppressed())).append("\">")
                      .append(escape(lang.suppressed(r.suppressed()))).append("</span>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n");
        exportLinks(sb, release.edition(), d.id(), s.level(), null, s.units(), lang);
    }

    private static void downloads(StringBuilder sb, String edition, String id, Selection s) {
        Lang lang = s.lang();
        sb.append("<section id=\"download\">\n<h2>").append(escape(lang.t("download"))).append("</h2>\n");
        exportLinks(sb, edition, id, s.level(), s.period(), List.of(), lang);
        sb.append("<p><a class=\"permalink\" href=\"").append(escape(href(edition, id, s))).append("\">").append(escape(lang.t("permalink")))
          .append("</a></p>\n</section>\n");
    }

    /** Links to the export solution's CSV and xlsx of a selection, and its permanent (canonical) link. */
    private static void exportLinks(StringBuilder sb, String edition, String id, String level, String period, List<String> units, Lang lang) {
        String query = exportQuery(id, level, period, units);
        String base = "/releases/" + edition + "/export";
        sb.append("<ul class=\"downloads\">\n<li><a class=\"download-csv\" href=\"").append(escape(base + ".csv" + query))
          .append("\" download>CSV</a></li>\n<li><a class=\"download-xlsx\" href=\"").append(escape(base + ".xlsx" + query))
          .append("\" download>xlsx</a></li>\n<li><a class=\"download-permalink\" href=\"").append(escape(base + ".csv" + query))
          .append("\">").append(escape(lang.t("downloadPermalink"))).append("</a></li>\n</ul>\n");
    }

    /**
     * The export selection in its canonical form: parameters in name order (indicators, levels, periods, units),
     * list values sorted and de-duplicated, the edition in the path (so the link always yields the same rows).
     */
    static String exportQuery(String id, String level, String period, List<String> units) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("indicators", id);
        p.put("levels", level);
        p.put("periods", period);
        p.put("units", units.isEmpty() ? null : String.join(",", units.stream().distinct().sorted().toList()));
        return Query.of(p);
    }

    static String path(String edition, String id) {
        return "/releases/" + edition + "/indicators/" + id;
    }

    /** The page's permanent link: edition pinned, every choice explicit. */
    static String href(String edition, String id, Selection s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("level", s.level());
        p.put("period", s.period());
        p.put("units", s.units().isEmpty() ? null : String.join(",", s.units()));
        p.put("lang", s.lang() == Lang.EN ? "en" : null);
        return path(edition, id) + Query.of(p);
    }

    private static String startHref(String edition, Lang lang) {
        return "/releases/" + edition + "/" + (lang == Lang.EN ? "?lang=en" : "");
    }

    static String unitName(IndicatorResult r) {
        return r.unitName() == null ? r.unitId() : r.unitName();
    }

    /** The levels with results, in hierarchy order (levels kvik does not know last, by code). */
    static List<String> levels(List<IndicatorResult> rows) {
        return rows.stream().map(IndicatorResult::level).distinct()
                .sorted(Comparator.comparingInt((String l) -> Level.find(l).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                        .thenComparing(Comparator.naturalOrder())).toList();
    }

    /** The period labels with results, by start then end. */
    static List<String> periods(List<IndicatorResult> rows) {
        Map<String, IndicatorResult> first = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparing(IndicatorResult::periodStart).thenComparing(IndicatorResult::periodEnd))
                .forEach(r -> first.putIfAbsent(r.periodLabel(), r));
        return List.copyOf(first.keySet());
    }

    /** The periods of the indicator's own length (a year, tertial or half-year; not the pooled windows), in order. */
    static List<String> ownPeriods(List<IndicatorResult> rows, String frequency) {
        int months = switch (frequency) {
            case "tertial" -> 4;
            case "half_year" -> 6;
            default -> 12;
        };
        return periods(rows.stream().filter(r -> r.periodStart().plusMonths(months).equals(r.periodEnd())).toList());
    }
}
