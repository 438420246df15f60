package no.kvik.report.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;

/**
 * The charts as interactive Vega-Lite 5 specs (JupyterLab renders {@code application/vnd.vegalite.v5+json}):
 * the same layout numbers as the SVG and PNG (axes, limit curves, colours, labels), plus hover tooltips, zoom
 * and pan (an interval selection bound to the scales) and click-to-filter (a point selection on the flag, bound
 * to the legend: clicking a legend entry or a point fades the other flags).
 */
final class VegaLite {
    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VegaLite() {
    }

    static String funnel(FunnelResult r, String title, String centre) {
        FunnelChart.Layout l = FunnelChart.layout(r, centre);
        IndicatorKind kind = r.options().kind();
        String format = ValueFormat.d3(kind);
        List<String> subtitle = new java.util.ArrayList<>(List.of(l.centreText()));
        subtitle.addAll(NoticeChart.wrapToWidth(l.caption(), 11, FunnelChart.WIDTH - FunnelChart.LEFT - FunnelChart.RIGHT));
        // the plot area of the SVG, so the label places computed there stay free of collisions here
        ObjectNode spec = base(title, subtitle, (int) (FunnelChart.WIDTH - FunnelChart.LEFT - FunnelChart.RIGHT),
                (int) (FunnelChart.HEIGHT - FunnelChart.TOP - FunnelChart.BOTTOM));
        ObjectNode x = field("n", l.xLabel());
        x.putObject("scale").put("type", l.x().log() ? "log" : "linear").putArray("domain").add(l.x().min()).add(l.x().max());
        ObjectNode yLimit = field("limit", l.yLabel());
        scaleDomain(yLimit, l);
        yLimit.putObject("axis").put("format", kind == IndicatorKind.PROPORTION ? ".0%" : "~g");
        ArrayNode layers = spec.putArray("layer");

        ArrayNode curves = F.arrayNode();
        double[] levels = r.levels();
        for (FunnelChart.Curve c : l.curves()) {
            String levelName = Axis.label(c.level() * 100) + " % limits";
            for (int i = 0; i < l.rho().length; i++) {
                if (!Double.isFinite(c.values()[i])) continue;
                curves.addObject().put("n", l.rho()[i]).put("limit", c.values()[i]).put("limits", levelName)
                        .put("curve", levelName + (c.upper() ? " upper" : " lower"));
            }
        }
        ObjectNode limitLayer = layers.addObject();
        limitLayer.putObject("data").set("values", curves);
        limitLayer.putObject("mark").put("type", "line").put("strokeWidth", 1.4).put("clip", true);
        ObjectNode le = limitLayer.putObject("encoding");
        le.set("x", x.deepCopy());
        le.set("y", yLimit);
        le.putObject("detail").put("field", "curve").put("type", "nominal");
        ObjectNode stroke = le.putObject("stroke").put("field", "limits").put("type", "nominal").put("title", "limits");
        ObjectNode strokeScale = stroke.putObject("scale");
        ArrayNode dom = strokeScale.putArray("domain");
        ArrayNode range = strokeScale.putArray("range");
        ArrayNode dash = F.arrayNode();
        for (int k = 0; k < levels.length; k++) {
            dom.add(Axis.label(levels[k] * 100) + " % limits");
            range.add(FunnelChart.LEVEL_COLOURS[k % FunnelChart.LEVEL_COLOURS.length]);
            dash.add(k == 0 ? F.arrayNode().add(6).add(4) : F.arrayNode().add(1).add(0));
        }
        ObjectNode strokeDash = le.putObject("strokeDash").put("field", "limits").put("type", "nominal").put("title", "limits");
        strokeDash.putObject("scale").<ObjectNode>set("domain", dom.deepCopy()).set("range", dash);

        ObjectNode centreLayer = layers.addObject();
        centreLayer.putObject("data").putArray("values").addObject();   // one datum: a layer without data draws nothing
        centreLayer.putObject("mark").put("type", "rule").put("color", "#000000").put("strokeWidth", 1.2);
        ObjectNode ce = centreLayer.putObject("encoding");
        ce.putObject("y").put("datum", r.target());
        ce.putObject("tooltip").put("value", l.centreText());

        ArrayNode units = F.arrayNode();
        for (FunnelChart.Point p : l.points()) {
            FunnelUnit u = p.unit();
            ObjectNode o = units.addObject().put("unit", u.unit()).put("numerator", u.numerator()).put("n", u.denominator())
                    .put("value", u.value()).put("flag", p.flagLabel()).put("funnel_flag", u.funnelFlag().code())
                    .put("labelled", p.label() != null);
            if (p.label() != null) {
                // the label's place from the SVG layout, in data coordinates
                o.put("label_n", invert(l.x(), p.label()[0])).put("label_value", invert(l.y(), p.label()[1]));
            }
            for (int k = 0; k < levels.length && k < u.limits().size(); k++) {
                String pct = Axis.label(levels[k] * 100);
                putFinite(o, "lower_" + pct, u.limits().get(k).lower());
                putFinite(o, "upper_" + pct, u.limits().get(k).upper());
            }
        }
        ObjectNode pointLayer = layers.addObject();
        pointLayer.putObject("data").set("values", units);
        ArrayNode params = pointLayer.putArray("params");
        params.addObject().put("name", "zoom").put("bind", "scales").putObject("select").put("type", "interval");
        ObjectNode pick = params.addObject().put("name", "pick").put("bind", "legend");
        pick.putObject("select").put("type", "point").put("on", "click").putArray("fields").add("flag");
        pointLayer.putObject("mark").put("type", "circle").put("size", 55).put("stroke", "#333333")
                .put("strokeWidth", 0.5).put("clip", true);
        ObjectNode pe = pointLayer.putObject("encoding");
        pe.set("x", x.deepCopy());
        ObjectNode yValue = field("value", l.yLabel());
        scaleDomain(yValue, l);
        pe.set("y", yValue);
        ObjectNode colour = pe.putObject("color").put("field", "flag").put("type", "nominal").put("title", "flag");
        ObjectNode colourScale = colour.putObject("scale");
        ArrayNode flags = colourScale.putArray("domain");
        ArrayNode colours = colourScale.putArray("range");
        String inner = Axis.label(levels[0] * 100) + " %";
        flags.add("within " + inner + " limits").add("outside " + inner + " limits").add("outside, alarm side");
        colours.add(FunnelChart.AS_EXPECTED_COLOUR).add(FunnelChart.OUTSIDE_COLOUR).add(FunnelChart.ALARM_COLOUR);
        ObjectNode opacity = pe.putObject("opacity");
        opacity.putObject("condition").put("param", "pick").put("value", 1);
        opacity.put("value", 0.12);
        ArrayNode tooltip = pe.putArray("tooltip");
        tooltip.addObject().put("field", "unit").put("type", "nominal").put("title", "unit");
        tooltip.addObject().put("field", "numerator").put("type", "quantitative").put("title", kind == IndicatorKind.RATIO ? "O" : "numerator").put("format", ",.6~g");
        tooltip.addObject().put("field", "n").put("type", "quantitative").put("title", kind == IndicatorKind.RATIO ? "E" : "n").put("format", ",.6~g");
        tooltip.addObject().put("field", "value").put("type", "quantitative").put("title", l.yLabel()).put("format", format);
        for (double level : levels) {
            String pct = Axis.label(level * 100);
            tooltip.addObject().put("field", "lower_" + pct).put("type", "quantitative").put("title", "lower " + pct + " %").put("format", format);
            tooltip.addObject().put("field", "upper_" + pct).put("type", "quantitative").put("title", "upper " + pct + " %").put("format", format);
        }
        tooltip.addObject().put("field", "funnel_flag").put("type", "nominal").put("title", "flag");

        ObjectNode labelLayer = layers.addObject();
        labelLayer.putObject("data").set("values", units.deepCopy());
        labelLayer.putArray("transform").addObject().put("filter", "datum.labelled");
        labelLayer.putObject("mark").put("type", "text").put("align", "left").put("baseline", "alphabetic")
                .put("fontSize", 10).put("color", "#333333").put("clip", true);
        ObjectNode te = labelLayer.putObject("encoding");
        te.set("x", x.deepCopy().put("field", "label_n"));
        te.set("y", yValue.deepCopy().put("field", "label_value"));
        te.putObject("text").put("field", "unit").put("type", "nominal");
        return write(spec);
    }

    static String caterpillar(List<CaterpillarItem> items, double reference, String title, String valueLabel) {
        ObjectNode spec = base(title, List.of("dashed line: reference " + ValueFormat.significant(reference, 4)),
                FunnelChart.WIDTH - 300, Math.max(200, 14 * items.size()));
        ArrayNode values = F.arrayNode();
        for (CaterpillarItem i : items.stream().sorted(Comparator.comparingDouble(CaterpillarItem::value)).toList()) {
            values.addObject().put("unit", i.unit()).put("value", i.value()).put("low", i.low()).put("high", i.high())
                    .put("position", i.low() > reference ? "above the reference" : i.high() < reference
                            ? "below the reference" : "overlaps the reference");
        }
        spec.putObject("data").set("values", values);
        ArrayNode layers = spec.putArray("layer");
        ObjectNode y = F.objectNode().put("field", "unit").put("type", "nominal").put("title", (String) null);
        y.putObject("sort").put("field", "value").put("order", "ascending");
        y.putObject("axis").put("labelLimit", 0);   // 0: never cut a unit name
        ObjectNode rule = layers.addObject();
        rule.putObject("mark").put("type", "rule").put("strokeWidth", 1.5);
        ObjectNode re = rule.putObject("encoding");
        re.set("y", y);
        re.set("x", field("low", valueLabel).put("type", "quantitative"));
        re.putObject("x2").put("field", "high");
        colourByPosition(re);
        ObjectNode point = layers.addObject();
        point.putArray("params").addObject().put("name", "pick").put("bind", "legend").putObject("select")
                .put("type", "point").put("on", "click").putArray("fields").add("position");
        point.putObject("mark").put("type", "circle").put("size", 40);
        ObjectNode pe = point.putObject("encoding");
        pe.set("y", y.deepCopy());
        pe.set("x", field("value", valueLabel));
        colourByPosition(pe);
        ObjectNode opacity = pe.putObject("opacity");
        opacity.putObject("condition").put("param", "pick").put("value", 1);
        opacity.put("value", 0.15);
        ArrayNode tooltip = pe.putArray("tooltip");
        for (String f : List.of("unit", "value", "low", "high", "position")) {
            ObjectNode t = tooltip.addObject().put("field", f).put("type", f.equals("unit") || f.equals("position") ? "nominal" : "quantitative");
            if (!t.get("type").asText().equals("nominal")) t.put("format", ".4~g");
        }
        ObjectNode ref = layers.addObject();
        // its own single datum: inheriting the units' data would draw the reference once per unit
        ref.putObject("data").putArray("values").addObject();
        ObjectNode refMark = ref.putObject("mark").put("type", "rule").put("color", "#000000");
        refMark.putArray("strokeDash").add(6).add(4);
        ref.putObject("encoding").putObject("x").put("datum", reference);
        return write(spec);
    }

    static String trend(List<TrendPoint> points, String title, String valueLabel) {
        ObjectNode spec = base(title, List.of(), TrendChart.WIDTH - 90, TrendChart.HEIGHT - 100);
        ArrayNode values = F.arrayNode();
        for (TrendPoint p : points) {
            ObjectNode o = values.addObject().put("period", p.period()).put("value", p.value());
            if (p.low() != null) o.put("low", p.low());
            if (p.high() != null) o.put("high", p.high());
        }
        spec.putObject("data").set("values", values);
        ArrayNode layers = spec.putArray("layer");
        ObjectNode x = F.objectNode().put("field", "period").put("type", "ordinal").put("title", "period");
        x.putObject("axis").put("labelAngle", 0);
        ObjectNode bars = layers.addObject();
        bars.putObject("mark").put("type", "rule").put("color", "#9ecae1").put("strokeWidth", 3);
        ObjectNode be = bars.putObject("encoding");
        be.set("x", x);
        be.set("y", field("low", valueLabel).put("type", "quantitative"));
        be.putObject("y2").put("field", "high");
        ObjectNode line = layers.addObject();
        line.putArray("params").addObject().put("name", "zoom").put("bind", "scales").putObject("select")
                .put("type", "interval").putArray("encodings").add("y");
        line.putObject("mark").put("type", "line").put("point", true).put("color", "#1f77b4");
        ObjectNode e = line.putObject("encoding");
        e.set("x", x.deepCopy());
        e.set("y", field("value", valueLabel));
        ArrayNode tooltip = e.putArray("tooltip");
        tooltip.addObject().put("field", "period").put("type", "ordinal");
        for (String f : List.of("value", "low", "high")) {
            tooltip.addObject().put("field", f).put("type", "quantitative").put("format", ".4~g");
        }
        return write(spec);
    }

    private static ObjectNode base(String title, List<String> subtitle, int width, int height) {
        ObjectNode spec = F.objectNode();
        spec.put("$schema", SCHEMA);
        ObjectNode t = spec.putObject("title").put("text", title).put("anchor", "start");
        if (!subtitle.isEmpty()) {
            ArrayNode s = t.putArray("subtitle");
            subtitle.forEach(s::add);
        }
        spec.put("width", width).put("height", height);
        spec.putObject("config").putObject("legend").put("orient", "top");
        return spec;
    }

    private static ObjectNode field(String name, String title) {
        return F.objectNode().put("field", name).put("type", "quantitative").put("title", title);
    }

    private static void scaleDomain(ObjectNode y, FunnelChart.Layout l) {
        y.putObject("scale").put("zero", false).putArray("domain").add(l.y().min()).add(l.y().max());
    }

    private static void colourByPosition(ObjectNode encoding) {
        ObjectNode c = encoding.putObject("color").put("field", "position").put("type", "nominal").put("title", (String) null);
        ObjectNode s = c.putObject("scale");
        s.putArray("domain").add("below the reference").add("overlaps the reference").add("above the reference");
        s.putArray("range").add("#d62728").add("#1f77b4").add("#d62728");
    }

    /** The data value at pixel {@code px} of an axis (the inverse of {@link Axis#px}). */
    static double invert(Axis a, double px) {
        double f = (px - a.pixelFrom()) / (a.pixelTo() - a.pixelFrom());
        return a.log() ? Math.pow(10, Math.log10(a.min()) + f * (Math.log10(a.max()) - Math.log10(a.min())))
                : a.min() + f * (a.max() - a.min());
    }

    private static void putFinite(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }

    private static String write(ObjectNode spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Vega-Lite spec: " + e.getMessage(), e);
        }
    }
}
