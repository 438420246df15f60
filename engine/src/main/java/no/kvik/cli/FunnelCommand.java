package no.kvik.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.report.AnalysisFiles;
import no.kvik.report.chart.Charts;
import no.kvik.variation.Direction;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Limits;
import no.kvik.variation.NotComputable;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.Trim;
import no.kvik.variation.UnitCount;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Funnel-plot limits, z-scores, over-dispersion and flags for any aggregated table (CSV or Parquet). */
@Command(name = "funnel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Funnel-plot analysis of an aggregated table: one row per unit (rows with the same unit "
                + "are summed). Writes per unit the z-scores, every limit, the five-level flag, its p-value and the FDR "
                + "flag; φ and τ² go to the JSON audit file.",
                "Engine mode: --store STORE --indicator ID --level LEVEL [--range R] [--period P] runs the indicator "
                + "with its analysis, exactly as kvik run, the notebook and a release do (risk-adjusted O/E when it "
                + "has a risk model; centred on the national value), and writes that level's funnel; suppressed "
                + "units are left out of the output (they still enter φ and τ²). A funnel without any published "
                + "unit says why (and which pooled window of years has reportable units).",
                "Exit codes: 0 ok, 1 bad data in the input, 2 usage error."})
final class FunnelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "CSV or Parquet file (.parquet) with one row per unit.")
    Path input;

    @Option(names = "--unit", paramLabel = "COL", description = "Column naming the unit (with --input).")
    String unit;

    @Option(names = "--numerator", paramLabel = "COL", description = "Column with the observed count O (with --input).")
    String numerator;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Denominator denominator;

    @Option(names = "--store", paramLabel = "STORE", description = "Engine mode: the store folder (instead of --input).")
    Path store;

    @Option(names = "--indicator", paramLabel = "ID", description = "Engine mode: the indicator.")
    String indicator;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Engine mode: the reporting level, e.g. hospital.")
    String level;

    @Option(names = "--period", paramLabel = "P", description = "Engine mode: the funnel's period, e.g. 2024 or a pooled "
            + "window 2022-2024 (default: the latest period of the indicator's frequency).")
    String period;

    @Option(names = "--range", paramLabel = "R", description = "Engine mode: the range the indicator is run over, as "
            + "kvik run --period: 2024 or 2021-2024 (default: every year in the store, as kvik run). The risk model "
            + "is fitted and the trend windows drawn over this range.")
    String range;

    static final class Denominator {
        @Option(names = "--denominator", paramLabel = "COL", required = true,
                description = "Column with the denominator n (proportions, rates).")
        String column;

        @Option(names = "--expected", paramLabel = "COL", required = true, description = "Column with the expected count E (ratios O/E).")
        String expected;
    }

    @Option(names = "--kind", paramLabel = "KIND", description = "proportion, ratio or rate (default: ratio with --expected, else "
            + "proportion).")
    String kind;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "exact", description = "normal, exact (flags from exact "
            + "binomial/Poisson tail probabilities, mid-p unless --exact-tails; lines where those tails cross the level), "
            + "arcsine, chisq, shmi, cqc or rc (FunnelPlotR ratio of counts, --kind rate) (default: ${DEFAULT-VALUE}). "
            + "Every method flags a unit at level L exactly when its p_value < 1 − L, and draws its lines at that "
            + "boundary (exceptions: statistics.md, Drawn limits = flags).")
    String method;

    @Option(names = "--exact-tails", description = "With --method exact: plain exact tails P(X ≥ O) instead of mid-p "
            + "P(X > O) + ½P(X = O) (conservative for small units).")
    boolean exactTails;

    @Option(names = "--overdispersion", paramLabel = "MODEL", description = "none, multiplicative or additive "
            + "(default: none with --input, additive in engine mode as in kvik run).")
    String overdispersion;

    @Option(names = "--trim", paramLabel = "RULE", description = "winsor, truncate or phs (Public Health Scotland: only the "
            + "single largest and smallest z are replaced by their neighbours) (default: truncate for shmi, else winsor).")
    String trim;

    @Option(names = "--trim-fraction", paramLabel = "Q", defaultValue = "0.1", description = "Fraction trimmed at each end before φ "
            + "(default: ${DEFAULT-VALUE}).")
    double trimFraction;

    @Option(names = "--levels", paramLabel = "P", split = ",", defaultValue = "0.95,0.998",
            description = "Control-limit levels; the narrowest and widest make the five-level flag "
                    + "(default: ${DEFAULT-VALUE}).")
    double[] levels;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "none", description = "higher, lower (is better) or none: which "
            + "side is an alarm (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--target", paramLabel = "T", description = "Target θ0 (default ΣO/Σn; 1 for ratios).")
    Double target;

    @Option(names = "--fdr", paramLabel = "Q", defaultValue = "0.05", description = "False-discovery rate for the Benjamini–Hochberg "
            + "flag (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output CSV of per-unit results.")
    Path out;

    @Option(names = "--audit", paramLabel = "FILE", description = "Output JSON with φ, τ², target and options (default: --out with "
            + ".json).")
    Path audit;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw the funnel plot: .svg or .png.")
    Path chart;

    @Override
    public Integer call() throws Exception {
        if (chart != null) Charts.checkChartFile(chart);
        if (store != null) return fromStore();
        if (input == null || unit == null || numerator == null || denominator == null) {
            throw new IllegalArgumentException("give --input with --unit, --numerator and --denominator or --expected, "
                    + "or --store with --indicator and --level");
        }
        if (indicator != null || level != null || period != null || range != null) {
            throw new IllegalArgumentException("--indicator, --level, --period and --range belong to engine mode (--store)");
        }
        FunnelOptions options = options();
        List<UnitCount> counts = read(options.kind());
        FunnelResult result = Funnel.compute(counts, options);
        writeCsv(result);
        Path auditFile = audit != null ? audit : sibling(out, ".json");
        writeAudit(result, auditFile, Map.of());
        if (chart != null) {
            Charts.writeFunnel(result, "Funnel plot: " + input.getFileName(), chart);
        }
        long alarms = result.units().stream().filter(FunnelUnit::alarm).count();
        // "outside the limits" counts flags: the drawn limits are the flags' boundary (statistics.md), so the two agree
        spec.commandLine().getOut().printf(Locale.ROOT, "%d units, %d not computable; target %.6g; %s; "
                        + "%d outside the %s%% limits%s%n", result.units().size(), result.notComputable().size(),
                result.target(), dispersionText(options.overdispersion(), result.phi(), result.tau2()),
                result.units().stream().filter(u -> u.funnelFlag() != no.kvik.variation.FunnelFlag.AS_EXPECTED)
                        .count(), CsvOut.percent(result.levels()[0]),
                options.direction() == Direction.NONE ? "" : ", " + alarms + " alarms");
        spec.commandLine().getOut().println("wrote " + out + " and " + auditFile);
        return ExitCodes.OK;
    }

    FunnelOptions options() {
        IndicatorKind k = kind != null ? parse(IndicatorKind.class, kind, "--kind")
                : denominator.expected != null ? IndicatorKind.RATIO : IndicatorKind.PROPORTION;
        if (k == IndicatorKind.RATIO && denominator.expected == null) {
            throw new IllegalArgumentException("--kind ratio needs --expected");
        }
        if (k != IndicatorKind.RATIO && denominator.expected != null) {
            throw new IllegalArgumentException("--expected is for --kind ratio; use --denominator for " + kind);
        }
        LimitMethod m = parse(LimitMethod.class, method, "--method");
        Trim t = trim != null ? parse(Trim.class, trim, "--trim") : m == LimitMethod.SHMI ? Trim.TRUNCATE : Trim.WINSOR;
        Direction d = switch (direction.toLowerCase(Locale.ROOT)) {
            case "higher" -> Direction.HIGHER_IS_BETTER;
            case "lower" -> Direction.LOWER_IS_BETTER;
            case "none" -> Direction.NONE;
            default -> throw new IllegalArgumentException("--direction must be higher, lower or none, got "
                    + direction);
        };
        return new FunnelOptions(k, m, parse(Overdispersion.class, overdispersion == null ? "none" : overdispersion,
                "--overdispersion"), t,
                trimFraction, levels, d, target, fdr, !exactTails);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " must be one of " + allowed + ", got " + value);
        }
    }

    private List<UnitCount> read(IndicatorKind kind) {
        String den = denominator.expected != null ? denominator.expected : denominator.column;
        try (TableInput t = TableInput.open(input)) {
            t.requireNotNull(unit);
            t.requireNumeric(numerator);
            t.requireNumeric(den);
            t.requireNonNegative(numerator);
            t.requireNonNegative(den);
            if (kind == IndicatorKind.PROPORTION) {
                t.requireAtMost(numerator, den);
            }
            String sql = "SELECT CAST(" + t.column(unit) + " AS VARCHAR) AS u, SUM(CAST(" + t.column(numerator)
                    + " AS DOUBLE)), SUM(CAST(" + t.column(den) + " AS DOUBLE)), MIN(__row) AS first_row FROM input "
                    + "GROUP BY u ORDER BY first_row";
            List<UnitCount> counts = new ArrayList<>();
            try (Statement s = t.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    counts.add(new UnitCount(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
            }
            if (counts.isEmpty()) {
                throw new InputDataException("file " + input + ": no rows");
            }
            return counts;
        }
    }

    private void writeCsv(FunnelResult r) {
        boolean ratio = r.options().kind() == IndicatorKind.RATIO;
        List<String> header = new ArrayList<>(List.of("unit", "numerator", ratio ? "expected" : "denominator",
                "value", "target", "z_unadjusted", "z_adjusted", "z", "kept_for_dispersion"));
        for (double l : r.levels()) {
            header.add("lower_" + CsvOut.percent(l));
            header.add("upper_" + CsvOut.percent(l));
        }
        for (double l : r.levels()) {
            header.add("unadjusted_lower_" + CsvOut.percent(l));
            header.add("unadjusted_upper_" + CsvOut.percent(l));
        }
        header.addAll(List.of("funnel_flag", "alarm", "p_value", "fdr_q", "fdr_flag", "not_computable"));
        List<List<Object>> rows = new ArrayList<>();
        for (FunnelUnit u : r.units()) {
            List<Object> row = new ArrayList<>(List.of(u.unit(), u.numerator(), u.denominator(), u.value(),
                    r.target(), u.z(), u.zAdjusted(), u.zEquivalent(), u.keptForDispersion()));
            for (Limits l : u.limits()) {
                row.add(l.lower());
                row.add(l.upper());
            }
            for (Limits l : u.unadjustedLimits()) {
                row.add(l.lower());
                row.add(l.upper());
            }
            row.addAll(List.of(u.funnelFlag().code(), u.alarm(), u.pValue(), u.fdrQ(), u.fdrFlag(), ""));
            rows.add(row);
        }
        for (NotComputable n : r.notComputable()) {
            List<Object> row = new ArrayList<>();
            row.add(n.unit());
            while (row.size() < header.size() - 1) {
                row.add(null);
            }
            row.add(n.reason());
            rows.add(row);
        }
        CsvOut.write(out, header, rows);
    }

    private void writeAudit(FunnelResult r, Path file, Map<String, Object> engine) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("input", input != null ? input.toString()
                : "store " + store + ", indicator " + indicator + ", level " + level + ", period " + period
                + ", range " + (range == null ? "every year in the store" : range));
        a.put("kind", r.options().kind().name().toLowerCase(Locale.ROOT));
        a.put("method", r.options().method().name().toLowerCase(Locale.ROOT));
        a.put("overdispersion", r.options().overdispersion().name().toLowerCase(Locale.ROOT));
        a.put("trim", r.options().trim().name().toLowerCase(Locale.ROOT));
        a.put("trim_fraction", r.options().trimFraction());
        a.put("tails", r.options().midP() ? "mid-p" : "exact");
        a.put("levels", r.levels());
        a.put("direction", r.options().direction().name().toLowerCase(Locale.ROOT));
        a.put("fdr_level", r.options().fdrLevel());
        a.put("target", finite(r.target()));
        a.put("phi", finite(r.phi()));
        a.put("tau2", finite(r.tau2()));
        a.put("adjustment_applied", r.model().adjusted());
        a.put("units", r.units().size());
        a.put("units_in_dispersion", r.unitsInDispersion());
        List<Map<String, String>> nc = new ArrayList<>();
        for (NotComputable n : r.notComputable()) {
            nc.add(Map.of("unit", n.unit(), "reason", n.reason()));
        }
        a.put("not_computable", nc);
        a.putAll(engine);
        writeJson(a, file);
    }

    /** Engine mode: the indicator's analysis, then the funnel of one level and period. */
    private Integer fromStore() throws Exception {
        if (input != null || unit != null || numerator != null || denominator != null || kind != null || target != null
                || trim != null || exactTails) {
            throw new IllegalArgumentException("--input, --unit, --numerator, --denominator, --expected, --kind, --target, "
                    + "--trim and --exact-tails belong to table mode; engine mode takes them from the indicator");
        }
        if (indicator == null || level == null) throw new IllegalArgumentException("--store needs --indicator and --level");
        no.kvik.config.KvikHome home = no.kvik.config.KvikHome.locate();
        no.kvik.catalog.Catalogue catalogue = no.kvik.catalog.Catalogue.load(home.indicators(),
                no.kvik.contract.Contracts.load(home.contracts()));
        no.kvik.catalog.Indicator ind = catalogue.get(indicator);
        no.kvik.catalog.Level lvl = no.kvik.catalog.Level.of(level);
        if (!ind.meta().levels().contains(lvl) || lvl == no.kvik.catalog.Level.NATION) {
            throw new IllegalArgumentException("--level " + level + ": " + indicator + " reports "
                    + ind.meta().levels() + " (the nation has no funnel)");
        }
        no.kvik.analysis.AnalysisOptions options = no.kvik.analysis.AnalysisOptions.defaults()
                .withMethod(parse(LimitMethod.class, method, "--method"));
        if (overdispersion != null) options = options.withOverdispersion(parse(Overdispersion.class, overdispersion, "--overdispersion"));
        if (levels.length != 2) throw new IllegalArgumentException("engine mode takes two --levels (inner, outer)");
        double[] lv = levels.clone();
        java.util.Arrays.sort(lv);
        options = new no.kvik.analysis.AnalysisOptions(options.method(), options.overdispersion(), lv[0], lv[1], fdr,
                options.trendYears(), options.trendAlpha(), options.referencePeriod());
        // the same request as kvik run --period RANGE: the funnel of a period is the same on every surface
        no.kvik.engine.RunRequest request = RunCommand.request(range, null, 0);
        no.kvik.analysis.AnalysedIndicator analysed;
        try (java.sql.Connection connection = RunCommand.openStore(store, home)) {
            analysed = new no.kvik.analysis.Analysis(connection).run(ind, request, options);
        }
        List<no.kvik.analysis.FunnelSummary> of = analysed.funnels().stream().filter(f -> f.level().equals(lvl.code())).toList();
        no.kvik.analysis.FunnelSummary chosen = null;
        for (no.kvik.analysis.FunnelSummary f : of) {
            if (period != null ? f.periodLabel().equals(period) : !f.periodLabel().matches("\\d{4}-\\d{4}")) chosen = f;
        }
        if (chosen == null) {
            throw new IllegalArgumentException(indicator + " has no " + lvl.code() + " funnel for period "
                    + (period == null ? "(latest)" : period) + "; periods: "
                    + of.stream().map(no.kvik.analysis.FunnelSummary::periodLabel).distinct().toList());
        }
        if (chosen.funnel() == null) {
            throw new InputDataException(indicator + " " + lvl.code() + " " + chosen.periodLabel() + ": no funnel can be computed: "
                    + chosen.emptyReason());
        }
        period = chosen.periodLabel();
        List<NotComputable> nc = chosen.notComputable();
        FunnelResult shown = new FunnelResult(chosen.funnel().options(), chosen.funnel().model(), chosen.funnel().levels(),
                chosen.funnel().units(), nc, chosen.funnel().unitsInDispersion());
        writeCsv(shown);
        Path auditFile = audit != null ? audit : sibling(out, ".json");
        Map<String, Object> engineValues = new LinkedHashMap<>();
        engineValues.put("centre", chosen.centre());
        engineValues.put("units_in_funnel", chosen.unitsUsed());
        engineValues.put("empty_reason", chosen.emptyReason());
        writeAudit(shown, auditFile, engineValues);
        String title = ind.meta().name().en() + " — " + lvl.code() + " " + chosen.periodLabel();
        if (chart != null && shown.units().isEmpty()) {
            Charts.writeNotice(title, "No funnel plot: " + chosen.emptyReason() + ".", chart);
        } else if (chart != null) {
            // names on the chart, ids in the CSV (the audit trail keys on ids)
            Charts.writeFunnel(Charts.withUnitNames(shown, AnalysisFiles.unitNames(analysed, chosen)),
                    title, chosen.centre(), chart);
        }
        if (shown.units().isEmpty()) {
            spec.commandLine().getOut().println(indicator + " " + lvl.code() + " " + chosen.periodLabel()
                    + ": no published unit: " + chosen.emptyReason());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s %s: %s, %d units published (%d in the funnel), %d not "
                        + "computable; target %.6g (%s); %s%s%n", indicator, lvl.code(), chosen.periodLabel(),
                chosen.kind().name().toLowerCase(Locale.ROOT), shown.units().size(), chosen.unitsUsed(), nc.size(),
                chosen.target(), chosen.centre(),
                dispersionText(shown.options().overdispersion(), chosen.phi(), chosen.tau2()),
                chosen.note().isEmpty() ? "" : " (" + chosen.note() + ")");
        spec.commandLine().getOut().println("wrote " + out + " and " + auditFile);
        return ExitCodes.OK;
    }

    /** Summary text of the over-dispersion in use: an estimate the limits do not use is labelled so. */
    static String dispersionText(no.kvik.variation.Overdispersion od, double phi, double tau2) {
        return switch (od) {
            case NONE -> "over-dispersion not used";
            case MULTIPLICATIVE -> String.format(Locale.ROOT, "phi %.6g (tau2 not used)", phi);
            case ADDITIVE -> String.format(Locale.ROOT, "phi %.6g, tau2 %.6g", phi, tau2);
        };
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static void writeJson(Object value, Path file) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
