package no.kvik.analysis;

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
import no.kvik.engine.IndicatorResult;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.variation.IndicatorKind;

/**
 * Files of an analysed indicator: funnel and caterpillar charts (SVG and PNG) per level for the latest
 * periods, and the model's coefficients and diagnostics as JSON. Only published (unsuppressed) units are drawn.
 */
public final class AnalysisFiles {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AnalysisFiles() {
    }

    /**
     * Writes {@code dir/<id>/<level>_<period>_funnel.{svg,png}} and {@code …_caterpillar.{svg,png}} for each
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
            if (f.funnel() == null || f.funnel().units().isEmpty()) continue;
            List<IndicatorResult> rows = a.results().stream().filter(r -> r.level().equals(f.level())
                    && r.periodLabel().equals(f.periodLabel()) && r.suppressed() == null).toList();
            if (rows.isEmpty() || !rows.get(0).periodEnd().equals(lastEnd)) continue;
            String base = f.level() + "_" + f.periodLabel();
            String title = name + " — " + f.level() + " " + f.periodLabel()
                    + (f.kind() == IndicatorKind.RATIO ? " (risk-adjusted O/E)" : "");
            for (String ext : List.of("svg", "png")) {
                Path funnel = folder.resolve(base + "_funnel." + ext);
                Charts.writeFunnel(f.funnel(), title, funnel);
                written.add(funnel);
            }
            List<CaterpillarItem> items = new ArrayList<>();
            boolean ratio = f.kind() == IndicatorKind.RATIO;
            for (IndicatorResult r : rows) {
                Double v = ratio ? r.oE() : r.value();
                Double lo = ratio ? r.oELow() : r.ciLow();
                Double hi = ratio ? r.oEHigh() : r.ciHigh();
                if (v != null && lo != null && hi != null) items.add(new CaterpillarItem(r.unitName() == null ? r.unitId()
                        : r.unitName(), v, lo, hi));
            }
            if (items.isEmpty()) continue;
            double multiplier = !ratio && a.indicator().meta().measure().per() != null ? a.indicator().meta().measure().per() : 1;
            for (String ext : List.of("svg", "png")) {
                Path cat = folder.resolve(base + "_caterpillar." + ext);
                Charts.writeCaterpillar(items, f.target() * multiplier, title, ratio ? "O/E" : "value", cat);
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
}
