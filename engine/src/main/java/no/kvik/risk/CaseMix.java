package no.kvik.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fits the case-mix model on case rows held by DuckDB without moving the rows to Java: DuckDB groups the cases
 * into covariate patterns (the model's sufficient statistics), Java fits them, and DuckDB then sums p̂ per unit
 * with the coefficients bound as parameters. Used by {@code kvik adjust} and by the indicator engine.
 */
public final class CaseMix {
    private CaseMix() {
    }

    /**
     * What to fit.
     *
     * @param relation    a table or view with one row per case (an identifier, quoted here)
     * @param outcome     0/1 column, 1 = event
     * @param reference   reference level per categorical covariate (default: the most frequent level)
     * @param categorical numeric-coded columns to treat as categorical (text and boolean columns always are)
     */
    public record Spec(String relation, String unit, String outcome, List<String> covariates,
                       Map<String, String> reference, Set<String> categorical) {
        public Spec {
            Objects.requireNonNull(relation, "relation");
            covariates = List.copyOf(covariates);
            reference = Map.copyOf(reference);
            categorical = Set.copyOf(categorical);
            for (String c : reference.keySet()) {
                if (!covariates.contains(c)) {
                    throw new IllegalArgumentException("reference level for " + c + ", which is not a covariate "
                            + covariates);
                }
            }
            for (String c : categorical) {
                if (!covariates.contains(c)) {
                    throw new IllegalArgumentException("categorical " + c + " is not a covariate " + covariates);
                }
            }
        }
    }

    /**
     * The fitted model and per-unit expected counts.
     *
     * @param nationalRate ΣO/Σn over all cases
     */
    public record Fit(DesignMatrix design, Patterns patterns, LogisticModel model, List<UnitExpected> units,
                      double cases, double nationalRate) {
        public Fit {
            units = List.copyOf(units);
        }
    }

    public static Fit fit(Connection connection, Spec spec) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + quote(spec.relation())
                     + ")")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        for (String c : concat(spec)) {
            if (!types.containsKey(c)) {
                throw new IllegalArgumentException(spec.relation() + " has no column " + c);
            }
        }
        List<Covariate> covs = new ArrayList<>();
        for (String c : spec.covariates()) {
            String type = types.get(c);
            boolean text = type.startsWith("VARCHAR") || type.equals("BOOLEAN");
            covs.add(text || spec.categorical().contains(c) ? categorical(connection, spec, c) : Covariate.numeric(c));
        }
        DesignMatrix design = new DesignMatrix(covs);
        Patterns patterns = patterns(connection, spec, design);
        LogisticModel model = LogisticModel.fit(patterns);
        List<UnitExpected> units = expectedByUnit(connection, spec, design, model);
        double cases = 0;
        double events = 0;
        for (UnitExpected u : units) {
            cases += u.cases();
            events += u.observed();
        }
        return new Fit(design, patterns, model, units, cases, events / cases);
    }

    private static List<String> concat(Spec spec) {
        List<String> all = new ArrayList<>(spec.covariates());
        all.add(spec.unit());
        all.add(spec.outcome());
        return all;
    }

    /** Levels by frequency; the reference is the most frequent unless given; the rest alphabetical (as R's relevel). */
    private static Covariate categorical(Connection connection, Spec spec, String name) throws SQLException {
        List<String> levels = new ArrayList<>();
        String sql = "SELECT CAST(" + quote(name) + " AS VARCHAR) AS v, COUNT(*) AS c FROM " + quote(spec.relation())
                + " GROUP BY v ORDER BY c DESC, v";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                levels.add(rs.getString(1));
            }
        }
        return categorical(name, spec.reference().get(name), levels);
    }

    /**
     * A categorical covariate from its levels in order of frequency (most frequent first): the reference is
     * {@code reference} when not null, else the most frequent level; the other levels alphabetical (as R's relevel).
     */
    static Covariate categorical(String name, String reference, List<String> levelsByFrequency) {
        List<String> levels = levelsByFrequency;
        if (levels.size() < 2) {
            throw new GlmException("covariate " + name + " has only one level (" + levels
                    + "); a constant covariate cannot be fitted");
        }
        String ref = reference != null ? reference : levels.get(0);
        if (!levels.contains(ref)) {
            throw new IllegalArgumentException("reference level " + name + "=" + ref + " does not occur (levels: "
                    + levels + ")");
        }
        return Covariate.categorical(name, ref, levels.stream().filter(l -> !l.equals(ref)).sorted().toList());
    }

    /**
     * A fit on counted patterns ({@link #fitCounted}): the model, its design and patterns, and the fitting
     * population's cases and rate of events.
     */
    public record CountedFit(DesignMatrix design, Patterns patterns, LogisticModel model, double cases,
                             double nationalRate) {
    }

    /**
     * As {@link #fit}, from the cases already counted per combination of covariate values (recoded by
     * {@code recode}: covariate → from level → to level) instead of reading the rows again: the same levels,
     * reference levels, patterns in the same order and so the same model (issue #17). The per-unit expected
     * counts are not computed here; the caller sums p̂ over its rows ({@link #probability}).
     *
     * @param covariates the covariates of the model, a subset of the counted ones, in model order
     */
    public static CountedFit fitCounted(PatternCounts counts, List<String> covariates, Map<String, String> reference,
                                        Map<String, Map<String, String>> recode) {
        PatternCounts recoded = counts.project(covariates, recode);
        List<Covariate> covs = new ArrayList<>();
        for (int j = 0; j < covariates.size(); j++) {
            String c = covariates.get(j);
            covs.add(recoded.categorical()[j] ? recoded.categoricalCovariate(c, reference.get(c)) : Covariate.numeric(c));
        }
        DesignMatrix design = new DesignMatrix(covs);
        Patterns patterns = counts.patterns(design, recode);
        LogisticModel model = LogisticModel.fit(patterns);
        double[] totals = counts.totals();
        return new CountedFit(design, patterns, model, totals[0], totals[1] / totals[0]);
    }

    /** Covariate patterns with trials and events: SELECT covariates, COUNT(*), SUM(outcome) … GROUP BY ALL. */
    private static Patterns patterns(Connection connection, Spec spec, DesignMatrix design) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (Covariate c : design.covariates()) {
            parts.add("CAST(" + quote(c.name()) + " AS " + (c.categorical() ? "VARCHAR" : "DOUBLE") + ")");
        }
        // no covariates (all left out as constant): one pattern, the intercept-only model
        String sql = "SELECT " + String.join("", parts.stream().map(c -> c + ", ").toList()) + "COUNT(*), SUM(CAST("
                + quote(spec.outcome()) + " AS DOUBLE)) FROM " + quote(spec.relation())
                + (parts.isEmpty() ? "" : " GROUP BY ALL ORDER BY ALL");
        List<double[]> x = new ArrayList<>();
        List<double[]> ny = new ArrayList<>();
        int k = design.covariates().size();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object[] v = new Object[k];
                for (int j = 0; j < k; j++) {
                    v[j] = design.covariates().get(j).categorical() ? rs.getString(j + 1) : (Object) rs.getDouble(j + 1);
                }
                x.add(design.row(v));
                ny.add(new double[] {rs.getLong(k + 1), rs.getDouble(k + 2)});
            }
        }
        double[] n = new double[ny.size()];
        double[] y = new double[ny.size()];
        for (int i = 0; i < ny.size(); i++) {
            n[i] = ny.get(i)[0];
            y[i] = ny.get(i)[1];
        }
        return new Patterns(design.columnNames(), x.toArray(double[][]::new), n, y);
    }

    /**
     * The model's predicted probability 1/(1 + e^−η) as a SQL expression over a relation with the covariate
     * columns, every coefficient and level bound as a parameter (in order).
     */
    public record Probability(String sql, List<Object> parameters) {
        public Probability {
            parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    public static Probability probability(DesignMatrix design, LogisticModel model) {
        double[] beta = model.fit().coefficients();
        List<Object> params = new ArrayList<>();
        StringBuilder eta = new StringBuilder("?");
        params.add(beta[0]);
        int k = 1;
        for (Covariate c : design.covariates()) {
            if (c.categorical()) {
                for (int l = 1; l < c.levels().size(); l++) {
                    eta.append(" + CASE WHEN CAST(").append(quote(c.name())).append(" AS VARCHAR) = ? THEN ? ELSE 0 END");
                    params.add(c.levels().get(l));
                    params.add(beta[k++]);
                }
            } else {
                eta.append(" + ? * CAST(").append(quote(c.name())).append(" AS DOUBLE)");
                params.add(beta[k++]);
            }
        }
        return new Probability("1 / (1 + exp(-(" + eta + ")))", params);
    }

    /** Per unit O, cases, E = Σ p̂ and Σ p̂(1−p̂) in one DuckDB pass, the linear predictor's values all bound. */
    private static List<UnitExpected> expectedByUnit(Connection connection, Spec spec, DesignMatrix design,
                                                     LogisticModel model) throws SQLException {
        Probability prob = probability(design, model);
        List<Object> params = prob.parameters();
        String sql = "SELECT u, COUNT(*), SUM(y), SUM(p ORDER BY p), SUM(p * (1 - p) ORDER BY p) FROM (SELECT CAST(" + quote(spec.unit())
                + " AS VARCHAR) AS u, CAST(" + quote(spec.outcome()) + " AS DOUBLE) AS y, " + prob.sql()
                + " AS p FROM " + quote(spec.relation()) + ") GROUP BY u ORDER BY u";
        List<UnitExpected> units = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.add(new UnitExpected(rs.getString(1), rs.getDouble(3), rs.getLong(2), rs.getDouble(4),
                            rs.getDouble(5)));
                }
            }
        }
        return units;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
