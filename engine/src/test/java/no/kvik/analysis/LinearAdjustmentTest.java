package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.risk.Covariate;
import no.kvik.risk.DesignMatrix;
import no.kvik.risk.LinearCaseMix;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linear case-mix adjustment of a survey indicator through the engine (respondent rows rebuilt from cells, the
 * prediction in SQL, sums to every level) against the same model computed straight from the delivered cells: the
 * shared synthetic extracts' patient_survey files only, adult mental-health inpatients, whose planted trust has
 * sicker respondents and no unit effect.
 */
class LinearAdjustmentTest {
    static final String ID = "patient_experience_phv_adult_inpatient";

    @TempDir
    static Path tmp;
    static AnalysedIndicator analysed;
    static Path extracts;

    @BeforeAll
    static void ingestAndAnalyse() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        extracts = SyntheticExtracts.small2022To2024();
        Path store = TestStores.ingest(extracts, "patient_survey", tmp.resolve("store"));
        Indicator indicator = Catalogue.load(home.indicators(), contracts).get(ID);
        try (Connection c = Store.open(store, home)) {
            analysed = new Analysis(c).run(indicator, RunRequest.allYears());
        }
    }

    /** Per year: {observed sum, expected sum, respondents} of every unit, from the cells and a model fitted on them. */
    static Map<String, double[]> independent(int year) throws Exception {
        List<LinearCaseMix.Cell> cells = new ArrayList<>();
        List<String> years = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT unit, year, age_band, sex, education, self_rated_health, respondents, "
                     + "score_sum, score_sq_sum FROM read_csv('" + extracts.resolve("patient_survey_*.csv") + "', header = true, "
                     + "all_varchar = true) WHERE survey = 'PHV_ADULT_INPATIENT' ORDER BY ALL")) {
            while (rs.next()) {
                cells.add(new LinearCaseMix.Cell(rs.getString(1), List.of(rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)), Long.parseLong(rs.getString(7)), Double.parseDouble(rs.getString(8)),
                        Double.parseDouble(rs.getString(9))));
                years.add(rs.getString(2));
            }
        }
        DesignMatrix design = new DesignMatrix(List.of(
                Covariate.categorical("cov_age_band", "45-66", List.of("18-44", "67-79", "80+")),
                Covariate.categorical("cov_sex", "2", List.of("1")),
                Covariate.categorical("cov_education", "2", List.of("1", "3", "9")),
                Covariate.categorical("cov_self_rated_health", "2", List.of("1", "3", "9"))));
        LinearCaseMix.Fit fit = LinearCaseMix.fit(design, cells);
        Map<String, double[]> byUnit = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!years.get(i).equals(Integer.toString(year))) continue;
            LinearCaseMix.Cell c = cells.get(i);
            double[] x = design.row(c.values().toArray());
            double p = 0;
            for (int j = 0; j < x.length; j++) p += fit.coefficients().get(j) * x[j];
            for (String key : List.of(c.unit(), "nation")) {
                double[] u = byUnit.computeIfAbsent(key, k -> new double[3]);
                u[0] += c.sum();
                u[1] += c.n() * p;
                u[2] += c.n();
            }
        }
        return byUnit;
    }

    @Test
    void observedExpectedAndAdjustedMeansEqualTheModelComputedFromTheCells() throws Exception {
        assertNull(analysed.crudeReason());
        Map<String, double[]> cells = independent(2023);
        double[] nation = cells.get("nation");
        IndicatorResult nat = analysed.results().stream().filter(r -> r.periodLabel().equals("2023") && r.level().equals("nation"))
                .findFirst().orElseThrow();
        assertEquals(nation[0], nat.observed(), 1e-6);
        assertEquals(nation[1], nat.expected(), 1e-6);
        assertEquals(nat.value(), nat.adjustedValue(), 1e-9, "the nation's adjusted mean is its own mean");
        assertEquals(LinearAdjustment.EVENT, nat.event());
        // each trust row equals the cells of one trust org number (the HF level maps them one to one here)
        int matched = 0;
        for (IndicatorResult r : analysed.results()) {
            if (!r.periodLabel().equals("2023") || !r.level().equals("hf") || r.suppressed() != null) continue;
            double[] unit = cells.values().stream().filter(u -> u != nation && Math.abs(u[0] - r.observed()) < 1e-6)
                    .findFirst().orElseThrow(() -> new AssertionError("no trust's cells sum to " + r.observed()));
            assertEquals(unit[1], r.expected(), 1e-6, r.unitName());
            assertEquals(unit[2], r.denominator(), 1e-9, r.unitName());
            assertEquals((unit[0] - unit[1]) / unit[2] + nation[1] / nation[2], r.adjustedValue(), 1e-9, r.unitName());
            assertEquals(unit[0] / unit[1], r.oE(), 1e-9, r.unitName());
            assertNull(r.oELow());
            matched++;
        }
        assertTrue(matched >= 10, matched + " trusts");
    }

    @Test
    void suppressedRowsGetNoAdjustedValueAndFunnelsStayOnTheCrudeMean() {
        for (IndicatorResult r : analysed.results()) {
            if (r.suppressed() != null) assertNull(r.adjustedValue(), r.toString());
        }
        assertTrue(analysed.funnels().isEmpty(), "a mean has no funnel here: " + analysed.funnels());
    }
}
