package no.kvik.risk;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/** The DuckDB-side case-mix fit on the R reference cases (risk_reference.R). */
class CaseMixTest {

    private static Connection cases() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (PreparedStatement ps = c.prepareStatement("CREATE TABLE cases AS SELECT * FROM read_csv(?)")) {
            ps.setString(1, Path.of(CaseMixTest.class.getResource("/fixtures/stats/risk_cases.csv").toURI())
                    .toString());
            ps.execute();
        }
        return c;
    }

    @Test
    void patternsModelAndExpectedMatchR() throws Exception {
        try (Connection c = cases()) {
            CaseMix.Fit fit = CaseMix.fit(c, new CaseMix.Spec("cases", "unit", "died",
                    List.of("age", "sex", "admission"), Map.of(), Set.of()));
            assertEquals(328, fit.patterns().size());
            assertEquals(3000, fit.cases());
            List<Map<String, String>> coef = Fixtures.csv("risk_expected_coef.csv");
            for (int j = 0; j < coef.size(); j++) {
                assertEquals(coef.get(j).get("name"), fit.model().names().get(j));
                assertClose(num(coef.get(j).get("estimate")), fit.model().fit().coefficients()[j], 1e-8, "beta");
            }
            List<Map<String, String>> units = Fixtures.csv("risk_expected_units.csv");
            for (int i = 0; i < units.size(); i++) {
                UnitExpected u = fit.units().get(i);
                assertEquals(units.get(i).get("unit"), u.unit());
                assertClose(num(units.get(i).get("E")), u.expected(), 1e-8, u.unit() + " E");
                assertClose(num(units.get(i).get("V")), u.sumVariance(), 1e-8, u.unit() + " sum p(1-p)");
            }
            assertClose(num(units.get(0).get("national_rate")), fit.nationalRate(), 1e-12, "national rate");
        }
    }

    /** Every covariate left out (constant): one pattern, the intercept-only model; it used to be an SQL syntax error. */
    @Test
    void noCovariatesIsTheInterceptOnlyModel() throws Exception {
        try (Connection c = cases()) {
            CaseMix.Fit fit = CaseMix.fit(c, new CaseMix.Spec("cases", "unit", "died", List.of(), Map.of(), Set.of()));
            assertEquals(1, fit.patterns().size());
            double rate = fit.nationalRate();
            assertClose(Math.log(rate / (1 - rate)), fit.model().fit().coefficients()[0], 1e-10, "logit of the rate");
            for (UnitExpected u : fit.units()) assertClose(u.cases() * rate, u.expected(), 1e-9, u.unit() + " E = n x rate");
        }
    }

    @Test
    void numericCodedColumnCanBeCategoricalAndUnknownReferenceIsRefused() throws Exception {
        try (Connection c = cases()) {
            c.createStatement().execute("CREATE TABLE coded AS SELECT unit, died, age, "
                    + "CASE sex WHEN 'F' THEN 2 ELSE 1 END AS sex FROM cases");
            CaseMix.Fit fit = CaseMix.fit(c, new CaseMix.Spec("coded", "unit", "died", List.of("age", "sex"),
                    Map.of("sex", "2"), Set.of("sex")));
            assertEquals(List.of("(Intercept)", "age", "sex=1"), fit.model().names());
            assertThrows(IllegalArgumentException.class, () -> CaseMix.fit(c, new CaseMix.Spec("coded", "unit",
                    "died", List.of("age", "sex"), Map.of("sex", "3"), Set.of("sex"))));
        }
    }
}
