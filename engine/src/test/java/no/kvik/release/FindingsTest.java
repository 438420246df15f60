package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.quality.QualityRow;
import org.junit.jupiter.api.Test;

/** Findings from hand-made rows of hip_fracture_surgery_48h (proportion, higher is better, tertial, bands 0.9/0.8). */
class FindingsTest {
    static final String ID = "hip_fracture_surgery_48h";
    static final IndicatorMeta META = Catalogue.load(ReleaseFixture.HOME.indicators(),
            Contracts.load(ReleaseFixture.HOME.contracts())).get(ID).meta();

    @Test
    void twoProportionTestByHand() {
        // 30/100 vs 50/100: pooled 0.4, se = sqrt(0.4 * 0.6 * 0.02) = 0.0692820, z = -0.2 / se = -2.886751,
        // p = 2 * (1 - Φ(2.886751)) = 0.0038924
        assertEquals(0.0038924, Findings.twoProportionP(30, 100, 50, 100), 1e-6);
        // 10 events / 1000 vs 20 / 1000: se = sqrt(10 + 20) / 1000, z = -0.01 / 0.0054772 = -1.825742, p = 0.067889
        assertEquals(0.067889, Findings.poissonRateP(10, 1000, 20, 1000), 1e-6);
    }

    @Test
    void findingsFromRows() {
        List<IndicatorResult> rows = List.of(
                Rows.plain(ID, 2022, 3, "nation", "nation", 50.0, 100.0),
                Rows.plain(ID, 2023, 2, "nation", "nation", 45.0, 100.0),
                Rows.tertial(ID, 2023, 3, "nation", "nation", 30.0, 100.0, "low", null, null, null),
                Rows.tertial(ID, 2023, 3, "rhf", "1", 19.0, 20.0, "high", "as_expected", false, null),
                Rows.tertial(ID, 2023, 3, "rhf", "2", 17.0, 20.0, "medium", "as_expected", false, "deteriorating"),
                Rows.tertial(ID, 2023, 3, "rhf", "3", 5.0, 20.0, "low", "low_outer", true, null),
                Rows.tertial(ID, 2023, 3, "hospital", "h9", 8.0, 10.0, "medium", "high_inner", false, null),
                // an older flag is not news
                Rows.tertial(ID, 2023, 2, "rhf", "3", 5.0, 20.0, "low", "low_outer", true, null));
        List<QualityRow> quality = List.of(
                new QualityRow("completeness", "npr_somatic", "NPR", "974", "2023", "rows", 0, null, null, ""),
                new QualityRow("completeness", "npr_somatic", "NPR", "973", "2023", "rows", 0, null, null, ""),
                new QualityRow("completeness", "npr_somatic", "NPR", "975", "2023", "rows", 12, null, null, ""),
                new QualityRow("completeness", "npr_somatic", "NPR", "", "2023", "units_delivered", 8, 10L, 0.8, ""),
                new QualityRow("completeness", "npr_somatic", "NPR", "", "2022", "units_delivered", 10, 10L, 1.0, ""),
                new QualityRow("validity", "npr_somatic", "NPR", "", "2023", "valid_rows", 0, 5L, 0.0, ""));
        Findings f = Findings.of("2024-5", rows, Map.of(ID, META), quality);

        assertEquals(1, f.nationalChanges().size());
        Findings.NationalChange c = f.nationalChanges().get(0);
        assertEquals("2023-T3", c.period());
        assertEquals("2022-T3", c.previousPeriod()); // same tertial a year earlier, not 2023-T2
        assertEquals(0.0038924, c.p(), 1e-6);
        assertEquals("two_proportion_z", c.test());
        assertFalse(c.better());
        assertTrue(c.text().contains("fell from 0.500 in 2022-T3 to 0.300 in 2023-T3") && c.text().endsWith("a deterioration"), c.text());

        assertEquals(1, f.unitFlags().size()); // high_inner is not an outer flag and has no FDR flag
        Findings.UnitFlag u = f.unitFlags().get(0);
        assertEquals("3", u.unitId());
        assertEquals("2023-T3", u.period());
        assertTrue(u.badSide());

        assertEquals(1, f.negativeTrends().size());
        assertEquals("2", f.negativeTrends().get(0).unitId());

        assertEquals(List.of("1", "2", "3"), f.goalAttainment().stream().map(Findings.GoalSummary::unitId).toList());
        assertEquals(List.of(1, 0, 0), counts(f.goalAttainment().get(0)));
        assertEquals(List.of(0, 1, 0), counts(f.goalAttainment().get(1)));
        assertEquals(List.of(0, 0, 1), counts(f.goalAttainment().get(2)));

        assertEquals(2, f.caveats().size());
        assertEquals("did_not_report", f.caveats().get(0).kind());
        assertEquals("973 974", f.caveats().get(0).unit());
        assertEquals("npr_somatic: 2 unit(s) delivered no rows for 2023: 973, 974", f.caveats().get(0).text());
        assertEquals("low_completeness", f.caveats().get(1).kind());
        assertEquals(0.8, f.caveats().get(1).share());
        assertTrue(f.markdown().contains("## Data-quality caveats\n\n- npr_somatic: 2 unit(s)"), f.markdown());
    }

    @Test
    void noChangeWithoutTheSamePeriodAYearEarlier() {
        List<IndicatorResult> rows = List.of(Rows.plain(ID, 2023, 2, "nation", "nation", 50.0, 100.0),
                Rows.plain(ID, 2023, 3, "nation", "nation", 10.0, 100.0));
        Findings f = Findings.of("x", rows, Map.of(ID, META), List.of());
        assertEquals(List.of(), f.nationalChanges());
        assertNull(Findings.nationalChange(rows, META, "2023-T3").orElse(null));
    }

    private static List<Integer> counts(Findings.GoalSummary g) {
        return List.of(g.high(), g.medium(), g.low());
    }

    @Test
    void aSurvivalUnitFlaggedHighOnItsDeathsIsOnTheBadSide() {
        // all_cause_30d_survival: higher survival is better; its funnel places the O/E of death, so "high" is bad
        IndicatorMeta survival = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()))
                .get("all_cause_30d_survival").meta();
        java.time.LocalDate y23 = java.time.LocalDate.of(2023, 1, 1);
        IndicatorResult r = new IndicatorResult("all_cause_30d_survival", "1.0.0", y23, y23.plusYears(1), "2023", "hospital",
                "101", "Unit 101", 80.0, 100.0, 0.8, 0.71, 0.87, "death", 20.0, 12.5, 1.6, 0.98, 2.47, 0.86, 2.9,
                "high_outer", false, null, null, null);
        Findings.UnitFlag u = Findings.unitFlag(r, survival).orElseThrow();
        assertTrue(u.badSide(), u.text());
        assertEquals("all_cause_30d_survival: Unit 101 (hospital) is flagged high in 2023 (O/E of death 1.60 (20.00 observed, "
                + "12.50 expected), value 0.800, outside the 99.8 % funnel limit)", u.text());
    }
}
