package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Firth's penalised logistic regression against R brglm2 (fixtures/stats/firth_reference.R, command in its header):
 * on a separated case table (admission = transfer has no events, so ML does not exist) and on the 328 patterns of
 * risk_reference.R (ML exists; Firth differs from it slightly); the fallback and recalibration in LogisticModel and
 * CaseMix; a saturated table by hand.
 */
class FirthTest {
    private static final double TOLERANCE = 1e-6;

    /** The separated case table grouped into covariate patterns in Java (independently of CaseMix's SQL). */
    static Patterns separatedPatterns() {
        Map<String, double[]> groups = new TreeMap<>();
        Map<String, Object[]> values = new TreeMap<>();
        for (Map<String, String> r : Fixtures.csv("firth_cases.csv")) {
            String key = r.get("age") + "|" + r.get("sex") + "|" + r.get("admission");
            values.put(key, new Object[] {num(r.get("age")), r.get("sex"), r.get("admission")});
            double[] ny = groups.computeIfAbsent(key, k -> new double[2]);
            ny[0]++;
            ny[1] += num(r.get("died"));
        }
        int m = groups.size();
        double[][] x = new double[m][];
        double[] n = new double[m];
        double[] y = new double[m];
        int i = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            x[i] = LogisticModelReferenceTest.DESIGN.row(values.get(e.getKey()));
            n[i] = e.getValue()[0];
            y[i] = e.getValue()[1];
            i++;
        }
        return new Patterns(LogisticModelReferenceTest.DESIGN.columnNames(), x, n, y);
    }

    private static List<Map<String, String>> expected(String data) {
        return Fixtures.csv("firth_expected_coef.csv").stream().filter(r -> r.get("data").equals(data)).toList();
    }

    private static void assertMatches(List<Map<String, String>> expected, GlmFit fit, boolean withIntercept) {
        assertEquals(expected.size(), fit.names().size());
        for (int j = withIntercept ? 0 : 1; j < expected.size(); j++) {
            Map<String, String> e = expected.get(j);
            assertEquals(e.get("name"), fit.names().get(j));
            assertClose(num(e.get("estimate")), fit.coefficients()[j], TOLERANCE, e.get("name") + " estimate");
            assertClose(num(e.get("se")), fit.standardErrors()[j], TOLERANCE, e.get("name") + " SE");
        }
    }

    @Test
    void separatedDataMatchesBrglm2() {
        Patterns p = separatedPatterns();
        // maximum likelihood does not exist here: the precondition of the fallback
        assertThrows(SeparationException.class, () -> Glm.fit(p.names(), p.x(), p.events(), p.trials(), null,
                GlmFamily.BINOMIAL_LOGIT));
        GlmFit firth = Firth.fit(p.names(), p.x(), p.events(), p.trials());
        assertMatches(expected("separated"), firth, true);
    }

    @Test
    void nonSeparatedDataMatchesBrglm2AndDiffersFromMaximumLikelihood() {
        Patterns p = LogisticModelReferenceTest.patterns();
        GlmFit firth = Firth.fit(p.names(), p.x(), p.events(), p.trials());
        assertMatches(expected("risk_patterns"), firth, true);
        // Firth shrinks towards 0: its age coefficient is below ML's (R glm, risk_expected_coef.csv), not equal
        double mlAge = num(Fixtures.csv("risk_expected_coef.csv").get(1).get("estimate"));
        assertTrue(firth.coefficients()[1] < mlAge - 1e-4, firth.coefficients()[1] + " vs ML " + mlAge);
        // and where ML exists the model keeps it
        LogisticModel model = LogisticModel.fit(p);
        assertEquals(Estimation.MAXIMUM_LIKELIHOOD, model.diagnostics().estimation().method());
        assertClose(mlAge, model.fit().coefficients()[1], 1e-8, "ML age");
    }

    @Test
    void saturatedTwoByTwoIsTheHaldaneCorrection() {
        // saturated with 2 patterns: every hat value is 1, so y* = y + 1/2 and n* = n + 1 (by hand): μ̂ = y*/n*
        GlmFit f = Firth.fit(List.of("(Intercept)", "x"), new double[][] {{1, 0}, {1, 1}}, new double[] {0, 8},
                new double[] {10, 8});
        double b0 = Math.log(0.5 / 10.5);
        assertClose(b0, f.coefficients()[0], 1e-10, "beta0");
        assertClose(Math.log(8.5 / 0.5) - b0, f.coefficients()[1], 1e-10, "beta1");
        // inverse Fisher information at the estimate: Woolf's form with the fitted counts n·μ(1−μ)
        double w0 = 10 * (0.5 / 11) * (10.5 / 11);
        double w1 = 8 * (8.5 / 9) * (0.5 / 9);
        assertClose(Math.sqrt(1 / w0 + 1 / w1), f.standardErrors()[1], 1e-10, "SE beta1");
    }

    @Test
    void fallbackRecalibratesTheInterceptSoExpectedEqualsObserved() {
        Patterns p = separatedPatterns();
        LogisticModel model = LogisticModel.fit(p);
        Estimation est = model.diagnostics().estimation();
        assertTrue(est.firth(), est.toString());
        assertTrue(est.reason().contains("separation") && est.reason().contains("admission=transfer"), est.reason());
        double shift = num(Fixtures.csv("firth_expected_units.csv").get(0).get("intercept_shift"));
        assertClose(shift, est.interceptShift(), TOLERANCE, "intercept shift");
        List<Map<String, String>> e = expected("separated");
        assertClose(num(e.get(0).get("estimate")) + shift, model.fit().coefficients()[0], TOLERANCE, "recalibrated intercept");
        // the odds ratios and every SE stay Firth's
        assertMatches(e, model.fit(), false);
        assertClose(num(e.get(0).get("se")), model.fit().standardErrors()[0], TOLERANCE, "intercept SE");
        assertEquals(model.diagnostics().observedTotal(), model.diagnostics().expectedTotal(), 1e-9);
        // without the shift ΣE is not ΣO: the recalibration is needed
        GlmFit raw = Firth.fit(p.names(), p.x(), p.events(), p.trials());
        double rawExpected = 0;
        for (int i = 0; i < p.size(); i++) rawExpected += p.trials()[i] * raw.fitted()[i];
        assertTrue(Math.abs(rawExpected - model.diagnostics().observedTotal()) > 1, "raw Firth ΣE " + rawExpected);
    }

    @Test
    void caseMixOnTheSeparatedTableGivesRsExpectedPerUnit() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (PreparedStatement ps = c.prepareStatement("CREATE TABLE cases AS SELECT * FROM read_csv(?)")) {
                ps.setString(1, Path.of(FirthTest.class.getResource("/fixtures/stats/firth_cases.csv").toURI()).toString());
                ps.execute();
            }
            CaseMix.Fit fit = CaseMix.fit(c, new CaseMix.Spec("cases", "unit", "died", List.of("age", "sex", "admission"),
                    Map.of(), Set.of()));
            assertTrue(fit.model().diagnostics().estimation().firth());
            List<Map<String, String>> units = Fixtures.csv("firth_expected_units.csv");
            assertEquals(units.size(), fit.units().size());
            for (int i = 0; i < units.size(); i++) {
                UnitExpected u = fit.units().get(i);
                assertEquals(units.get(i).get("unit"), u.unit());
                assertEquals(num(units.get(i).get("observed")), u.observed());
                assertClose(num(units.get(i).get("expected")), u.expected(), TOLERANCE, u.unit() + " E");
            }
        }
    }

    @Test
    void noEventsAtAllCannotBeFittedEvenByFirth() {
        GlmException e = assertThrows(GlmException.class, () -> LogisticModel.fit(new Patterns(List.of("(Intercept)", "x"),
                new double[][] {{1, 0}, {1, 1}}, new double[] {10, 8}, new double[] {0, 0})));
        assertFalse(e instanceof SeparationException);
        assertTrue(e.getMessage().contains("no case is an event"), e.getMessage());
    }
}
