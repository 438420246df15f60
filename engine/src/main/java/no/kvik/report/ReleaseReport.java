package no.kvik.report;

import static no.kvik.text.HtmlText.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import no.kvik.analysis.FunnelSummary;
import no.kvik.catalog.Level;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;
import no.kvik.report.ReleaseReportModel.FinancingScore;
import no.kvik.report.ReleaseReportModel.FinancingTable;
import no.kvik.report.ReleaseReportModel.FindingsLists;
import no.kvik.report.ReleaseReportModel.IndicatorSection;
import no.kvik.report.ReleaseReportModel.RevisionsSummary;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.report.chart.TrendPoint;

/**
 * The static HTML report of a release: one self-contained file (charts as inline SVG, no scripts or
 * styles from elsewhere) that opens in a browser from disk. Per indicator: the definition, a table of the
 * latest period at national and the first sub-national level, the national trend, a caterpillar
 * chart of those units, and the funnel plot of the latest period's level with the most units. A small inline script records in the DOM how many charts were laid out visibly
 * (read by the end-to-end browser test and harmless otherwise).
 */
public final class ReleaseReport {
    private ReleaseReport() {
    }

    /** Writes the report of a release, filled in by {@code no.kvik.release}, as one UTF-8 HTML file. */
    public static void write(Path file, ReleaseReportModel release) throws IOException {
        Files.writeString(file, html(release), StandardCharsets.UTF_8);
    }

    static String html(ReleaseReportModel release) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<title>NKI release ").append(escape(release.edition())).append("</title>\n<style>\n")
          .append("body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}")
          .append("td,th{border:1px solid #ccc;padding:2px 6px}td.num{text-align:right}svg{max-width:100%;height:auto;display:block}")
          .append("section.indicator{border-top:2px solid #1f77b4;margin-top:2em}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>NKI release ").append(escape(release.edition())).append("</h1>\n<p>Published ").append(release.published())
          .append("; data up to (not including) ").append(release.dataEnd()).append("; ").append(release.indicators().size())
          .append(" indicators.</p>\n");
        sb.append("<nav><h2>Indicators</h2><ul>\n");
        for (IndicatorSection d : release.indicators()) {
            sb.append("<li><a href=\"#").append(escape(d.id())).append("\">").append(escape(d.nameEn())).append("</a></li>\n");
        }
        sb.append("</ul></nav>\n");
        findings(sb, release.findings());
        financing(sb, release.financing());
        if (release.revisions() != null) revisions(sb, release.revisions());
        // each indicator's section (tables and charts, the report's bulk) on the cores there are, joined in the
        // model's order: the same file as drawing them one after the other
        for (String section : release.indicators().parallelStream().map(ReleaseReport::section).toList()) sb.append(section);
        sb.append("<script>\naddEventListener('load', function () {\n")
          .append("  var n = 0; document.querySelectorAll('svg').forEach(function (s) {\n")
          .append("    var r = s.getBoundingClientRect(); if (r.width > 0 && r.height > 0) n++; });\n")
          .append("  document.body.setAttribute('data-charts-visible', String(n));\n});\n</script>\n");
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void findings(StringBuilder sb, FindingsLists f) {
        sb.append("<section id=\"findings\"><h2>Main findings</h2>\n");
        list(sb, "Significant national changes", f.nationalChanges());
        list(sb, "Units flagged high or low", f.unitFlags());
        list(sb, "Significant negative trends", f.negativeTrends());
        list(sb, "Goal attainment per RHF", f.goalAttainment());
        list(sb, "Data-quality caveats", f.caveats());
        sb.append("</section>\n");
    }

    private static void list(StringBuilder sb, String title, List<String> items) {
        sb.append("<h3>").append(escape(title)).append("</h3>\n");
        if (items.isEmpty()) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<ul>\n");
        for (String i : items) sb.append("<li>").append(escape(i)).append("</li>\n");
        sb.append("</ul>\n");
    }

    private static void financing(StringBuilder sb, FinancingTable f) {
        sb.append("<section id=\"financing\"><h2>Results-based financing ").append(f.year()).append("</h2>\n");
        if (f.scores().isEmpty()) {
            sb.append("<p>No financing indicator is in this release.</p>\n</section>\n");
            return;
        }
        sb.append("<p>Indicators: ").append(escape(String.join(", ", f.indicators()))).append(". Not in this release: ")
          .append(f.missing().isEmpty() ? "none" : escape(String.join(", ", f.missing()))).append(".</p>\n");
        sb.append("<table class=\"financing\"><tr><th>Rank</th><th>RHF</th><th>Indicators</th><th>Placement</th>")
          .append("<th>Completeness</th><th>Total</th></tr>\n");
        for (FinancingScore s : f.scores()) {
            sb.append("<tr><td class=\"num\">").append(s.rank()).append("</td><td>").append(escape(s.rhfName()))
              .append("</td><td class=\"num\">").append(s.indicators()).append("</td><td class=\"num\">").append(num(s.placement()))
              .append("</td><td class=\"num\">").append(num(s.completeness())).append("</td><td class=\"num\">")
              .append(num(s.total())).append("</td></tr>\n");
        }
        sb.append("</table>\n</section>\n");
    }

    private static void revisions(StringBuilder sb, RevisionsSummary r) {
        sb.append("<section id=\"revisions\"><h2>Revisions since ").append(escape(r.previous())).append("</h2>\n<ul>\n")
          .append("<li>New indicators: ").append(r.newIndicators().isEmpty() ? "none" : escape(String.join(", ", r.newIndicators()))).append("</li>\n")
          .append("<li>Retired indicators: ").append(r.retiredIndicators().isEmpty() ? "none" : escape(String.join(", ", r.retiredIndicators()))).append("</li>\n")
          .append("<li>Changed definitions: ").append(r.changedDefinitions().isEmpty() ? "none"
                  : escape(String.join(", ", r.changedDefinitions().stream().map(c -> c.id() + " (" + c.changed() + ")").toList()))).append("</li>\n")
          .append("<li>Revised historical values: ").append(r.revisedValueCount())
          .append("</li>\n</ul>\n<p>A revised value: ").append(escape(r.revisedMeans())).append(".</p>\n</section>\n");
    }

    /** One indicator's section as {@link #indicator} writes it. */
    static String section(IndicatorSection d) {
        StringBuilder sb = new StringBuilder();
        indicator(sb, d);
        return sb.toString();
    }

    static void indicator(StringBuilder sb, IndicatorSection d) {
        List<IndicatorResult> rows = d.rows();
        FunnelSummary funnel = d.funnel();
        sb.append("<section class=\"indicator\" id=\"").append(escape(d.id())).append("\">\n<h2>").append(escape(d.nameEn()))
          .append("</h2>\n<p><i>").append(escape(d.nameNo())).append("</i></p>\n<p>").append(escape(d.descriptionEn() == null ? "" : d.descriptionEn()))
          .append("</p>\n<p>Measure: ").append(escape(d.measure())).append(d.per() == null ? "" : " per " + num(d.per()))
          .append("; direction: ").append(escape(d.direction() == null ? "none" : d.direction())).append("; frequency: ")
          .append(escape(d.frequency())).append("; version ").append(escape(d.version())).append(".</p>\n");
        int months = switch (d.frequency()) {
            case "tertial" -> 4;
            case "half_year" -> 6;
            default -> 12;
        };
        List<IndicatorResult> own = rows.stream().filter(r -> r.periodStart().plusMonths(months).equals(r.periodEnd())).toList();
        if (own.isEmpty()) {
            sb.append("<p>No results in the released periods.</p>\n</section>\n");
            return;
        }
        IndicatorResult last = own.stream().max(Comparator.comparing(IndicatorResult::periodStart)).orElseThrow();
        String latest = last.periodLabel();
        String subLevel = d.levels().stream().filter(l -> !l.equals(Level.NATION.code())).findFirst().orElse(null);
        List<IndicatorResult> table = own.stream().filter(r -> r.periodLabel().equals(latest)
                && (r.level().equals(Level.NATION.code()) || r.level().equals(subLevel))).toList();
        // a risk-adjusted row's observed, expected, O/E and funnel flag count its event (death for survival,
        // whose value and numerator count survivors): the headers name it
        String event = table.stream().map(IndicatorResult::event).filter(e -> e != null).findFirst().orElse(null);
        sb.append("<table class=\"results\"><caption>").append(escape(latest)).append("</caption>\n<tr><th>Level</th><th>Unit</th>")
          .append("<th>Value</th><th>95 % interval</th><th>Numerator</th><th>Denominator</th><th>Goal</th>")
          .append(event == null ? "" : "<th>Observed " + escape(event) + "</th><th>Expected " + escape(event) + "</th><th>O/E of "
                  + escape(event) + "</th>")
          .append("<th>Funnel").append(event == null ? "" : " (O/E of " + escape(event) + ")").append("</th></tr>\n");
        for (IndicatorResult shown : table) {
            // a small unit pooled over years is shown with its window's figures, labelled with the window
            IndicatorResult r = ResultSchema.SUPPRESSED_POOLED.equals(shown.suppressed()) ? pooledWindow(rows, shown) : shown;
            String value = r.value() != null ? num(r.value()) + (r == shown ? "" : " (" + escape(r.periodLabel()) + ")")
                    : r.suppressed() == null ? "" : "suppressed";
            sb.append("<tr><td>").append(escape(r.level())).append("</td><td>").append(escape(r.unitName() == null ? r.unitId() : r.unitName()))
              .append("</td><td class=\"num\">").append(value)
              .append("</td><td class=\"num\">").append(interval(r.ciLow(), r.ciHigh()))
              .append("</td><td class=\"num\">").append(r.numerator() == null ? "" : num(r.numerator()))
              .append("</td><td class=\"num\">").append(r.denominator() == null ? "" : num(r.denominator()))
              .append("</td><td>").append(escape(r.goalLevel() == null ? "" : r.goalLevel()));
            if (event != null) {
                sb.append("</td><td class=\"num\">").append(r.observed() == null ? "" : num(r.observed()))
                  .append("</td><td class=\"num\">").append(r.expected() == null ? "" : num(r.expected()))
                  .append("</td><td class=\"num\">").append(r.oE() == null ? "" : num(r.oE()));
            }
            sb.append("</td><td>").append(escape(r.funnelFlag() == null ? "" : r.funnelFlag())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        List<TrendPoint> trend = new ArrayList<>();
        for (IndicatorResult r : own) {
            if (r.level().equals(Level.NATION.code()) && r.value() != null) {
                trend.add(new TrendPoint(r.periodLabel(), r.value(), r.ciLow(), r.ciHigh()));
            }
        }
        if (!trend.isEmpty()) {
            sb.append("<figure class=\"trend\">").append(inline(Charts.trendSvg(trend, "National trend", d.measure())))
              .append("</figure>\n");
        }
        Double national = table.stream().filter(r -> r.level().equals(Level.NATION.code())).map(IndicatorResult::value)
                .filter(v -> v != null).findFirst().orElse(null);
        List<CaterpillarItem> items = table.stream().filter(r -> !r.level().equals(Level.NATION.code()) && r.value() != null
                && r.ciLow() != null && r.ciHigh() != null)
                .map(r -> new CaterpillarItem(r.unitName() == null ? r.unitId() : r.unitName(), r.value(), r.ciLow(), r.ciHigh())).toList();
        if (national != null && !items.isEmpty()) {
            sb.append("<figure class=\"caterpillar\">").append(inline(Charts.caterpillarSvg(items, national,
                    subLevel + " " + latest + " (dashed: national)", d.measure()))).append("</figure>\n");
        }
        if (funnel != null && funnel.unitsPublished() > 0) {
            // the level and period are named for readers of the report file (the statistics views show this figure)
            sb.append("<figure class=\"funnel\" data-level=\"").append(escape(funnel.level())).append("\" data-period=\"")
              .append(escape(funnel.periodLabel())).append("\">").append(inline(Charts.funnelSvg(Charts.withUnitNames(funnel.funnel(),
                    AnalysisFiles.unitNames(rows, funnel)), "Funnel plot, "
                    + funnel.level() + " " + funnel.periodLabel() + (event == null ? "" : ", O/E of " + event), funnel.centre()))).append("</figure>\n");
        } else if (funnel != null) {
            // never an empty plot: say why no unit is shown, and where the small units are reported
            sb.append("<p class=\"funnel-note\">No funnel plot for ").append(escape(funnel.level())).append(' ')
              .append(escape(funnel.periodLabel())).append(": ").append(escape(funnel.emptyReason())).append(".</p>\n");
        }
        sb.append("</section>\n");
    }

    /** An SVG document as an inline element (without its XML declaration). */
    static String inline(String svg) {
        return svg.startsWith("<?xml") ? svg.substring(svg.indexOf('\n') + 1) : svg;
    }

    /**
     * A 95 % interval as "low – high"; a side may be missing (a percentile of few values has an order-statistic lower
     * bound but no upper one: ranks beyond n), and is then left blank rather than failing the report.
     */
    static String interval(Double low, Double high) {
        if (low == null && high == null) return "";
        return (low == null ? "" : num(low)) + " – " + (high == null ? "" : num(high));
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.format(Locale.ROOT, "%d", (long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The window row that carries a pooled unit's figures (the row itself when there is none). */
    private static IndicatorResult pooledWindow(List<IndicatorResult> rows, IndicatorResult pooled) {
        return rows.stream().filter(w -> w.level().equals(pooled.level()) && w.unitId().equals(pooled.unitId())
                        && w.periodEnd().equals(pooled.periodEnd()) && w.periodStart().isBefore(pooled.periodStart())
                        && w.suppressed() == null)
                .findFirst().orElse(pooled);
    }
}
