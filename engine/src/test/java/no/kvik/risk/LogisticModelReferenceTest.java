package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Logistic IRLS, diagnostics, indirect standardisation and empirical Bayes against R's glm on the same
 * 328 covariate patterns (fixtures/stats/risk_reference.R; command in its header).
 */
class LogisticModelReferenceTest {
    static final DesignMatrix DESIGN = new DesignMatrix(List.of(Covariate.numeric("age"),
            Covariate.categorical("sex", "F", List.of("M")),
            Covariate.categorical("admission", "emergency", List.of("elective", "transfer"))));

    static Patterns patterns() {
        List<Map<String, String>> rows = Fixtures.csv("risk_patterns.csv");
        double[][] x = new double[rows.size()][];
        double[] n = new double[rows.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            x[i] = DESIGN.row(new Object[] {num(r.get("age")), r.get("sex"), r.get("admission")});
            n[i] = num(r.get("n"));
            y[i] = num(r.get("y"));
        }
        return new Patterns(DESIGN.columnNames(), x, n, y);
    }

    @Test
    void coefficientsAndStandardErrorsMatchRGlm() {
        LogisticModel model = LogisticModel.fit(patterns());
        List<Map<String, String>> coef = Fixtures.csv("risk_expected_coef.csv");
        assertEquals(coef.stream().map(c -> c.get("name")).toList(), model.names());
        for (int j = 0; j < coef.size(); j++) {
            Map<String, String> c = coef.get(j);
            assertClose(num(c.get("estimate")), model.fit().coefficients()[j], 1e-8, c.get("name") + " estimate");
            assertClose(num(c.get("se")), model.fit().standardErrors()[j], 1e-8, c.get("name") + " se");
            assertClose(num(c.get("z")), model.fit().z(j), 1e-8, c.get("name") + " z");
            assertEquals(num(c.get("p")), model.fit().p(j), 1e-8 * num(c.get("p")) + 1e-300, c.get("name") + " p");
        }
    }

    /** The coefficient table written with every fit: R's summary.glm and exp(confint.default(fit)). */
    @Test
    void coefficientTableMatchesRSummaryAndWaldOddsRatioIntervals() {
        List<Coefficient> table = LogisticModel.fit(patterns()).diagnostics().coefficients();
        List<Map<String, String>> coef = Fixtures.csv("risk_expected_coef.csv");
        assertEquals(coef.size(), table.size());
        for (int j = 0; j < coef.size(); j++) {
            Map<String, String> c = coef.get(j);
            Coefficient t = table.get(j);
            String n = c.get("name");
            assertEquals(n, t.term());
            assertClose(num(c.get("estimate")), t.estimate(), 1e-8, n + " estimate");
            assertClose(num(c.get("se")), t.stdError(), 1e-8, n + " se");
            assertClose(num(c.get("z")), t.z(), 1e-8, n + " z");
            assertEquals(num(c.get("p")), t.pValue(), 1e-8 * num(c.get("p")) + 1e-300, n + " p");
            assertClose(num(c.get("odds_ratio")), t.oddsRatio(), 1e-8, n + " OR");
            assertClose(num(c.get("odds_ratio_low")), t.oddsRatioLow(), 1e-8, n + " OR low");
            assertClose(num(c.get("odds_ratio_high")), t.oddsRatioHigh(), 1e-8, n + " OR high");
        }
    }

    @Test
    void diagnosticsMatchR() {
        ModelDiagnostics d = LogisticModel.fit(patterns()).diagnostics();
        Map<String, String> f = Fixtures.csv("risk_expected_fit.csv").get(0);
        assertEquals((int) num(f.get("iter")), d.iterations());
        assertClose(num(f.get("deviance")), d.deviance(), 1e-9, "deviance");
        assertClose(num(f.get("null_deviance")), d.nullDeviance(), 1e-12, "null deviance");
        assertClose(num(f.get("aic")), d.aic(), 1e-9, "aic");
        assertClose(num(f.get("c_statistic")), d.cStatistic(), 1e-12, "c statistic");
        assertClose(num(f.get("hl")), d.hosmerLemeshow(), 1e-8, "Hosmer-Lemeshow");
        assertEquals((int) num(f.get("hl_df")), d.hosmerLemeshowDf());
        assertClose(num(f.get("hl_p")), d.hosmerLemeshowP(), 1e-8, "HL p");
        // self-check: ΣO = ΣE for an ML fit with an intercept
        assertEquals(num(f.get("sum_o")), d.observedTotal(), 0);
        assertEquals(d.observedTotal(), d.expectedTotal(), 1e-6);
        List<Map<String, String>> cal = Fixtures.csv("risk_expected_calibration.csv");
        assertEquals(cal.size(), d.calibration().size());
        for (int g = 0; g < cal.size(); g++) {
            CalibrationBin b = d.calibration().get(g);
            assertEquals(num(cal.get(g).get("n")), b.cases(), 0);
            assertEquals(num(cal.get(g).get("O")), b.observed(), 0);
            assertClose(num(cal.get(g).get("E")), b.expected(), 1e-8, "group " + (g + 1) + " E");
        }
    }

    @Test
    void indirectStandardisationAndEmpiricalBayesMatchR() {
        LogisticModel model = LogisticModel.fit(patterns());
        // per-unit E and Σp(1−p) from the case rows, predicting each case from the fitted model
        List<Map<String, String>> cases = Fixtures.csv("risk_cases.csv");
        Map<String, double[]> acc = new java.util.TreeMap<>();
        double deaths = 0;
        for (Map<String, String> c : cases) {
            double p = model.predict(DESIGN.row(new Object[] {num(c.get("age")), c.get("sex"), c.get("admission")}));
            double[] a = acc.computeIfAbsent(c.get("unit"), k -> new double[4]);
            a[0] += num(c.get("died"));
            a[1] += 1;
            a[2] += p;
            a[3] += p * (1 - p);
            deaths += num(c.get("died"));
        }
        List<UnitExpected> units = new ArrayList<>();
        acc.forEach((k, a) -> units.add(new UnitExpected(k, a[0], a[1], a[2], a[3])));
        double national = deaths / cases.size();
        List<IndirectResult> ind = IndirectStandardisation.compute(units, national, 0.95, false);
        EmpiricalBayes.Result eb = EmpiricalBayes.smooth(units, national);
        List<Map<String, String>> exp = Fixtures.csv("risk_expected_units.csv");
        assertClose(num(exp.get(0).get("signal_variance")), eb.signalVariance(), 1e-8, "signal variance");
        for (int i = 0; i < exp.size(); i++) {
            Map<String, String> e = exp.get(i);
            IndirectResult r = ind.get(i);
            SmoothedRate s = eb.units().get(i);
            String u = e.get("unit");
            assertEquals(u, r.unit());
            assertClose(num(e.get("E")), r.expected(), 1e-8, u + " E");
            assertClose(num(e.get("oe")), r.oE(), 1e-8, u + " O/E");
            assertClose(num(e.get("oe_low")), r.oELow(), 1e-8, u + " O/E low");
            assertClose(num(e.get("oe_high")), r.oEHigh(), 1e-8, u + " O/E high");
            assertClose(num(e.get("adj")), r.adjustedValue(), 1e-8, u + " adjusted");
            assertClose(num(e.get("adj_low")), r.adjustedLow(), 1e-8, u + " adjusted low");
            assertClose(num(e.get("adj_high")), r.adjustedHigh(), 1e-8, u + " adjusted high");
            assertClose(num(e.get("var")), s.variance(), 1e-8, u + " V");
            assertClose(num(e.get("sn")), s.reliability(), 1e-8, u + " reliability");
            assertClose(num(e.get("smoothed")), s.smoothed(), 1e-8, u + " smoothed");
            assertClose(num(e.get("smoothed_se")), s.smoothedSe(), 1e-8, u + " smoothed SE");
        }
        assertEquals(0, IndirectStandardisation.selfCheck(units), 1e-6);
    }

    @Test
    void survivalIsOneMinusAdjustedMortalityWithTheIntervalFlipped() {
        List<UnitExpected> u = List.of(new UnitExpected("A", 10, 100, 8, 7));
        IndirectResult mort = IndirectStandardisation.compute(u, 0.1, 0.95, false).get(0);
        IndirectResult surv = IndirectStandardisation.compute(u, 0.1, 0.95, true).get(0);
        assertEquals(1 - mort.adjustedValue(), surv.adjustedValue(), 1e-15);
        assertEquals(1 - mort.adjustedHigh(), surv.adjustedLow(), 1e-15);
        assertEquals(1 - mort.adjustedLow(), surv.adjustedHigh(), 1e-15);
        assertEquals(0.125, mort.adjustedValue(), 1e-15);   // (10/8) × 0.1
    }
}
