package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.risk.CalibrationBin;
import no.kvik.risk.CaseMix;
import no.kvik.risk.Coefficient;
import no.kvik.risk.Covariate;
import no.kvik.risk.EmpiricalBayes;
import no.kvik.risk.IndirectResult;
import no.kvik.risk.IndirectStandardisation;
import no.kvik.risk.LogisticModel;
import no.kvik.risk.ModelDiagnostics;
import no.kvik.risk.SmoothedRate;
import no.kvik.risk.UnitExpected;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Risk adjustment of any case table: logistic model on covariate patterns aggregated by DuckDB, then per unit
 * O, E, O/E with exact interval, adjusted rate and empirical-Bayes smoothed rate.
 */
@Command(name = "adjust", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a case-mix logistic model on a case table (CSV or Parquet, one row per case) and "
                + "write coefficients with SEs and odds ratios (95 %% Wald interval), diagnostics, and per-unit O, E, "
                + "O/E with exact intervals.",
                "Text (VARCHAR) columns are categorical, dummy coded against their most frequent level unless "
                        + "--reference says otherwise; numeric columns are linear unless listed in --categorical.",
                "When maximum likelihood does not exist (separation: a covariate or level predicts the outcome "
                        + "perfectly, fitted risks 0 or 1), the model is fitted by Firth's penalised likelihood (as R "
                        + "brglm2 AS_mean) with its intercept shifted so that expected = observed in total; the "
                        + "summary line and diagnostics.json (estimation) say so and why.",
                "Exit codes: 0 ok, 1 bad data or a model that cannot be fitted (collinear covariates, no events), "
                        + "2 usage error."})
final class AdjustCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV or Parquet (.parquet) case table.")
    Path input;

    @Option(names = "--outcome", required = true, paramLabel = "COL", description = "Column with the 0/1 outcome (1 = event).")
    String outcome;

    @Option(names = "--covariates", required = true, split = ",", paramLabel = "COL", description = "Case-mix columns, comma separated.")
    List<String> covariates;

    @Option(names = "--unit", required = true, paramLabel = "COL", description = "Column naming the unit (hospital, HF, …).")
    String unit;

    @Option(names = "--unit-name", paramLabel = "COL", description = "Column with each unit's name, shown on the "
            + "caterpillar instead of the --unit code (one name per unit; units.csv keeps the codes).")
    String unitName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--reference", split = ",", paramLabel = "COL=LEVEL", description = "Reference levels as COL=LEVEL (default: the most "
            + "frequent level).")
    Map<String, String> reference = new LinkedHashMap<>();

    @Option(names = "--categorical", split = ",", paramLabel = "COL", description = "Columns to treat as categorical: numeric-coded ones, or text columns that are mostly numbers.")
    Set<String> categorical = Set.of();

    @Option(names = "--survival", description = "The outcome is death and the indicator is survival: adjusted "
            + "value = 1 − adjusted mortality.")
    boolean survival;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "P", description = "Interval level (default: ${DEFAULT-VALUE}).")
    double level;

    @Override
    public Integer call() throws Exception {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("--level must be between 0 and 1 (e.g. 0.95), not " + level);
        CaseMix.Spec caseMix = new CaseMix.Spec("input", unit, outcome, covariates, reference, categorical);
        try (TableInput t = TableInput.open(input)) {
            t.requireNotNull(unit);
            t.requireNumeric(outcome);
            t.requireBinary(outcome);
            for (String c : covariates) {
                t.requireNotNull(c);
                String type = t.type(c);
                if (!(type.startsWith("VARCHAR") || type.equals("BOOLEAN") || categorical.contains(c))) {
                    t.requireNumeric(c);
                } else if (type.startsWith("VARCHAR") && !categorical.contains(c)) {
                    t.requireNoStrayText(c);
                }
            }
            Map<String, String> names = unitName == null ? Map.of() : unitNames(t);
            CaseMix.Fit fit = CaseMix.fit(t.connection(), caseMix);
            LogisticModel model = fit.model();
            List<UnitExpected> units = fit.units();
            double national = fit.nationalRate();
            List<IndirectResult> adjusted = IndirectStandardisation.compute(units, national, level, survival);
            EmpiricalBayes.Result eb = units.size() > 1 ? EmpiricalBayes.smooth(units, national) : null;
            Files.createDirectories(out);
            writeCoefficients(model.diagnostics().coefficients());
            writeCalibration(model.diagnostics());
            writeUnits(adjusted, eb);
            writeDiagnostics(model, fit.design().covariates(), national, units, eb);
            Charts.writeCaterpillar(adjusted.stream().map(a -> new CaterpillarItem(names.getOrDefault(a.unit(), a.unit()), a.adjustedValue(),
                            a.adjustedLow(), a.adjustedHigh())).toList(), survival ? 1 - national : national,
                    "Risk-adjusted " + (survival ? "survival" : "rate") + " by " + unit,
                    survival ? "Adjusted survival" : "Adjusted rate", out.resolve("caterpillar.svg"));
            ModelDiagnostics d = model.diagnostics();
            spec.commandLine().getOut().printf(Locale.ROOT, "%d cases, %d patterns, %d units; %d iterations; "
                            + "c-statistic %.4f; Hosmer-Lemeshow %.3f (df %d, p %.4f); observed %.0f, expected %.6f%n",
                    (long) fit.cases(), fit.patterns().size(), units.size(), d.iterations(), d.cStatistic(),
                    d.hosmerLemeshow(), d.hosmerLemeshowDf(), d.hosmerLemeshowP(), d.observedTotal(),
                    d.expectedTotal());
            if (d.estimation().firth()) {
                spec.commandLine().getOut().println("estimation: " + d.estimation().summary());
            }
            spec.commandLine().getOut().println("wrote coefficients.csv, diagnostics.json, calibration.csv, "
                    + "units.csv and caterpillar.svg to " + out);
            return ExitCodes.OK;
        }
    }

    private void writeCoefficients(List<Coefficient> coefficients) {
        List<List<Object>> rows = new ArrayList<>();
        for (Coefficient c : coefficients) {
            rows.add(List.of(c.term(), c.estimate(), c.stdError(), c.z(), c.pValue(), c.oddsRatio(), c.oddsRatioLow(),
                    c.oddsRatioHigh()));
        }
        CsvOut.write(out.resolve("coefficients.csv"), List.of("term", "estimate", "std_error", "z", "p_value",
                "odds_ratio", "odds_ratio_low", "odds_ratio_high"), rows);
    }

    private void writeCalibration(ModelDiagnostics d) {
        List<List<Object>> rows = new ArrayList<>();
        for (CalibrationBin b : d.calibration()) {
            rows.add(List.of(b.group(), b.cases(), b.observed(), b.expected(), b.meanPredicted(), b.observedRate()));
        }
        CsvOut.write(out.resolve("calibration.csv"), List.of("risk_group", "cases", "observed", "expected",
                "mean_predicted", "observed_rate"), rows);
    }

    /** Unit code → its one name in the --unit-name column; a unit with two names is an error naming both. */
    private Map<String, String> unitNames(TableInput t) throws SQLException {
        t.requireNotNull(unitName);
        String sql = "SELECT CAST(" + t.column(unit) + " AS VARCHAR), min(CAST(" + t.column(unitName) + " AS VARCHAR)), "
                + "max(CAST(" + t.column(unitName) + " AS VARCHAR)) FROM input GROUP BY 1 ORDER BY 1";
        Map<String, String> names = new LinkedHashMap<>();
        try (Statement st = t.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (!rs.getString(2).equals(rs.getString(3))) {
                    throw new IllegalArgumentException("file " + t.file() + ", column " + unitName + ": unit " + rs.getString(1)
                            + " has more than one name ('" + rs.getString(2) + "', '" + rs.getString(3) + "')");
                }
                names.put(rs.getString(1), rs.getString(2));
            }
        }
        return names;
    }

    private void writeUnits(List<IndirectResult> adjusted, EmpiricalBayes.Result eb) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < adjusted.size(); i++) {
            IndirectResult a = adjusted.get(i);
            double crude = a.numerator() / a.denominator();
            List<Object> row = new ArrayList<>(List.of(a.unit(), a.numerator(), a.denominator(),
                    survival ? 1 - crude : crude, a.expected(), a.oE(), a.oELow(), a.oEHigh(), a.adjustedValue(),
                    a.adjustedLow(), a.adjustedHigh()));
            if (eb != null) {
                SmoothedRate s = eb.units().get(i);
                row.add(s.reliability());
                row.add(survival ? 1 - s.smoothed() : s.smoothed());
                row.add(s.smoothedSe());
            } else {
                row.add(null);
                row.add(null);
                row.add(null);
            }
            rows.add(row);
        }
        CsvOut.write(out.resolve("units.csv"), List.of("unit", "numerator", "denominator", "value", "expected",
                "o_e", "o_e_low", "o_e_high", "adjusted_value", "adjusted_low", "adjusted_high", "reliability",
                "smoothed_value", "smoothed_se"), rows);
    }

    private void writeDiagnostics(LogisticModel model, List<Covariate> covs, double national,
                                  List<UnitExpected> units, EmpiricalBayes.Result eb) {
        ModelDiagnostics d = model.diagnostics();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", input.toString());
        j.put("outcome", outcome);
        j.put("unit", unit);
        List<Map<String, Object>> cv = new ArrayList<>();
        for (Covariate c : covs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.categorical() ? "categorical" : "numeric");
            if (c.categorical()) {
                m.put("reference", c.reference());
                m.put("levels", c.levels());
            }
            cv.add(m);
        }
        j.put("covariates", cv);
        j.put("model", "logit P(" + outcome + " = 1) = " + String.join(" + ", model.names()));
        j.put("cases", d.cases());
        j.put("patterns", d.patterns());
        j.put("units", units.size());
        j.put("estimation", d.estimation());
        j.put("iterations", d.iterations());
        j.put("deviance", d.deviance());
        j.put("null_deviance", d.nullDeviance());
        j.put("aic", d.aic());
        j.put("c_statistic", d.cStatistic());
        j.put("hosmer_lemeshow", d.hosmerLemeshow());
        j.put("hosmer_lemeshow_df", d.hosmerLemeshowDf());
        j.put("hosmer_lemeshow_p", FunnelCommand.finite(d.hosmerLemeshowP()));
        j.put("observed_total", d.observedTotal());
        j.put("expected_total", d.expectedTotal());
        j.put("self_check_observed_minus_expected", IndirectStandardisation.selfCheck(units));
        j.put("national_rate", national);
        j.put("interval_level", level);
        j.put("survival", survival);
        j.put("signal_variance", eb == null ? null : eb.signalVariance());
        j.put("coefficients", d.coefficients());
        j.put("calibration", d.calibration());
        FunnelCommand.writeJson(j, out.resolve("diagnostics.json"));
    }
}
