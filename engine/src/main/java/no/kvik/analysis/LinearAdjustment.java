package no.kvik.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.kvik.catalog.Level;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.RiskModel;
import no.kvik.engine.EngineRun;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.UnitAggregate;
import no.kvik.risk.Covariate;
import no.kvik.risk.DesignMatrix;
import no.kvik.risk.LinearCaseMix;

/**
 * Case-mix adjustment of a mean score by linear regression ({@code "riskModel": {"family": "linear", …}}), as FHI
 * adjusts the national patient-experience surveys: {@link LinearCaseMix} fitted on the run's case rows (one per
 * respondent, each with its value and categorical {@code cov_*} characteristics) grouped by characteristics, then one
 * SQL pass writing, per month and raw unit code, the observed score sum (num) and the model's predicted sum (den) in
 * the engine's reduced shape, so that the engine sums them to every period and level with its own mapping. A
 * published row gets observed (O, score sum), expected (E, predicted sum), o_e = O / E and
 * adjusted_value = (O − E) / n + E_nation / n_nation of its period: its mean with the case-mix difference from the
 * nation of that period removed (so the nation's adjusted value is its own mean). Funnels and trends stay on the
 * crude means. Every table it makes is the run's own.
 */
final class LinearAdjustment {
    static final String EXPECTED = "linear_expected";
    /** The event column's value on adjusted rows: observed and expected are sums of scores. */
    static final String EVENT = "score";

    /** The fitted model and the observed/expected sums per period, level and unit. */
    record Adjusted(LinearCaseMix.Fit fit, Map<Analysis.Key, UnitAggregate> sums) {
    }

    private LinearAdjustment() {
    }

    static Adjusted adjust(EngineRun run, RiskModel model) throws SQLException {
        String id = run.indicator().meta().id();
        if (run.indicator().meta().measure().kind() != MeasureKind.MEAN) {
            throw new IllegalArgumentException(id + ": a linear riskModel adjusts a mean; the measure is "
                    + run.indicator().meta().measure().kind());
        }
        Connection connection = run.connection();
        String cases = run.cases();
        List<Covariate> covariates = new ArrayList<>();
        for (RiskModel.Covariate c : model.covariates()) {
            if (c.type() != null && !c.categorical()) {
                throw new IllegalArgumentException(id + ": the linear riskModel takes categorical covariates; "
                        + c.name() + " is numeric");
            }
            covariates.add(levels(connection, cases, c));
        }
        DesignMatrix design = new DesignMatrix(covariates);
        StringBuilder group = new StringBuilder();
        for (Covariate c : covariates) group.append(", coalesce(CAST(\"").append(c.name()).append("\" AS VARCHAR), 'missing')");
        List<LinearCaseMix.Cell> cells = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), "
                + "sum(value ORDER BY value), sum(value * value ORDER BY value)" + group + " FROM " + cases
                + " WHERE value IS NOT NULL GROUP BY ALL ORDER BY ALL")) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int j = 0; j < covariates.size(); j++) values.add(rs.getString(4 + j));
                cells.add(new LinearCaseMix.Cell("nation", values, rs.getLong(1), rs.getDouble(2), rs.getDouble(3)));
            }
        }
        LinearCaseMix.Fit fit;
        try {
            fit = LinearCaseMix.fit(design, cells);
        } catch (IllegalArgumentException e) {
            throw new CaseMixAdjustment.ModelNotFitted(id + ": " + e.getMessage(), e);
        }
        // the prediction as SQL over the case rows, coefficients bound: β0 + Σ β(covariate=level) [covariate = level]
        StringBuilder prediction = new StringBuilder("CAST(? AS DOUBLE)");
        List<Object> parameters = new ArrayList<>();
        parameters.add(fit.coefficients().get(0));
        int k = 1;
        for (Covariate c : covariates) {
            for (int l = 1; l < c.levels().size(); l++) {
                prediction.append(" + CASE WHEN coalesce(CAST(\"").append(c.name())
                        .append("\" AS VARCHAR), 'missing') = ? THEN CAST(? AS DOUBLE) ELSE 0 END");
                parameters.add(c.levels().get(l));
                parameters.add(fit.coefficients().get(k++));
            }
        }
        String expected = run.table(EXPECTED);
        String sql = "CREATE OR REPLACE TEMP TABLE " + expected + " AS SELECT CAST(date_trunc('month', event_date) AS DATE) "
                + "AS month, provider_org, residence_municipality, residence_county, central_id, "
                + "CAST(count(*) AS BIGINT) AS n_rows, CAST(0 AS BIGINT) AS n_bad, "
                // sums in value order, so they do not depend on row order (reproducible releases)
                + "CAST(sum(value ORDER BY value) AS DOUBLE) AS num, CAST(sum(p ORDER BY p) AS DOUBLE) AS den, "
                + "CAST(0 AS BIGINT) AS n_values, CAST(0 AS DOUBLE) AS s1, CAST(0 AS DOUBLE) AS s2 "
                + "FROM (SELECT *, " + prediction + " AS p FROM " + cases + " WHERE value IS NOT NULL) GROUP BY ALL";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, parameters.get(i));
            ps.execute();
        }
        Map<Analysis.Key, UnitAggregate> sums = new HashMap<>();
        for (UnitAggregate a : run.reaggregate(expected)) sums.put(new Analysis.Key(a.period(), a.level(), a.unitId()), a);
        return new Adjusted(fit, sums);
    }

    /** The covariate's levels in the case rows, the model's reference (or the most frequent) first. */
    private static Covariate levels(Connection connection, String cases, RiskModel.Covariate c) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(CAST(\""
                + c.name() + "\" AS VARCHAR), 'missing'), count(*) FROM " + cases + " WHERE value IS NOT NULL GROUP BY ALL")) {
            while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
        }
        String reference = c.reference() != null && counts.containsKey(c.reference()) ? c.reference()
                : counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse("missing");
        return Covariate.categorical(c.name(), reference, new ArrayList<>(counts.keySet()));
    }

    /** The published rows with observed, expected, o_e and adjusted_value filled in from the adjusted sums. */
    static List<IndicatorResult> apply(List<IndicatorResult> rows, Adjusted adjusted, Map<Analysis.Key, UnitAggregate> crude) {
        Map<Period, double[]> nation = new HashMap<>();
        for (Map.Entry<Analysis.Key, UnitAggregate> e : adjusted.sums().entrySet()) {
            if (e.getKey().level() != Level.NATION) continue;
            UnitAggregate n = crude.get(e.getKey());
            if (n != null && n.nValues() > 0) nation.put(e.getKey().period(), new double[] {e.getValue().denominator(), n.nValues()});
        }
        List<IndicatorResult> out = new ArrayList<>();
        for (IndicatorResult r : rows) {
            Analysis.Key k = Analysis.Key.of(r);
            UnitAggregate s = adjusted.sums().get(k);
            UnitAggregate c = crude.get(k);
            double[] nat = nation.get(k.period());
            if (r.suppressed() != null || s == null || c == null || c.nValues() == 0 || nat == null || !(s.denominator() > 0)) {
                out.add(r);
                continue;
            }
            double o = s.numerator();
            double e = s.denominator();
            double n = c.nValues();
            double adjustedValue = (o - e) / n + nat[0] / nat[1];
            out.add(new IndicatorResult(r.indicatorId(), r.indicatorVersion(), r.periodStart(), r.periodEnd(),
                    r.periodLabel(), r.level(), r.unitId(), r.unitName(), r.numerator(), r.denominator(), r.value(),
                    r.ciLow(), r.ciHigh(), EVENT, o, e, o / e, null, null, adjustedValue, r.z(), r.funnelFlag(),
                    r.fdrFlag(), r.trendFlag(), r.goalLevel(), r.suppressed()));
        }
        return out;
    }
}
