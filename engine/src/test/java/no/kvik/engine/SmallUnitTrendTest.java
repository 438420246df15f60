package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.analysis.TrendAlert;
import no.kvik.analysis.UnitTrend;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.PeriodRules;
import no.kvik.catalog.Suppression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 point 3: a small hospital that deteriorates gets its trend alert although its latest yearly row is
 * pooled or suppressed, and only where the alert cannot reveal a hidden count. Hand-made store (TinyStore):
 * hospital 102 deteriorates, 101 (100 cases a year) and 201 (200) are flat. Slopes and p-values were computed
 * in R: {@code glm(cbind(y, n - y) ~ t, family = binomial)}, t = 0, 1, 2, Wald p from {@code summary()}.
 */
class SmallUnitTrendTest {
    private Connection c;
    private double trendAlpha = AnalysisOptions.defaults().trendAlpha();

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    /** Numerator/denominator per year 2022, 2023, 2024 for hospital 102 (org o2); 101 and 201 are flat. */
    private AnalysedIndicator run(int[] num, int[] den, PeriodRules rules) throws Exception {
        return run(num, den, rules, new int[] {80, 80, 80}, new int[] {150, 150, 150});
    }

    /** As above, with the yearly numerators of 101 (of 100) and 201 (of 200) given. */
    private AnalysedIndicator run(int[] num, int[] den, PeriodRules rules, int[] num101, int[] num201) throws Exception {
        StringBuilder sql = new StringBuilder();
        for (int y = 0; y < 3; y++) {
            String date = "DATE '" + (2022 + y) + "-05-01'";
            sql.append(y == 0 ? "" : ", ").append("(").append(date).append(", 'o2', ").append(num[y]).append(", ").append(den[y])
                    .append("), (").append(date).append(", 'o1', ").append(num101[y]).append(", 100), (").append(date)
                    .append(", 'o4', ").append(num201[y]).append(", 200)");
        }
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, numerator, denominator) VALUES " + sql);
        }
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, rules, new Suppression(5, List.of(1, 4)), null,
                Direction.HIGHER_IS_BETTER);
        AnalysisOptions d = AnalysisOptions.defaults();
        return new Analysis(c).run(ind, RunRequest.allYears(), new AnalysisOptions(d.method(), d.overdispersion(),
                d.innerLevel(), d.outerLevel(), d.fdrLevel(), d.trendYears(), trendAlpha, d.referencePeriod()));
    }

    private static IndicatorResult row(AnalysedIndicator a, String period, String unit) {
        return a.results().stream().filter(r -> r.periodLabel().equals(period) && r.unitId().equals(unit)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + period + " " + unit));
    }

    private static UnitTrend trend(AnalysedIndicator a, String unit) {
        return a.trends().stream().filter(t -> t.level().equals("hospital") && t.unitId().equals(unit)).findFirst()
                .orElseThrow(() -> new AssertionError("no trend of " + unit + ": " + a.trends()));
    }

    @Test
    void pooledLatestYearGetsTheAlertOnItsWindowRowWithSlopeAndP() throws Exception {
        // 28 cases in 2024 (< 30): pooled into 2022-2024; 2022 and 2023 have no complete window and are published
        AnalysedIndicator a = run(new int[] {27, 20, 8}, new int[] {29, 29, 28}, new PeriodRules(null, 3, 30, null));
        assertEquals("pooled", row(a, "2024", "102").suppressed());
        assertNull(row(a, "2024", "102").trendFlag());
        // the window row carries the flag
        assertEquals("deteriorating", row(a, "2022-2024", "102").trendFlag());
        TrendAlert alert = a.trendAlerts().stream().filter(t -> t.unitId().equals("102")).findFirst().orElseThrow();
        assertEquals("2022-2024", alert.toPeriod());
        // 2024 = window − 2022 − 2023 is public anyway, so slope and p are published: R −1.74779883801014, p 7.422375e-06
        assertEquals(-1.74779883801014, alert.slope(), 1e-6);
        assertEquals(7.42237500511540e-06, alert.p(), 1e-9);
        assertEquals("", trend(a, "102").result().note());
    }

    @Test
    void suppressedLatestYearIsAlertedWithoutSlopeWhenNoFlagCanRevealTheCount() throws Exception {
        // 3 of 30 in 2024 is primary-suppressed (numerator 1–4), no window: a reader knows only 1–4.
        // R: every one of 1, 2, 3, 4 gives a significant fall (p 3.3e-07 … 1.6e-06), so the flag fixes nothing
        AnalysedIndicator a = run(new int[] {25, 15, 3}, new int[] {30, 30, 30}, null);
        assertEquals("primary_numerator", row(a, "2024", "102").suppressed());
        TrendAlert alert = a.trendAlerts().stream().filter(t -> t.unitId().equals("102")).findFirst().orElseThrow();
        assertEquals("deteriorating", alert.flag());
        assertEquals("2024", alert.toPeriod());
        assertTrue(Double.isNaN(alert.slope()) && Double.isNaN(alert.p()), alert.toString());
        UnitTrend t = trend(a, "102");
        assertEquals("deteriorating", t.result().trendFlag());
        assertEquals("slope and p not published: the unit's rows of 2024 are hidden", t.result().note());
    }

    @Test
    void aFlagNeedsItsPValueUnderTheLevelsFalseDiscoveryCutOff() throws Exception {
        // 12/20, 10/20, 5/20 (published): R p 0.02967 < 0.05, but with 101 and 201 flat (p 1) the Benjamini–Hochberg
        // cut-off over the 3 hospitals is 0 and a flag needs p ≤ 0.05/3: no flag, and the trend table says why
        AnalysedIndicator flat = run(new int[] {12, 10, 5}, new int[] {20, 20, 20}, null);
        UnitTrend t = trend(flat, "102");
        assertEquals(0.02967176505, t.result().p(), 1e-8);
        assertEquals("", t.result().trendFlag());
        assertNull(row(flat, "2024", "102").trendFlag());
        assertTrue(flat.trendAlerts().stream().noneMatch(x -> x.unitId().equals("102")));
        assertTrue(t.result().note().contains("false discovery rate over the 3 hospital units tested is held at 5 %"),
                t.result().note());
        // 101 and 201 fall clearly too (p < 1e-5): all three p ≤ k·0.05/3, so 102's 0.0297 ≤ 0.05 is a discovery
        c.close();
        c = TinyStore.open();
        AnalysedIndicator all = run(new int[] {12, 10, 5}, new int[] {20, 20, 20}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80});
        assertEquals("deteriorating", trend(all, "102").result().trendFlag());
        assertEquals("deteriorating", row(all, "2024", "102").trendFlag());
    }

    @Test
    void suppressedLatestYearGetsNoFlagWhenTheFlagWouldFixTheCount() throws Exception {
        // 6/12, 6/12, 1/12: R gives p 0.0416 for 1 but 0.102, 0.220, 0.414 for 2, 3, 4 in 2024. A reader who sees
        // "deteriorating" would know the hidden 2024 numerator is 1: the flag is withheld (and would be for any count).
        // 101 and 201 fall clearly (p < 1e-5) so that the level's false-discovery cut-off lets 0.0416 through.
        AnalysedIndicator a = run(new int[] {6, 6, 1}, new int[] {12, 12, 12}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80});
        assertEquals("primary_numerator", row(a, "2024", "102").suppressed());
        assertTrue(a.trendAlerts().stream().noneMatch(t -> t.unitId().equals("102")), a.trendAlerts().toString());
        UnitTrend t = trend(a, "102");
        assertEquals("", t.result().trendFlag());
        assertTrue(Double.isNaN(t.result().p()));
        assertEquals("not published: the unit's rows of 2024 are hidden and a trend flag could reveal their counts",
                t.result().note());
        // the same counts but 2 in 2024 (not significant): withheld too, so withholding tells nothing
        c.close();
        c = TinyStore.open();
        UnitTrend two = trend(run(new int[] {6, 6, 2}, new int[] {12, 12, 12}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80}), "102");
        assertEquals(t.result().note(), two.result().note());
    }

    /**
     * The verdicts of the disclosure check are kept within the process (analysis.DisclosureVerdicts): the same hidden
     * series with other p-values of the level, or another trend level, must be checked again. 6/12, 6/12 and a hidden
     * 1–4 of 12 as above, first with 101 and 201 falling (the flag would fix the count: withheld), then with them flat
     * (no count gives a flag under the level's cut-off, so the empty flag is published without slope and p), then
     * falling again at trend level 0.01 (no count's p, at least 0.0416, is significant: the same).
     */
    @Test
    void aVerdictIsNotReusedForOtherPValuesOrLevel() throws Exception {
        String withheld = "not published: the unit's rows of 2024 are hidden and a trend flag could reveal their counts";
        String published = "slope and p not published: the unit's rows of 2024 are hidden";
        assertEquals(withheld, trend(run(new int[] {6, 6, 1}, new int[] {12, 12, 12}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80}), "102").result().note());
        c.close();
        c = TinyStore.open();
        assertEquals(published, trend(run(new int[] {6, 6, 1}, new int[] {12, 12, 12}, null), "102").result().note());
        c.close();
        c = TinyStore.open();
        assertEquals(withheld, trend(run(new int[] {6, 6, 1}, new int[] {12, 12, 12}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80}), "102").result().note());
        c.close();
        c = TinyStore.open();
        trendAlpha = 0.01;
        assertEquals(published, trend(run(new int[] {6, 6, 1}, new int[] {12, 12, 12}, null,
                new int[] {80, 60, 40}, new int[] {160, 120, 80}), "102").result().note());
    }

    /**
     * Alerts of the same p come in a fixed order: hospitals 101, 111 and 201 (orgs o1, o3, o4) and so HF 11 and HF 20
     * (one hospital each) all have 30/40, 20/40, 10/40, one p; HF 10 adds the flat 102 (20/40 each year). R,
     * {@code glm(cbind(y, n - y) ~ t, family = binomial)}: p 2.09135814160832e-05 for 30, 20, 10 of 40 and
     * 0.00175907200273212 for 50, 40, 30 of 80. Before, tied alerts kept the order the units came out of a hash map.
     */
    @Test
    void alertsOfTheSamePAreOrderedByLevelAndUnit() throws Exception {
        StringBuilder sql = new StringBuilder();
        int[] falling = {30, 20, 10};
        for (int y = 0; y < 3; y++) {
            String date = "DATE '" + (2022 + y) + "-05-01'";
            for (String org : List.of("o4", "o3", "o1")) {
                sql.append(sql.length() == 0 ? "" : ", ").append("(").append(date).append(", '").append(org).append("', ")
                        .append(falling[y]).append(", 40)");
            }
            sql.append(", (").append(date).append(", 'o2', 20, 40)");
        }
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, numerator, denominator) VALUES " + sql);
        }
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.HF, Level.HOSPITAL), Frequency.YEAR, null, new Suppression(5, List.of(1, 4)),
                null, Direction.HIGHER_IS_BETTER);
        List<TrendAlert> alerts = new Analysis(c).run(ind, RunRequest.allYears()).trendAlerts();
        assertEquals(List.of("hf 11", "hf 20", "hospital 101", "hospital 111", "hospital 201", "hf 10"),
                alerts.stream().map(a -> a.level() + " " + a.unitId()).toList());
        for (TrendAlert a : alerts.subList(0, 5)) assertEquals(2.09135814160832e-05, a.p(), 1e-12);
        assertEquals(0.00175907200273212, alerts.get(5).p(), 1e-10);
    }
}
