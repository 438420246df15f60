package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;
import no.kvik.analysis.FunnelSummary;
import no.kvik.report.ReleaseReportModel.IndicatorSection;
import org.junit.jupiter.api.Test;

class ReleaseReportTest {

    private static IndicatorResult row(String label, LocalDate start, LocalDate end, String level, String unit,
                                       Double num, Double den, Double value, String suppressed) {
        return new IndicatorResult("ind", "1.0.0", start, end, label, level, unit, "Unit " + unit, num, den, value,
                value == null ? null : value - 0.05, value == null ? null : value + 0.05, null, null, null, null, null, null, null,
                null, null, null, null, null, suppressed);
    }

    /** A yearly proportion reported at nation and hospital, higher is better. */
    private static IndicatorSection section(String id, String name, List<IndicatorResult> rows, FunnelSummary funnel) {
        return new IndicatorSection(id, "1.0.0", "n", name, "d", "proportion", null, "higher_is_better", "year",
                List.of("nation", "hospital"), rows, funnel);
    }

    @Test
    void aPooledSmallUnitIsShownWithItsWindowsFiguresAndLabel() {
        LocalDate y24 = LocalDate.of(2024, 1, 1);
        LocalDate y25 = LocalDate.of(2025, 1, 1);
        List<IndicatorResult> rows = List.of(
                row("2024", y24, y25, "nation", "nation", 38.0, 330.0, 38.0 / 330, null),
                row("2024", y24, y25, "hospital", "101", 10.0, 100.0, 0.1, null),
                row("2024", y24, y25, "hospital", "102", null, null, null, ResultSchema.SUPPRESSED_POOLED),
                row("2022-2024", LocalDate.of(2022, 1, 1), y25, "hospital", "102", 11.0, 65.0, 11.0 / 65, null));
        StringBuilder sb = new StringBuilder();
        ReleaseReport.indicator(sb, section("ind", "Indicator", rows, null));
        String html = sb.toString();
        // 11/65 = 0.16923..., to 4 significant digits; the window's numerator and denominator beside it
        assertTrue(html.contains("<td>Unit 102</td><td class=\"num\">0.1692 (2022-2024)</td>"
                + "<td class=\"num\">0.1192 – 0.2192</td><td class=\"num\">11</td><td class=\"num\">65</td>"), html);
        assertTrue(html.contains("<td>Unit 101</td><td class=\"num\">0.1</td>"), html);
    }

    @Test
    void aFunnelWithoutPublishedUnitsIsReplacedByItsReasonNotAnEmptyPlot() {
        LocalDate y24 = LocalDate.of(2024, 1, 1);
        LocalDate y25 = LocalDate.of(2025, 1, 1);
        List<IndicatorResult> rows = List.of(
                row("2024", y24, y25, "nation", "nation", 38.0, 330.0, 38.0 / 330, null),
                row("2024", y24, y25, "hospital", "102", null, null, null, ResultSchema.SUPPRESSED_POOLED));
        String reason = "all 1 hospital units of 2024 suppressed (1 pooled: fewer than 30 cases in the year, reported "
                + "for 3 years together)";
        FunnelSummary empty = new FunnelSummary("hospital", "2024",
                no.kvik.variation.IndicatorKind.PROPORTION, no.kvik.variation.LimitMethod.EXACT,
                no.kvik.variation.Overdispersion.ADDITIVE, 38.0 / 330, Double.NaN, Double.NaN, 2, List.of(), "", null,
                "centre: national value 11.5 %", reason);
        StringBuilder sb = new StringBuilder();
        ReleaseReport.indicator(sb, section("ind", "Indicator", rows, empty));
        String html = sb.toString();
        assertTrue(html.contains("<p class=\"funnel-note\">No funnel plot for hospital 2024: all 1 hospital units of 2024 "
                + "suppressed (1 pooled: fewer than 30 cases in the year, reported for 3 years together).</p>"), html);
        assertTrue(!html.contains("<figure class=\"funnel\""), html);
    }

    @Test
    void aPercentileWithoutAnUpperBoundShowsTheLowerBoundAlone() {
        // the 90th percentile of 12 values: the lower 95 % bound is an order statistic, the upper one would need a
        // rank beyond 12 (Intervals.quantileRanks), so ci_high is null; the report used to fail on it
        LocalDate y23 = LocalDate.of(2023, 1, 1);
        LocalDate y24 = LocalDate.of(2024, 1, 1);
        IndicatorResult amk = new IndicatorResult("p90", "1.0.0", y23, y24, "2023", "hospital", "101", "Unit 101",
                9.0, 12.0, 17.5, 14.25, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        IndicatorResult nation = row("2023", y23, y24, "nation", "nation", 300.0, 400.0, 16.0, null);
        StringBuilder sb = new StringBuilder();
        ReleaseReport.indicator(sb, section("p90", "P90", List.of(nation, amk), null));
        String html = sb.toString();
        assertTrue(html.contains("<td>Unit 101</td><td class=\"num\">17.5</td><td class=\"num\">14.25 – </td>"), html);
    }

    @Test
    void aSurvivalRowNamesTheEventItsObservedExpectedAndFunnelCount() {
        LocalDate y23 = LocalDate.of(2023, 1, 1);
        LocalDate y24 = LocalDate.of(2024, 1, 1);
        // 80 of 100 survive: 20 deaths against 12.5 expected, O/E 1.6, flagged high on the O/E of death
        IndicatorResult hospital = new IndicatorResult("surv", "1.0.0", y23, y24, "2023", "hospital", "101", "Unit 101",
                80.0, 100.0, 0.8, 0.71, 0.87, "death", 20.0, 12.5, 1.6, 0.98, 2.47, 0.86, 2.9, "high_outer", true, null,
                null, null);
        IndicatorResult nation = new IndicatorResult("surv", "1.0.0", y23, y24, "2023", "nation", "nation", "Norge",
                900.0, 1000.0, 0.9, 0.88, 0.92, "death", 100.0, 100.0, 1.0, 0.81, 1.22, 0.9, null, null, null, null,
                null, null);
        StringBuilder sb = new StringBuilder();
        ReleaseReport.indicator(sb, section("surv", "Survival", List.of(nation, hospital), null));
        String html = sb.toString();
        assertTrue(html.contains("<th>Goal</th><th>Observed death</th><th>Expected death</th><th>O/E of death</th>"
                + "<th>Funnel (O/E of death)</th>"), html);
        assertTrue(html.contains("<td class=\"num\">80</td><td class=\"num\">100</td><td></td><td class=\"num\">20</td>"
                + "<td class=\"num\">12.5</td><td class=\"num\">1.6</td><td>high_outer</td>"), html);
    }
}
