package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RiskModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RiskModel parse(String json) throws Exception {
        return RiskModel.parse(JSON.readTree(json));
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsTheFullShapeAndTheShorthand() throws Exception {
        RiskModel m = parse("{\"outcome\": \"not_numerator\", \"population\": \"2019-2021\", \"covariates\": ["
                + "{\"name\": \"cov_age_band\", \"type\": \"categorical\", \"reference\": \"70-79\"},"
                + "{\"name\": \"cov_charlson\", \"type\": \"numeric\"}, \"cov_sex\","
                + "{\"name\": \"cov_acute\", \"reference\": \"true\"}]}");
        assertEquals(RiskModel.Outcome.NOT_NUMERATOR, m.outcome());
        assertEquals("not_numerator", m.event()); // no event name given: the outcome's
        assertEquals("2019-2021", m.population());
        assertFalse(m.fittedOnRun());
        assertEquals(new RiskModel.Covariate("cov_age_band", "categorical", "70-79"), m.covariates().get(0));
        assertEquals(new RiskModel.Covariate("cov_charlson", "numeric", null), m.covariates().get(1));
        assertEquals(new RiskModel.Covariate("cov_sex", null, null), m.covariates().get(2));
        // a reference level makes a covariate categorical
        assertTrue(m.covariates().get(3).categorical());

        RiskModel d = parse("{\"covariates\": [\"cov_sex\"]}");
        assertEquals(RiskModel.Outcome.NUMERATOR, d.outcome());
        assertEquals("numerator", d.event());
        assertEquals("death", parse("{\"outcome\": \"not_numerator\", \"event\": \"death\", \"covariates\": [\"a\"]}").event());
        assertTrue(d.fittedOnRun());
        assertNull(RiskModel.parse(null));
        assertNull(parse("null"));
    }

    @Test
    void badShapesNameTheField() {
        assertEquals("riskModel.covariates must be a non-empty list", error("{\"covariates\": []}"));
        assertEquals("riskModel.outcome must be numerator or not_numerator, got 'deaths'",
                error("{\"outcome\": \"deaths\", \"covariates\": [\"a\"]}"));
        assertTrue(error("{\"population\": \"last year\", \"covariates\": [\"a\"]}").startsWith("riskModel.population must be"));
        assertEquals("riskModel.covariates[1].type must be categorical or numeric, got 'ordinal'",
                error("{\"covariates\": [\"a\", {\"name\": \"b\", \"type\": \"ordinal\"}]}"));
        assertEquals("riskModel.covariates[0]: a numeric covariate has no reference level",
                error("{\"covariates\": [{\"name\": \"b\", \"type\": \"numeric\", \"reference\": \"1\"}]}"));
        assertEquals("riskModel.covariates[1]: covariate 'a' listed twice", error("{\"covariates\": [\"a\", \"a\"]}"));
        assertEquals("riskModel has unknown field 'covariate' (allowed: outcome, event, population, covariates, family)",
                error("{\"covariate\": [\"a\"]}"));
        assertEquals("riskModel.event must be a lower_snake_case name such as death, got 'Deaths'",
                error("{\"event\": \"Deaths\", \"covariates\": [\"a\"]}"));
        assertEquals("riskModel.covariates[0] needs a name", error("{\"covariates\": [{\"type\": \"numeric\"}]}"));
        assertEquals("riskModel.covariates[0] must be a column name or an object {name, type, reference}",
                error("{\"covariates\": [3]}"));
    }

    @Test
    void familyIsLogisticByDefaultOrLinearFittedOnTheRun() throws Exception {
        assertEquals(RiskModel.Family.LOGISTIC, parse("{\"covariates\": [\"a\"]}").family());
        RiskModel linear = parse("{\"family\": \"linear\", \"covariates\": [{\"name\": \"cov_sex\", \"type\": \"categorical\"}]}");
        assertEquals(RiskModel.Family.LINEAR, linear.family());
        assertTrue(linear.fittedOnRun());
        assertEquals("riskModel.family must be logistic or linear, got 'poisson'",
                error("{\"family\": \"poisson\", \"covariates\": [\"a\"]}"));
        assertEquals("riskModel.population must be \"run\" for a linear model (fitted on the run's own rows), got '2019-2021'",
                error("{\"family\": \"linear\", \"population\": \"2019-2021\", \"covariates\": [\"a\"]}"));
    }
}
