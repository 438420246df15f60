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

    /**
     * The deteriorating hospital's process plant: a logit fall of log(0.6)/2 per discharge year from 0.70 (0.65 over
     * tertials). Values from R (glm(cbind(n*p, n*(1-p)) ~ t, binomial) on the expected shares; power =
     * pnorm(|b|/se − qnorm(0.975))): yearly, n = 100, 110, 120, the model holds and b is the plant's slope:
     * 0.433710066452681. Nine tertials of n = 30 with the step once a year: the glm gives b = −0.0766415 and power
     * 0.354199414257856; Power.trend projects the step by weighted least squares (b* = −0.0765754): 0.354077487942294.
     */
    @Test
    void proportionTrendPlantPowerMatchesRGlm() throws Exception {
        double slope = Math.log(0.6) / 2;
        JsonNode truth = new ObjectMapper().readTree("""
                {"hospital_effects": [{"provider_org": "900000002", "name": "B", "outcome": "epicrisis_within_1_day",
                  "log_odds_ratio": 0, "trend_log_odds_per_year": %s, "note": "deteriorating"}]}
                """.formatted(slope));
        List<Recovery.Row> yearly = new ArrayList<>();
        double[] n = {100, 110, 120};
        for (int y = 0; y < 3; y++) {
            double p = 1 / (1 + Math.exp(-(Math.log(0.7 / 0.3) + slope * y)));
            LocalDate start = LocalDate.of(2022 + y, 1, 1);
            yearly.add(new Recovery.Row("epicrisis_somatic_1d", start, start.plusYears(1), Integer.toString(2022 + y), "hospital",
                    "12", "B", p * n[y], n[y], p, null, null, 0.0, "as_expected", y == 2 ? "deteriorating" : null, null));
        }
        Map<String, IndicatorKind> kinds = Map.of("epicrisis_somatic_1d", IndicatorKind.PROPORTION);
        Map<String, Recovery.ProviderUnits> providers = Map.of("900000002", new Recovery.ProviderUnits("12", "1", "1"));
        Recovery.Report r = Recovery.score(truth, yearly, kinds, providers);
        assertEquals(1, r.trends().size());
        assertEquals("low", r.trends().get(0).plant().side(), "a falling share of a higher-is-better measure");
        assertTrue(r.trends().get(0).alerted());
        assertEquals("2024", r.trends().get(0).period());
        assertEquals(0.433710066452681, r.trends().get(0).power(), 1e-9);

        List<Recovery.Row> tertials = new ArrayList<>();
        for (int t = 0; t < 9; t++) {
            double p = 1 / (1 + Math.exp(-(Math.log(0.65 / 0.35) + slope * (t / 3))));
            LocalDate start = LocalDate.of(2022 + t / 3, 1 + 4 * (t % 3), 1);
            tertials.add(new Recovery.Row("epicrisis_somatic_1d", start, start.plusMonths(4), (2022 + t / 3) + "-T" + (t % 3 + 1),
                    "hospital", "12", "B", p * 30, 30.0, p, null, null, 0.0, "as_expected", null, null));
        }
        // a pooled window of the same unit is not a point of the series
        tertials.add(new Recovery.Row("epicrisis_somatic_1d", Y22, Y25, "2022-2024", "hospital", "12", "B", 180.0, 270.0, 0.66,
                null, null, 0.0, "as_expected", null, null));
        Recovery.TrendCheck t = Recovery.score(truth, tertials, kinds, providers).trends().get(0);
        assertFalse(t.alerted());
        assertEquals(0.354077487942294, t.power(), 1e-9);
        assertEquals(0.354199414257856, t.power(), 2e-4, "R's glm on the misspecified step");
    }

    /**
     * Units holding part of a plant count as neither planted nor unplanted: the municipalities of a planted hospital's
     * catchment (truth.json "catchment_municipalities") and their county (residence levels), the same units in the
     * other indicators the planted quantity moves, and the case-mix catchment's municipalities and counties in crude
     * indicators.
     */
    @Test
    void residenceUnitsOfAPlantedHospitalAndOtherMovedIndicatorsAreNotUnplanted() throws Exception {
        JsonNode truth = new ObjectMapper().readTree("""
                {"case_mix": {"catchment_bohf": 8, "local_hospital_orgs": [], "municipalities": ["1103"]},
                 "overdispersion": {"readmission_log_odds_sd": 0.1},
                 "hospital_effects": [
                   {"provider_org": "900000001", "name": "A", "outcome": "readmission_30d_67plus", "log_odds_ratio": 0.53,
                    "trend_log_odds_per_year": 0, "note": "clearly worse", "catchment_municipalities": ["3403", "3405"]}]}
                """);
        Map<String, Recovery.ProviderUnits> providers = Map.of("900000001", new Recovery.ProviderUnits("11", "1", "1"));
        Map<String, IndicatorKind> kinds = Map.of("readmission_67_30d", IndicatorKind.RATIO,
                "readmission_67_30d_fracture", IndicatorKind.RATIO, "gp_specialist_share", IndicatorKind.PROPORTION);
        List<Recovery.Row> rows = new ArrayList<>();
        for (String ind : List.of("readmission_67_30d", "readmission_67_30d_fracture")) {
            rows.add(new Recovery.Row(ind, Y22, Y25, "2022-2024", "nation", "nation", "Norge", 900.0, 1000.0, 0.1, 100.0,
                    1.0, null, null, null, null));
            for (String m : List.of("3403", "3405", "4601")) {
                rows.add(new Recovery.Row(ind, Y22, Y25, "2022-2024", "municipality", m, m, 90.0, 100.0, 0.1, 10.0, 1.6, 3.5,
                        "high_outer", null, null));
            }
            rows.add(new Recovery.Row(ind, Y22, Y25, "2022-2024", "county", "34", "34", 90.0, 100.0, 0.1, 10.0, 1.6, 3.5,
                    "high_outer", null, null));
            rows.add(new Recovery.Row(ind, Y22, Y25, "2022-2024", "hospital", "11", "A", 90.0, 100.0, 0.1, 10.0, 1.6, 3.5,
                    "high_outer", null, null));
        }
        // crude: the case-mix catchment's municipality (HF 8) and county are left out, another municipality is not
        for (String m : List.of("1103", "4601")) {
            rows.add(new Recovery.Row("gp_specialist_share", Y22, Y25, "2022-2024", "municipality", m, m, 30.0, 100.0, 0.3, null,
                    null, 3.2, "high_outer", null, null));
        }
        rows.add(new Recovery.Row("gp_specialist_share", Y22, Y25, "2022-2024", "county", "11", "11", 30.0, 100.0, 0.3, null,
                null, 3.2, "high_outer", null, null));
        Recovery.Report r = Recovery.score(truth, rows, kinds, providers);
        Recovery.FalseFlags oeMunicipality = r.falseFlags().stream()
                .filter(f -> f.kind() == IndicatorKind.RATIO && f.level().equals("municipality")).findFirst().orElseThrow();
        assertEquals(2, oeMunicipality.units(), "4601 of each readmission indicator; 3403 and 3405 are in hospital 11's catchment");
        assertEquals(Map.of("readmission_67_30d", 1L, "readmission_67_30d_fracture", 1L),
                oeMunicipality.byIndicator().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue()[2])));
        assertFalse(r.falseFlags().stream().anyMatch(f -> f.kind() == IndicatorKind.RATIO && !f.level().equals("municipality")),
                "county 34 and hospital 11 hold the plant in both indicators");
        Recovery.FalseFlags crude = r.falseFlags().stream().filter(f -> f.kind() == IndicatorKind.PROPORTION).findFirst().orElseThrow();
        assertEquals("municipality", crude.level());
        assertEquals(1, crude.units(), "1103 is in the case-mix catchment, county 11 holds it");
        assertEquals("readmission_log_odds_sd 0.1", r.randomEffects().get("readmission_67_30d_fracture"));
        assertFalse(r.randomEffects().containsKey("gp_specialist_share"));
    }

    @Test
    void outerRateTestedAgainstTheTargetWithAnExactBinomialTail() {
        // R: binom.test(3, 400, 0.003, alternative = "greater")$p.value = 0.120251871463445; 1 of 400: 0.699348534815614
        assertEquals(0.120251871463445, new Recovery.FalseFlags(IndicatorKind.PROPORTION, "hf", "year", 400, 20, 3).outerAbove(0.003), 1e-12);
        assertEquals(0.699348534815614, new Recovery.FalseFlags(IndicatorKind.PROPORTION, "hf", "year", 400, 20, 1).outerAbove(0.003), 1e-12);
        assertEquals(1, new Recovery.FalseFlags(IndicatorKind.PROPORTION, "hf", "year", 400, 20, 0).outerAbove(0.003));
        // sqrt(0.0075 * 0.9925 / 400)
        assertEquals(Math.sqrt(0.0075 * 0.9925 / 400), Recovery.FalseFlags.standardError(3, 400), 1e-15);
    }
}
