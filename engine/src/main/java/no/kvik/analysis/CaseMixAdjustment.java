package no.kvik.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.kvik.catalog.RiskModel;
import no.kvik.engine.EngineRun;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.RunRequest;
import no.kvik.risk.CaseMix;
import no.kvik.risk.DesignMatrix;
import no.kvik.risk.LogisticModel;
import no.kvik.risk.PatternCounts;
import no.kvik.risk.UnitExpected;

/**
 * Fits an indicator's case-mix model on its case rows and writes, per month and raw unit code, the observed and
 * expected event counts into a table shaped like the engine's reduced table, so that the engine aggregates
 * them to every period and level with its own mapping ({@link EngineRun#reaggregate}). Every table and view it makes
 * is the run's own. The case rows never leave DuckDB: CaseMix fits on
 * covariate patterns and the expected counts are one SQL pass with the coefficients bound.
 */
final class CaseMixAdjustment {
    /** Roles of the run's tables and views (EngineRun#table, #view) this class makes. */
    static final String REF_CASES = "ref_cases";
    static final String MODEL_CASES = "model_cases";
    static final String REF_MODEL_CASES = "ref_model_cases";
    static final String EXPECTED = "expected";
    static final String RECODE = "recode";
    /** Level given to a missing categorical covariate value, so such cases are modelled, never dropped. */
    static final String MISSING = "missing";
    /** Largest relative gap |ΣO − ΣE| / ΣO tolerated on the fitting population (the ML score equation). */
    static final double SELF_CHECK = 1e-6;

    /**
     * The risk model cannot be fitted even with Firth's penalised likelihood (collinear covariates, no events or
     * only events): the indicator is then reported crude. Other failures (bad metadata, a failed self-check) are
     * not this exception.
     */
    static final class ModelNotFitted extends IllegalStateException {
        ModelNotFitted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The fitted model, its rate of events on the fitting population and its number of cases. */
    record Fitted(LogisticModel model, double nationalRate, long cases, String population, List<String> notes) {
    }

    private CaseMixAdjustment() {
    }

    /**
     * Builds the expected table for the run's case rows. The model is fitted on the run's own case rows or
     * on the reference period's. Throws IllegalStateException when ΣO ≠ ΣE on the fitting population. Its phases
     * are marked on {@code timings}.
     */
    static Fitted adjust(EngineRun run, RiskModel model, String referencePeriod, AnalysisTimings timings)
            throws SQLException {
        Connection connection = run.connection();
        String id = run.indicator().meta().id();
        String cases = run.cases();
        String population = referencePeriod != null ? referencePeriod : model.population();
        boolean own = RiskModel.RUN.equals(population);
        String refCases = null;
        if (!own) {
            Period p = Periods.parse(population);
            refCases = run.cases(REF_CASES, RunRequest.between(p.start(), p.end()).withParameters(run.request().parameters()));
        }
        timings.mark("model_cases");
        String recode = run.table(RECODE);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE " + recode + " (covariate VARCHAR, from_level VARCHAR, to_level VARCHAR)");
        }
        String modelCases = run.view(MODEL_CASES);
        String fitRelation = own ? modelCases : run.view(REF_MODEL_CASES);
        // the run's own cases: one GROUP BY pass counts them per combination of covariate values, and the checks,
        // the separation merges, the constant covariates, the levels and the patterns all come from those counts
        // (issue #17: each was a pass over the cases before; the counts are integers, so every sum is the same)
        Set<String> categoricalNames = modelView(connection, id, model, own ? cases : refCases, fitRelation, recode, !own,
                null);
        PatternCounts counts = own ? countPatterns(connection, id, model, cases, categoricalNames) : null;
        Map<String, Map<String, String>> merged = new HashMap<>();
        List<String> notes = new ArrayList<>(mergeSeparatedLevels(connection, model, categoricalNames, recode, merged,
                counts != null ? name -> levelStats(counts, name) : name -> levelStats(connection, fitRelation, name)));
        if (!own) modelView(connection, id, model, cases, modelCases, recode, true, null);
        // the merges are known now: the run's model view joins the recode table only for the covariates merged
        // (each join cost a hash join in the pass that sums p̂; without a row in the table the value stays as it is)
        if (own) modelView(connection, id, model, cases, modelCases, recode, false, merged.keySet());
        Map<String, String> reference = new HashMap<>();
        Set<String> categorical = new HashSet<>();
        List<String> names = new ArrayList<>();
        // a constant covariate's note quotes its value as DuckDB prints it: only then is the query run
        Map<String, String> constant = counts != null && !anyConstant(counts.recoded(merged))
                ? Map.of() : constantCovariates(connection, model, fitRelation);
        for (RiskModel.Covariate c : model.covariates()) {
            if (constant.containsKey(c.name())) {
                // one value for every case carries no case-mix information (and cannot be fitted): leave it out, say so
                notes.add("covariate " + c.name() + " is " + constant.get(c.name()) + " for every case of the fitting "
                        + "population and was left out of the model");
                continue;
            }
            names.add(c.name());
            if (c.reference() != null) reference.put(c.name(), c.reference());
            if (c.categorical()) categorical.add(c.name());
        }
        timings.mark("model_views");
        DesignMatrix design;
        LogisticModel fitted;
        double nationalRate;
        double fittedCases;
        List<UnitExpected> units = null;
        try {
            if (counts != null) {
                CaseMix.CountedFit fit = CaseMix.fitCounted(counts, names, reference, merged);
                design = fit.design();
                fitted = fit.model();
                nationalRate = fit.nationalRate();
                fittedCases = fit.cases();
            } else {
                CaseMix.Fit fit = CaseMix.fit(connection, new CaseMix.Spec(fitRelation, "provider_org", "_kvik_event", names,
                        reference, categorical));
                units = fit.units();
                design = fit.design();
                fitted = fit.model();
                nationalRate = fit.nationalRate();
                fittedCases = fit.cases();
            }
        } catch (RuntimeException e) {
            throw new ModelNotFitted(id + ": risk model on " + population + " cannot be fitted: " + e.getMessage(), e);
        }
        timings.mark("model_fit");
        if (units != null) {
            double o = 0;
            double e = 0;
            for (UnitExpected u : units) {
                o += u.observed();
                e += u.expected();
            }
            selfCheck(id, "fitting population " + population, o, e);
        }
        no.kvik.risk.Estimation estimation = fitted.diagnostics().estimation();
        if (estimation.firth()) {
            // said with the merges and left-out covariates, so the funnels' note and model.json carry it
            notes.add("fitted by Firth's penalised likelihood because " + estimation.reason()
                    + "; intercept shifted by " + String.format(java.util.Locale.ROOT, "%.6g", estimation.interceptShift())
                    + " so that ΣE = ΣO");
        }
        String expected = run.table(EXPECTED);
        writeExpected(connection, design, fitted, modelCases, expected);
        timings.mark("model_expected");
        if (own) {
            // ΣO = ΣE on the fitting population, checked on the table the funnels and rows are built from (the
            // run's own cases are the fitting population)
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(sum(num ORDER BY num), 0), coalesce(sum(den ORDER BY den), 0) FROM " + expected)) {
                rs.next();
                selfCheck(id, "expected table", rs.getDouble(1), rs.getDouble(2));
            }
            timings.mark("model_selfcheck");
        }
        return new Fitted(fitted, nationalRate, Math.round(fittedCases), population, notes);
    }

    /** Covariates with a single value over the relation, with that value. */
    private static Map<String, String> constantCovariates(Connection connection, RiskModel model, String relation)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<RiskModel.Covariate> covs = model.covariates();
        for (int i = 0; i < covs.size(); i++) {
            String q = "\"" + covs.get(i).name() + "\"";
            if (i > 0) sql.append(", ");
            sql.append("count(DISTINCT ").append(q).append("), CAST(min(").append(q).append(") AS VARCHAR)");
        }
        sql.append(" FROM ").append(relation);
        Map<String, String> out = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < covs.size(); i++) {
                if (rs.getLong(2 * i + 1) <= 1) out.put(covs.get(i).name(), String.valueOf(rs.getString(2 * i + 2)));
            }
        }
        return out;
    }

    /**
     * ΣO = ΣE holds for an ML logistic model with an intercept on its own data, and for a Firth fit by the
     * recalibration of its intercept (LogisticModel.interceptShift); anything else is a bug.
     */
    static void selfCheck(String id, String what, double observed, double expected) {
        if (!(Math.abs(observed - expected) <= SELF_CHECK * Math.max(1, Math.abs(observed)))) {
            throw new IllegalStateException(id + ": risk-model self-check failed on the " + what + ": ΣO = " + observed
                    + " but ΣE = " + expected + " (relative gap above " + SELF_CHECK + ")");
        }
    }

    /**
     * A view over the case rows with the 0/1 event and the covariates as modelled: categorical ones as text with
     * missing values as their own level and merged levels recoded through the run's {@link #RECODE} table, numeric
     * ones as DOUBLE (a missing numeric value is an error). Returns the names of the categorical covariates.
     * With {@code checkRows}, checks the case rows (one per case, 0/1 numerator, numeric covariates given) in a pass of
     * their own; without, the caller checks them ({@link #countPatterns} does). {@code recoded}: the covariates
     * whose values go through the recode table (null: every categorical one).
     */
    private static Set<String> modelView(Connection connection, String id, RiskModel model, String cases, String view,
                                         String recode, boolean checkRows, Set<String> recoded) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + cases + ")")) {
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
        }
        String event = model.outcome() == RiskModel.Outcome.NOT_NUMERATOR ? "c.denominator - c.numerator" : "c.numerator";
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP VIEW " + view + " AS SELECT c.event_date, c.provider_org, "
                + "c.residence_municipality, c.residence_county, c.central_id, CAST(" + event + " AS DOUBLE) AS _kvik_event");
        StringBuilder joins = new StringBuilder();
        List<String> numeric = new ArrayList<>();
        Set<String> categoricalNames = new HashSet<>();
        int j = 0;
        for (RiskModel.Covariate cov : model.covariates()) {
            String type = types.get(cov.name());
            if (type == null) {
                throw new IllegalArgumentException(id + ": riskModel covariate '" + cov.name()
                        + "' is not an output column of the indicator's SQL (columns: " + types.keySet() + ")");
            }
            boolean text = type.startsWith("VARCHAR") || type.equals("BOOLEAN");
            boolean categorical = cov.type() == null ? text : cov.categorical();
            // the name is a validated lower_snake_case identifier from the metadata, not data
            String q = "\"" + cov.name() + "\"";
            if (categorical) {
                String raw = "coalesce(CAST(c." + q + " AS VARCHAR), '" + MISSING + "')";
                if (recoded != null && !recoded.contains(cov.name())) {
                    sql.append(", ").append(raw).append(" AS ").append(q);
                } else {
                    String r = "r" + j++;
                    sql.append(", coalesce(").append(r).append(".to_level, ").append(raw).append(") AS ").append(q);
                    joins.append(" LEFT JOIN ").append(recode).append(' ').append(r).append(" ON ").append(r)
                            .append(".covariate = '").append(cov.name()).append("' AND ").append(r).append(".from_level = ").append(raw);
                }
                categoricalNames.add(cov.name());
            } else {
                if (text) {
                    throw new IllegalArgumentException(id + ": riskModel covariate '" + cov.name() + "' is declared numeric "
                            + "but the column is " + type);
                }
                sql.append(", CAST(c.").append(q).append(" AS DOUBLE) AS ").append(q);
                numeric.add(cov.name());
            }
        }
        sql.append(" FROM ").append(cases).append(" c").append(joins);
        try (Statement st = connection.createStatement()) {
            st.execute(sql.toString());
        }
        if (!checkRows) return categoricalNames;
        StringBuilder check = new StringBuilder("SELECT count(*) FILTER (WHERE denominator IS DISTINCT FROM 1 "
                + "OR numerator NOT IN (0, 1))");
        for (String n : numeric) check.append(", count(*) FILTER (WHERE \"").append(n).append("\" IS NULL)");
        check.append(" FROM ").append(cases);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(check.toString())) {
            rs.next();
            long[] nulls = new long[numeric.size()];
            for (int i = 0; i < numeric.size(); i++) nulls[i] = rs.getLong(i + 2);
            checkCases(id, rs.getLong(1), numeric, nulls);
        }
        return categoricalNames;
    }

    /** The errors of case rows a risk model cannot take: not one per case with a 0/1 numerator, a numeric covariate null. */
    private static void checkCases(String id, long notOneCase, List<String> numeric, long[] nulls) {
        if (notOneCase > 0) {
            throw new IllegalArgumentException(id + ": a risk model needs one row per case with denominator 1 and a "
                    + "0/1 numerator; " + notOneCase + " case row(s) are not like that");
        }
        for (int i = 0; i < numeric.size(); i++) {
            if (nulls[i] > 0) {
                throw new IllegalArgumentException(id + ": numeric riskModel covariate '" + numeric.get(i) + "' is null on "
                        + nulls[i] + " case row(s); give it a value in the SQL or declare it categorical");
            }
        }
    }

    /**
     * The run's case rows counted per combination of covariate values as the model view gives them before any
     * merge (categorical as text, a missing value as {@link #MISSING}; numeric as DOUBLE), with their events, in one
     * pass that also checks them as {@link #modelView} does.
     */
    private static PatternCounts countPatterns(Connection connection, String id, RiskModel model, String cases,
                                               Set<String> categoricalNames) throws SQLException {
        String event = model.outcome() == RiskModel.Outcome.NOT_NUMERATOR ? "c.denominator - c.numerator" : "c.numerator";
        List<RiskModel.Covariate> covs = model.covariates();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (RiskModel.Covariate cov : covs) {
            String q = "c.\"" + cov.name() + "\"";
            sql.append(categoricalNames.contains(cov.name())
                    ? "coalesce(CAST(" + q + " AS VARCHAR), '" + MISSING + "')" : "CAST(" + q + " AS DOUBLE)").append(", ");
        }
        sql.append("count(*), sum(CAST(").append(event).append(" AS DOUBLE)), count(*) FILTER (WHERE c.denominator IS "
                + "DISTINCT FROM 1 OR c.numerator NOT IN (0, 1)) FROM ").append(cases).append(" c");
        if (!covs.isEmpty()) sql.append(" GROUP BY ALL");
        List<String> names = new ArrayList<>();
        boolean[] categorical = new boolean[covs.size()];
        for (int j = 0; j < covs.size(); j++) {
            names.add(covs.get(j).name());
            categorical[j] = categoricalNames.contains(covs.get(j).name());
        }
        List<Object[]> keys = new ArrayList<>();
        List<Long> casesPerKey = new ArrayList<>();
        List<Double> eventsPerKey = new ArrayList<>();
        long notOneCase = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            int k = covs.size();
            while (rs.next()) {
                if (rs.getLong(k + 1) == 0) continue; // no cases at all: count(*) without GROUP BY still gives a row
                Object[] key = new Object[k];
                for (int j = 0; j < k; j++) {
                    if (categorical[j]) {
                        key[j] = rs.getString(j + 1);
                    } else {
                        double v = rs.getDouble(j + 1);
                        key[j] = rs.wasNull() ? null : v;
                    }
                }
                keys.add(key);
                casesPerKey.add(rs.getLong(k + 1));
                eventsPerKey.add(rs.getDouble(k + 2));
                notOneCase += rs.getLong(k + 3);
            }
        }
        PatternCounts counts = new PatternCounts(names, categorical, keys,
                casesPerKey.stream().mapToLong(Long::longValue).toArray(),
                eventsPerKey.stream().mapToDouble(Double::doubleValue).toArray());
        List<String> numeric = new ArrayList<>();
        for (int j = 0; j < covs.size(); j++) if (!categorical[j]) numeric.add(names.get(j));
        long[] nulls = numeric.stream().mapToLong(counts::missing).toArray();
        checkCases(id, notOneCase, numeric, nulls);
        return counts;
    }

    /** Whether a covariate has at most one distinct (non-null) value over the counted cases. */
    private static boolean anyConstant(PatternCounts counts) {
        for (String name : counts.names()) {
            if (counts.byValue(name).size() <= 1) return true;
        }
        return false;
    }

    /** Where the cases and events of a covariate's levels come from. */
    @FunctionalInterface
    private interface LevelStats {
        java.util.TreeMap<String, double[]> of(String covariate) throws SQLException;
    }

    /** A categorical covariate's cases and events per level, by a query over the relation. */
    private static java.util.TreeMap<String, double[]> levelStats(Connection connection, String relation, String covariate)
            throws SQLException {
        java.util.TreeMap<String, double[]> stats = new java.util.TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"" + covariate + "\", count(*), sum(_kvik_event) FROM " + relation
                     + " GROUP BY ALL")) {
            while (rs.next()) stats.put(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3)});
        }
        return stats;
    }

    /** The same from the counted cases (before any merge: each covariate's merges only touch its own levels). */
    private static java.util.TreeMap<String, double[]> levelStats(PatternCounts counts, String covariate) {
        java.util.TreeMap<String, double[]> stats = new java.util.TreeMap<>();
        counts.byValue(covariate).forEach((level, s) -> stats.put((String) level, s.clone()));
        return stats;
    }

    /**
     * A categorical level whose cases are all events or all non-events in the fitting population has an
     * infinite coefficient (separation). Such a level is merged into its neighbour towards the reference level
     * in sorted order (for age bands: the adjacent band), repeatedly, until no level is separated. The merges
     * are written to the run's {@link #RECODE} table, which the model views read, and into {@code merged}
     * (covariate → from level → to level). Returns one note per merged covariate.
     */
    private static List<String> mergeSeparatedLevels(Connection connection, RiskModel model, Set<String> categoricalNames,
                                                     String recode, Map<String, Map<String, String>> merged,
                                                     LevelStats levelStats) throws SQLException {
        List<String> notes = new ArrayList<>();
        for (RiskModel.Covariate cov : model.covariates()) {
            if (!categoricalNames.contains(cov.name())) continue;
            java.util.TreeMap<String, double[]> stats = levelStats.of(cov.name());
            if (stats.size() < 2) continue;
            String ref = cov.reference() != null && stats.containsKey(cov.reference()) ? cov.reference()
                    : stats.entrySet().stream().max(java.util.Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0])
                    .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder())).get().getKey();
            Map<String, String> into = new java.util.LinkedHashMap<>();
            while (stats.size() > 1) {
                List<String> levels = new ArrayList<>(stats.keySet());
                String separated = null;
                for (String l : levels) {
                    double[] v = stats.get(l);
                    if (!l.equals(ref) && (v[1] == 0 || v[1] == v[0])) {
                        separated = l;
                        break;
                    }
                }
                if (separated == null) break;
                int i = levels.indexOf(separated);
                String target = levels.get(i < levels.indexOf(ref) ? i + 1 : i - 1);
                double[] a = stats.remove(separated);
                double[] b = stats.get(target);
                stats.put(target, new double[] {a[0] + b[0], a[1] + b[1]});
                into.put(separated, target);
                for (Map.Entry<String, String> e : into.entrySet()) if (e.getValue().equals(separated)) e.setValue(target);
            }
            if (into.isEmpty()) continue;
            merged.put(cov.name(), Map.copyOf(into));
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + recode + " VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : into.entrySet()) {
                    ps.setString(1, cov.name());
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<String> parts = new ArrayList<>();
            into.forEach((from, to) -> parts.add(from + " -> " + to));
            notes.add("covariate " + cov.name() + ": level(s) with only events or no events in the fitting population "
                    + "merged into a neighbour (" + String.join(", ", parts) + ")");
        }
        return notes;
    }

    /** O and E per month and raw unit code in the engine's reduced-table shape (num = O, den = E). */
    private static void writeExpected(Connection connection, DesignMatrix design, LogisticModel model, String modelCases,
                                      String expected) throws SQLException {
        CaseMix.Probability prob = CaseMix.probability(design, model);
        String sql = "CREATE OR REPLACE TEMP TABLE " + expected + " AS SELECT CAST(date_trunc('month', event_date) AS DATE) "
                + "AS month, provider_org, residence_municipality, residence_county, central_id, "
                + "CAST(count(*) AS BIGINT) AS n_rows, CAST(0 AS BIGINT) AS n_bad, "
                // p summed in value order so E does not depend on row order (reproducible releases); the sorted list's
                // sum adds the same values in the same order as sum(p ORDER BY p), without the ordered aggregate's
                // per-group sort state (issue #17: a third less CPU for this pass at scale 1, results the same to the bit)
                + "CAST(sum(_kvik_event) AS DOUBLE) AS num, CAST(list_sum(list_sort(list(p))) AS DOUBLE) AS den, CAST(0 AS BIGINT) AS n_values, "
                + "CAST(0 AS DOUBLE) AS s1, CAST(0 AS DOUBLE) AS s2 FROM (SELECT *, " + prob.sql() + " AS p FROM "
                + modelCases + ") GROUP BY ALL";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < prob.parameters().size(); i++) ps.setObject(i + 1, prob.parameters().get(i));
            ps.execute();
        }
    }
}
