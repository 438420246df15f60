package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.kvik.risk.Covariate;
import no.kvik.risk.DesignMatrix;
import no.kvik.risk.LinearCaseMix;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic patient_survey cells (PatientSurveys) on the shared test extracts (scale 0.002, 2022-2024, seed 11). */
class PatientSurveysTest {
    static Path extracts;
    static Connection db;

    @BeforeAll
    static void read() throws Exception {
        extracts = SyntheticExtracts.small2022To2024();
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE s AS SELECT * FROM read_csv('" + extracts.resolve("patient_survey_*.csv")
                    + "', header = true, all_varchar = true)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (db != null) db.close();
    }

    private static double one(String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void everySurveyHasItsNationalSampleEveryYearAtUnitsOfItsKind() throws Exception {
        for (PatientSurveys.Survey s : PatientSurveys.Survey.values()) {
            for (int year = 2022; year <= 2024; year++) {
                String where = " FROM s WHERE survey = '" + s.name() + "' AND year = '" + year + "'";
                double n = one("SELECT sum(CAST(respondents AS INTEGER))" + where);
                double units = one("SELECT count(DISTINCT unit)" + where);
                // each unit's share is rounded to whole respondents: at most half a respondent off per unit
                assertTrue(Math.abs(n - s.nationalSample) <= units / 2, s + " " + year + ": " + n + " respondents");
                int digits = s.kind == PatientSurveys.UnitKind.MUNICIPALITY ? 4 : 9;
                assertEquals(0, one("SELECT count(*)" + where + " AND length(unit) <> " + digits), s + " unit kind");
            }
        }
    }

    @Test
    void cellsAreConsistentSumsOfScoresBetween0And100InTenths() throws Exception {
        String cells = " FROM s, LATERAL (SELECT CAST(respondents AS INTEGER) AS n, CAST(score_sum AS DOUBLE) AS x, "
                + "CAST(score_sq_sum AS DOUBLE) AS q)";
        assertEquals(0, one("SELECT count(*)" + cells + " WHERE n < 1 OR x > 100 * n OR q * n < x * x - 1e-6 OR q > 10000 * n"));
        assertEquals(0, one("SELECT count(*)" + cells + " WHERE abs(x * 10 - round(x * 10)) > 1e-6 OR abs(q * 100 - round(q * 100)) > 1e-6"));
    }

    @Test
    void plantedUnitEffectsShowInTheCrudeMeansAndTruthNamesThem() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(extracts.resolve("truth.json").toFile()).path("survey_effects");
        List<PatientSurveys.SurveyPlant> plants = PatientSurveys.plants(SynthReference.load(no.kvik.config.KvikHome.locate().reference()));
        assertEquals(plants.size(), truth.size());
        for (int i = 0; i < plants.size(); i++) {
            PatientSurveys.SurveyPlant p = plants.get(i);
            assertEquals(p.unit(), truth.get(i).path("unit").asText());
            assertEquals(p.points(), truth.get(i).path("score_points_added").asDouble());
            if (p.caseMixOnly()) continue;
            String survey = "survey = '" + p.survey().name() + "'";
            double unit = one("SELECT sum(CAST(score_sum AS DOUBLE)) / sum(CAST(respondents AS INTEGER)) FROM s WHERE "
                    + survey + " AND unit = '" + p.unit() + "'");
            double nation = one("SELECT sum(CAST(score_sum AS DOUBLE)) / sum(CAST(respondents AS INTEGER)) FROM s WHERE " + survey);
            // the plant (±6 to 8 points) on top of a random unit effect of SD 2.5 and case-mix noise
            assertTrue(Math.signum(unit - nation) == Math.signum(p.points()) && Math.abs(unit - nation) > 2,
                    p + ": unit " + unit + ", nation " + nation);
        }
    }

    @Test
    void theCaseMixPlantIsSickerAndTheLinearAdjustmentRaisesItsScore() throws Exception {
        PatientSurveys.SurveyPlant plant = PatientSurveys.plants(SynthReference.load(no.kvik.config.KvikHome.locate().reference()))
                .stream().filter(PatientSurveys.SurveyPlant::caseMixOnly).findFirst().orElseThrow();
        String survey = "survey = '" + plant.survey().name() + "' AND year = '2023'";
        double poorAtPlant = one("SELECT sum(CAST(respondents AS INTEGER)) FILTER (WHERE self_rated_health = '1') / "
                + "sum(CAST(respondents AS INTEGER)) FROM s WHERE " + survey + " AND unit = '" + plant.unit() + "'");
        double poorElsewhere = one("SELECT sum(CAST(respondents AS INTEGER)) FILTER (WHERE self_rated_health = '1') / "
                + "sum(CAST(respondents AS INTEGER)) FROM s WHERE " + survey + " AND unit <> '" + plant.unit() + "'");
        assertTrue(poorAtPlant > 0.45 && poorElsewhere > 0.25 && poorElsewhere < 0.35, poorAtPlant + " vs " + poorElsewhere);
        DesignMatrix design = new DesignMatrix(List.of(
                Covariate.categorical("age_band", "18-44", List.of("45-66", "67-79", "80+")),
                Covariate.categorical("sex", "2", List.of("1")),
                Covariate.categorical("education", "2", List.of("1", "3", "9")),
                Covariate.categorical("self_rated_health", "2", List.of("1", "3", "9"))));
        List<LinearCaseMix.Cell> cells = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT unit, age_band, sex, education, "
                + "self_rated_health, respondents, score_sum, score_sq_sum FROM s WHERE " + survey + " ORDER BY ALL")) {
            while (rs.next()) {
                cells.add(new LinearCaseMix.Cell(rs.getString(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), Long.parseLong(rs.getString(6)), Double.parseDouble(rs.getString(7)),
                        Double.parseDouble(rs.getString(8))));
            }
        }
        LinearCaseMix.Fit fit = LinearCaseMix.fit(design, cells);
        // the model finds the generator's health effect (-7 points for poor or fair health against good)
        int poor = fit.names().indexOf("self_rated_health=1");
        assertEquals(PatientSurveys.HEALTH_POINTS[0], fit.coefficients().get(poor), 3 * fit.standardErrors().get(poor));
        LinearCaseMix.UnitScore u = fit.units().stream().filter(x -> x.unit().equals(plant.unit())).findFirst().orElseThrow();
        // about 0.25 more of its respondents in poor health at -7 points each: adjusted is about 1.75 points above crude
        assertTrue(u.adjustedMean() - u.observedMean() > 1, u.toString());
    }
}
