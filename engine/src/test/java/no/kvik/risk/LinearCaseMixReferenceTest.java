package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Linear case-mix adjustment of survey scores fitted on cells (count, sum, sum of squares) against R's lm on the
 * 900 respondent-level scores behind them (fixtures/stats/linear_case_mix_reference.R; command in its header).
 */
class LinearCaseMixReferenceTest {
    static final DesignMatrix DESIGN = new DesignMatrix(List.of(
            Covariate.categorical("age_band", "45-66", List.of("18-44", "67-79")),
            Covariate.categorical("sex", "2", List.of("1")),
            Covariate.categorical("health", "2", List.of("1", "3"))));

    static List<LinearCaseMix.Cell> cells() {
        List<LinearCaseMix.Cell> cells = new ArrayList<>();
        for (Map<String, String> r : Fixtures.csv("linear_case_mix_cells.csv")) {
            cells.add(new LinearCaseMix.Cell(r.get("unit"), List.of(r.get("age_band"), r.get("sex"), r.get("health")),
                    Long.parseLong(r.get("respondents")), num(r.get("score_sum")), num(r.get("score_sq_sum"))));
        }
        return cells;
    }

    @Test
    void coefficientsStandardErrorsAndSigmaMatchRLmOnTheRespondents() {
        LinearCaseMix.Fit fit = LinearCaseMix.fit(DESIGN, cells());
        List<Map<String, String>> coef = Fixtures.csv("linear_case_mix_expected_coef.csv");
        assertEquals(coef.stream().map(c -> c.get("name")).toList(), fit.names());
        for (int j = 0; j < coef.size(); j++) {
            assertClose(num(coef.get(j).get("estimate")), fit.coefficients().get(j), 1e-9, coef.get(j).get("name") + " estimate");
            assertClose(num(coef.get(j).get("se")), fit.standardErrors().get(j), 1e-9, coef.get(j).get("name") + " se");
        }
        Map<String, String> f = Fixtures.csv("linear_case_mix_expected_fit.csv").get(0);
        assertClose(num(f.get("sigma")), fit.sigma(), 1e-9, "sigma");
        assertEquals(Long.parseLong(f.get("df")), fit.residualDf());
        assertEquals(Long.parseLong(f.get("n")), fit.respondents());
        assertClose(num(f.get("national")), fit.nationalMean(), 1e-12, "national mean");
    }

    @Test
    void unitObservedExpectedAdjustedAndIntervalsMatchR() {
        LinearCaseMix.Fit fit = LinearCaseMix.fit(DESIGN, cells());
        List<Map<String, String>> units = Fixtures.csv("linear_case_mix_expected_units.csv");
        assertEquals(units.size(), fit.units().size());
        for (int i = 0; i < units.size(); i++) {
            Map<String, String> r = units.get(i);
            LinearCaseMix.UnitScore u = fit.units().get(i);
            String id = r.get("unit");
            assertEquals(id, u.unit());
            assertEquals(Long.parseLong(r.get("respondents")), u.n());
            assertClose(num(r.get("observed")), u.observedMean(), 1e-12, id + " observed");
            assertClose(num(r.get("expected")), u.expectedMean(), 1e-9, id + " expected");
            assertClose(num(r.get("adjusted")), u.adjustedMean(), 1e-9, id + " adjusted");
            assertClose(num(r.get("ci_low")), u.ciLow(), 1e-9, id + " ci_low");
            assertClose(num(r.get("ci_high")), u.ciHigh(), 1e-9, id + " ci_high");
        }
        // U3's respondents are sicker (planted in the R script): adjustment raises its score above the crude one
        LinearCaseMix.UnitScore u3 = fit.units().get(2);
        assertEquals(true, u3.adjustedMean() > u3.observedMean() + 2);
    }

    @Test
    void aLevelWithoutRespondentsIsACollinearColumnNamedInTheError() {
        DesignMatrix withEmptyLevel = new DesignMatrix(List.of(
                Covariate.categorical("age_band", "45-66", List.of("18-44", "67-79", "80+")),
                Covariate.categorical("sex", "2", List.of("1")),
                Covariate.categorical("health", "2", List.of("1", "3"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearCaseMix.fit(withEmptyLevel, cells()));
        assertEquals("linear case-mix model: column age_band=80+ is collinear with the earlier ones (a level without respondents?)",
                e.getMessage());
    }
}
