package no.kvik.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.FunnelSummary;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Periods;
import no.kvik.engine.ResultSchema;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.NotComputable;

/**
 * Files of an analysed indicator: funnel data (JSON) and funnel and caterpillar charts (SVG and PNG) per level
 * for the latest periods, and the model's coefficients and diagnostics as JSON. Only published (unsuppressed)
 * units are drawn; a funnel without any gets a notice saying why in place of its plot.
 */
public final class AnalysisFiles {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AnalysisFiles() {
    }

    /**
     * Writes {@code dir/<id>/<level>_<period>_funnel.{json,svg,png}} and {@code …_caterpillar.{svg,png}} for each
     * level's funnels of the periods that end last (the latest year and the latest pooled window), and
     * {@code dir/<id>/model.json} when there is a risk model: the metadata's riskModel, {@code estimation}
     * (maximum_likelihood, firth with its reason, or none when the model could not be fitted and the indicator
     * is reported crude), the notes on merged levels, left-out covariates and a Firth fit, and {@link no.kvik.risk.ModelDiagnostics} (coefficient table with SE, z, p and odds
     * ratio with its 95 % Wald interval; deviance, c-statistic, Hosmer–Lemeshow, calibration). Returns the files
     * written.
     */
    public static List<Path> write(AnalysedIndicator a, Path dir) throws IOException {
        String id = a.indicator().meta().id();
        Path folder = dir.resolve(id);
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        LocalDate lastEnd = a.results().stream().map(IndicatorResult::periodEnd).max(Comparator.naturalOrder()).orElse(null);
        String name = a.indicator().meta().name() == null ? id : a.indicator().meta().name().en();
        for (FunnelSummary f : a.funnels()) {
            if (!Periods.parse(f.periodLabel()).end().equals(lastEnd)) continue;
            String base = f.level() + "_" + f.periodLabel();
            String title = name + " — " + f.level() + " " + f.periodLabel()
                    + (f.kind() == IndicatorKind.RATIO ? " (risk-adjusted O/E)" : "");
            Path data = folder.resolve(base + "_funnel.json");
            JSON.writeValue(data.toFile(), funnelData(a, f));
            written.add(data);
            for (String ext : List.of("svg", "png")) {
                Path funnel = folder.resolve(base + "_funnel." + ext);
                if (f.unitsPublished() > 0) {
                    Charts.writeFunnel(Charts.withUnitNames(f.funnel(), unitNames(a, f)), title, f.centre(), funnel);
                } else {
                    // no empty plot: the reader is told why there is no point, and where the units are reported
                    Charts.writeNotice(title, "No funnel plot: " + f.emptyReason() + ".", funnel);
                }
                written.add(funnel);
            }
            List<CaterpillarItem> items = caterpillarItems(a, f);
            if (items.isEmpty()) continue;
            boolean ratio = f.kind() == IndicatorKind.RATIO;
            for (String ext : List.of("svg", "png")) {
                Path cat = folder.resolve(base + "_caterpillar." + ext);
                Charts.writeCaterpillar(items, f.target() * valueMultiplier(a, f), title, ratio ? "O/E" : "value", cat);
                written.add(cat);
            }
        }
        if (a.model() != null || a.crudeReason() != null) {
            Path model = folder.resolve("model.json");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("indicator", id);
            doc.put("riskModel", a.indicator().meta().riskModel());
            // maximum_likelihood, firth (with the reason and the intercept shift) or none (reported crude)
            doc.put("estimation", a.model() != null ? a.model().estimation()
                    : new no.kvik.risk.Estimation("none", a.crudeReason(), 0));
            doc.put("notes", a.modelNotes());
            doc.put("diagnostics", a.model());
            JSON.writeValue(model.toFile(), doc);
            written.add(model);
        }
        return written;
    }

    /** Unit id → unit name of a funnel's level and period, so charts name units rather than show their ids. */
    public static Map<String, String> unitNames(AnalysedIndicator a, FunnelSummary f) {
        return unitNames(a.results(), f);
    }

    /** Unit id → unit name among {@code rows} for a funnel's level and period. */
    public static Map<String, String> unitNames(List<IndicatorResult> rows, FunnelSummary f) {
        Map<String, String> names = new java.util.HashMap<>();
        for (IndicatorResult r : rows) {
            if (r.level().equals(f.level()) && r.periodLabel().equals(f.periodLabel()) && r.unitName() != null) {
                names.put(r.unitId(), r.unitName());
            }
        }
        return names;
    }

    /** Published units of a funnel's level and period with their interval (O/E for risk-adjusted funnels). */
    public static List<CaterpillarItem> caterpillarItems(AnalysedIndicator a, FunnelSummary f) {
        List<CaterpillarItem> items = new ArrayList<>();
        boolean ratio = f.kind() == IndicatorKind.RATIO;
        for (IndicatorResult r : a.results()) {
            if (!r.level().equals(f.level()) || !r.periodLabel().equals(f.periodLabel()) || r.suppressed() != null
                    || ResultSchema.UNKNOWN_UNIT.equals(r.unitId())) continue;
            Double v = ratio ? r.oE() : r.value();
            Double lo = ratio ? r.oELow() : r.ciLow();
            Double hi = ratio ? r.oEHigh() : r.ciHigh();
            if (v != null && lo != null && hi != null) {
                items.add(new CaterpillarItem(r.unitName() == null ? r.unitId() : r.unitName(), v, lo, hi));
            }
        }
        return items;
    }

    /** The factor from a funnel's target (per denominator unit) to the value column's scale (e.g. per 1000). */
    public static double valueMultiplier(AnalysedIndicator a, FunnelSummary f) {
        return f.kind() != IndicatorKind.RATIO && a.indicator().meta().measure().per() != null
                ? a.indicator().meta().measure().per() : 1;
    }

    /**
     * A funnel's numbers as {@code kvik funnel} and the notebook show them: target and its centre label, φ, τ²,
     * method, over-dispersion, and per published unit the counts, z, limits and flags; the reason when no unit
     * is published.
     */
    static Map<String, Object> funnelData(AnalysedIndicator a, FunnelSummary f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("indicator", a.indicator().meta().id());
        doc.put("level", f.level());
        doc.put("period", f.periodLabel());
        doc.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("method", f.method().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("overdispersion", f.overdispersion().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("target", finite(f.target()));
        doc.put("centre", f.centre());
        doc.put("phi", finite(f.phi()));
        doc.put("tau2", finite(f.tau2()));
        doc.put("units_in_funnel", f.unitsUsed());
        doc.put("units_published", f.unitsPublished());
        doc.put("note", f.note());
        doc.put("empty_reason", f.emptyReason());
        List<Map<String, Object>> units = new ArrayList<>();
        if (f.funnel() != null) {
            for (FunnelUnit u : f.funnel().units()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("unit", u.unit());
                m.put("numerator", u.numerator());
                m.put("denominator", u.denominator());
                m.put("value", finite(u.value()));
                // z as in the result rows: the normal equivalent of the p the flag follows (statistics.md, "Flags
                // and p-values"); the z-scores on the method's scale before and after over-dispersion beside it
                m.put("z", finite(u.zEquivalent()));
                m.put("p_value", finite(u.pValue()));
                m.put("z_unadjusted", finite(u.z()));
                m.put("z_adjusted", finite(u.zAdjusted()));
                double[] levels = f.funnel().levels();
                for (int k = 0; k < levels.length; k++) {
                    String pct = java.math.BigDecimal.valueOf(levels[k]).movePointRight(2).stripTrailingZeros().toPlainString();
                    m.put("lower_" + pct, finite(u.limits().get(k).lower()));
                    m.put("upper_" + pct, finite(u.limits().get(k).upper()));
                }
                m.put("funnel_flag", u.funnelFlag().code());
                m.put("fdr_q", finite(u.fdrQ()));
                m.put("fdr_flag", u.fdrFlag());
                units.add(m);
            }
        }
        doc.put("units", units);
        List<Map<String, String>> nc = new ArrayList<>();
        for (NotComputable n : f.notComputable()) nc.add(notComputableEntry(n));
        doc.put("not_computable", nc);
        return doc;
    }

    /**
     * A unit left out of the funnel, keys in a fixed order: Map.of's iteration order changes from one JVM to the next,
     * which made the funnel files differ between two runs of the same data.
     */
    static Map<String, String> notComputableEntry(NotComputable n) {
        Map<String, String> entry = new java.util.LinkedHashMap<>();
        entry.put("unit", n.unit());
        entry.put("reason", n.reason());
        return entry;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
