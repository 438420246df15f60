package no.kvik.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.kvik.variation.IndicatorKind;
import org.junit.jupiter.api.Test;

/**
 * Recovery scoring on a hand-made truth and result set: which unit each plant lands on, right/wrong side, the
 * false-flag rate among units without a plant (units containing one left out), the trend alert, and the power.
 * Power values from R: 1 - pnorm((0.3 + qnorm(0.975) * sqrt(0.3/1000) - 0.33) / sqrt(0.33/1000)) = 0.4139846727.
 */
class RecoveryTest {
    static final LocalDate Y22 = LocalDate.of(2022, 1, 1);
    static final LocalDate Y24 = LocalDate.of(2024, 1, 1);
    static final LocalDate Y25 = LocalDate.of(2025, 1, 1);

    static Recovery.Row row(String indicator, LocalDate start, String level, String unit, double n, double value, Double z,
                            String flag, String trend) {
        String label = start.equals(Y22) ? "2022-2024" : "2024";
        return new Recovery.Row(indicator, start, Y25, label, level, unit, unit, value * n, n, value, null, null, z, flag, trend, null);
    }

    @Test
    void scoresPlantsFalseFlagsAndTrend() throws Exception {
        JsonNode truth = new ObjectMapper().readTree("""
                {"case_mix": {"local_hospital_orgs": ["900000003"]},
                 "hospital_effects": [
                   {"provider_org": "900000001", "name": "A", "outcome": "epicrisis_within_1_day", "log_odds_ratio": -1.3,
                    "trend_log_odds_per_year": 0, "note": "clearly worse"},
                   {"provider_org": "900000002", "name": "B", "outcome": "mortality_30d_ami", "log_odds_ratio": 0,
                    "trend_log_odds_per_year": 0.39, "note": "deteriorating"}],
                 "municipality_effects": [
                   {"municipality": "0301", "name": "Oslo", "outcome": "antibiotic_prescriptions_per_1000", "multiplier": 1.1}]}
                """);
        Map<String, Recovery.ProviderUnits> providers = Map.of(
                "900000001", new Recovery.ProviderUnits("11", "1", "1"),
                "900000002", new Recovery.ProviderUnits("12", "1", "1"),
                "900000003", new Recovery.ProviderUnits("13", "2", "1"));
        Map<String, IndicatorKind> kinds = Map.of("epicrisis_somatic_1d", IndicatorKind.PROPORTION,
                "antibiotic_prescriptions_per_1000", IndicatorKind.RATE, "ami_30d_survival", IndicatorKind.RATIO);
        List<Recovery.Row> rows = new ArrayList<>();
        String e = "epicrisis_somatic_1d";
        rows.add(row(e, Y22, "nation", "nation", 10_000, 0.5, null, null, null));
        rows.add(row(e, Y24, "nation", "nation", 3_000, 0.5, null, null, null));
        // the plant, on its pooled window (the yearly row is ignored for the plant: shorter)
        rows.add(row(e, Y22, "hospital", "11", 400, 0.33, -6.0, "low_outer", null));
        rows.add(row(e, Y24, "hospital", "11", 130, 0.40, -2.0, "high_inner", null));
        // unplanted hospitals: one flagged at 99.8 %, one at 95 %, three not; the case-mix hospital (crude) left out
        rows.add(row(e, Y22, "hospital", "14", 400, 0.60, 4.0, "high_outer", null));
        rows.add(row(e, Y22, "hospital", "15", 400, 0.44, -2.1, "low_inner", null));
        rows.add(row(e, Y22, "hospital", "16", 400, 0.50, 0.0, "as_expected", null));
        rows.add(row(e, Y22, "hospital", "17", 400, 0.51, 0.3, "as_expected", null));
        rows.add(row(e, Y22, "hospital", "18", 400, 0.49, -0.3, "as_expected", null));
        rows.add(row(e, Y22, "hospital", "13", 400, 0.70, 6.0, "high_outer", null));
        // HF 1 contains the planted hospital: neither planted nor unplanted; HF 2 is unplanted
        rows.add(row(e, Y22, "hf", "1", 800, 0.40, -4.0, "low_outer", null));
        rows.add(row(e, Y22, "hf", "3", 800, 0.50, 0.1, "as_expected", null));
        String a = "antibiotic_prescriptions_per_1000";
        rows.add(row(a, Y22, "nation", "nation", 100_000, 0.3, null, null, null));
        rows.add(row(a, Y22, "municipality", "0301", 1000, 0.33, 1.8, "as_expected", null));
        rows.add(row(a, Y22, "county", "03", 1000, 0.33, 1.8, "as_expected", null));
        rows.add(row("ami_30d_survival", Y24, "hospital", "12", 50, 0.9, null, "as_expected", "deteriorating"));

        Recovery.Report r = Recovery.score(truth, rows, kinds, providers);

        assertEquals(2, r.plants().size());
        Recovery.PlantResult epi = r.plants().get(0);
        assertEquals("11", epi.plant().unitId());
        assertEquals("2022-2024", epi.period());
        assertEquals("low", epi.plant().side());
        assertEquals("right side 99.8", epi.found());
        // θ1 = expit(logit 0.5 − 1.3) = 0.2142189...
        assertEquals(1 / (1 + Math.exp(1.3)), epi.plantedValue(), 1e-12);
        // τ² from the row: ((0.33 − 0.5)/−6)² − 0.25/400 = 0.000802777..., floored at 0 when negative
        assertEquals(Math.pow(0.17 / 6, 2) - 0.25 / 400, epi.tau2(), 1e-12);

        Recovery.PlantResult abx = r.plants().get(1);
        assertEquals("0301", abx.plant().unitId());
        assertEquals("not flagged", abx.found());
        // z = 1.8 with s0² = 0.3/1000 gives τ² = (0.03/1.8)² − 0.0003 < 0, so 0: the R value applies
        assertEquals(0, abx.tau2());
        assertEquals(0.4139846727, abx.power95(), 1e-9);

        Recovery.FalseFlags hospitals = r.falseFlags().stream()
                .filter(f -> f.level().equals("hospital") && f.periodType().equals("window")).findFirst().orElseThrow();
        assertEquals(IndicatorKind.PROPORTION, hospitals.kind());
        assertEquals(5, hospitals.units(), "14-18; 11 planted, 13 case mix");
        assertEquals(2, hospitals.inner());
        assertEquals(1, hospitals.outer());
        Recovery.FalseFlags hfs = r.falseFlags().stream().filter(f -> f.level().equals("hf")).findFirst().orElseThrow();
        assertEquals(1, hfs.units(), "HF 1 holds the plant");
        assertFalse(r.falseFlags().stream().anyMatch(f -> f.level().equals("county")), "county 03 holds a planted municipality");

        assertEquals(1, r.trends().size());
        assertTrue(r.trends().get(0).alerted());
        assertEquals("2024", r.trends().get(0).period());
    }

    @Test
    void trendPowerMatchesRGlmOnExpectedCounts() {
        // R: mu <- E * exp(b * t); glm(mu ~ t + offset(log(E)), poisson) gives b and its SE 1/sqrt(I) on the
        // expected counts; power = pnorm(b / se - qnorm(0.975)). E = 10, 12, 14, b = 0.3: 0.384579194752872
        assertEquals(0.384579194752872, Power.trend(0.3, new double[] {10, 12, 14}, 0.05), 1e-9);
    }

    @Test
    void trendPlantPowerFromItsWindowWhenItsYearsAreHidden() throws Exception {
        JsonNode truth = new ObjectMapper().readTree("""
                {"hospital_effects": [{"provider_org": "900000002", "name": "B", "outcome": "mortality_30d_ami",
                  "log_odds_ratio": 0, "trend_log_odds_per_year": %s, "note": "deteriorating"}]}
                """.formatted(Math.log(2.2) / 2));
        List<Recovery.Row> rows = new ArrayList<>();
        // national survival 0.9 (mortality 0.1); the hospital's years pooled, its window E = 60 expected deaths
        rows.add(new Recovery.Row("ami_30d_survival", Y22, Y25, "2022-2024", "nation", "nation", "Norge", 9000.0, 10000.0,
                0.9, 1000.0, 1.0, null, null, null, null));
        rows.add(new Recovery.Row("ami_30d_survival", Y22, Y25, "2022-2024", "hospital", "12", "B", 540.0, 600.0, 0.9,
                60.0, 1.0, 0.0, "as_expected", "deteriorating", null));
        Recovery.Report r = Recovery.score(truth, rows, Map.of("ami_30d_survival", IndicatorKind.RATIO),
                Map.of("900000002", new Recovery.ProviderUnits("12", "1", "1")));
        assertTrue(r.trends().get(0).alerted());
        assertEquals("2022-2024", r.trends().get(0).period());
        // R: E = 20 a year, b = log(2.2)/2 * (1 - 0.1), same glm on expected counts: 0.755600263961866
        assertEquals(0.755600263961866, r.trends().get(0).power(), 1e-9);
    }

    @Test
    void powerWithTau2MatchesR() {
        // R: pnorm((0.5 - qnorm(0.999) * sqrt(0.25/400 + 0.002) - p1) / sqrt(p1 * (1 - p1) / 400 + 0.002)),
        // p1 = plogis(-0.8): the planted unit has its own random effect (variance τ²) too. Without it: 0.9144247062
        double p1 = new Plant.LogitShift(-0.8).planted(0.5);
        assertEquals(0.735190316412, Power.of(IndicatorKind.PROPORTION, 0.5, p1, 400, 0.002, 0.998, false), 1e-9);
    }
}
