package no.kvik.report.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.kvik.variation.FunnelFlag;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.Limits;
import no.kvik.variation.Overdispersion;

/**
 * Funnel plot as FunnelPlotR and the NHS SHMI draw it: value against denominator (n, or E for ratios), the
 * centre line with its value, upper and lower limit curves per level (drawn from the result's model, so they are
 * the flagging limits), points coloured by flag with a legend, labels only for flagged units (the most extreme
 * first, placed where they overlap nothing; the others show on hover), a caption with method, φ and τ², and a
 * log x-axis when the unit sizes span two decades or more.
 */
final class FunnelChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 640;
    static final double LEFT = 80;
    static final double RIGHT = 30;
    static final double TOP = 64;
    static final double BOTTOM = 92;
    static final int CURVE_POINTS = 200;
    /** Unit sizes spanning this factor (two decades) or more get a log x-axis: else small units crush at zero. */
    static final double LOG_SPAN = 100;
    /** At most this many labels; beyond that the flagged units are named on hover only. */
    static final int MAX_LABELS = 15;
    static final String[] LEVEL_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    static final String AS_EXPECTED_COLOUR = "#9e9e9e";
    static final String OUTSIDE_COLOUR = "#ff7f0e";
    static final String ALARM_COLOUR = "#d62728";

    private FunnelChart() {
    }

    /** Where everything sits, computed once for the SVG, the PNG and the Vega-Lite spec. */
    record Layout(Axis x, Axis y, double[] rho, List<Curve> curves, List<Point> points, String xLabel,
                  String yLabel, String centreText, String caption) {
    }

    /** One limit curve: level (e.g. 0.95), upper or lower, values at {@link Layout#rho()}. */
    record Curve(double level, boolean upper, double[] values) {
    }

    /** One unit: its display name, flag colour and legend label, tooltip, and label position (null: none). */
    record Point(FunnelUnit unit, String colour, String flagLabel, String tooltip, double px, double py,
                 double[] label) {
    }

    static Layout layout(FunnelResult r, String centre) {
        List<FunnelUnit> units = r.units();
        double[] levels = r.levels();
        IndicatorKind kind = r.options().kind();
        double nMin = units.stream().mapToDouble(FunnelUnit::denominator).filter(d -> d > 0).min().orElse(1);
        double nMax = units.stream().mapToDouble(FunnelUnit::denominator).max().orElse(1);
        boolean log = nMax / nMin >= LOG_SPAN;
        Axis x = log ? Axis.logOf(nMin * 0.8, nMax * 1.05, LEFT, WIDTH - RIGHT)
                : Axis.of(0, nMax * 1.05, LEFT, WIDTH - RIGHT);
        double maxRho = log ? x.max() : nMax * 1.05;
        double minRho = log ? x.min() : Math.max(maxRho / CURVE_POINTS / 4, nMin * 0.8);
        double[] rho = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            // log spacing puts points where the funnel bends
            rho[i] = minRho * Math.pow(maxRho / minRho, i / (double) (CURVE_POINTS - 1));
            if (kind == IndicatorKind.PROPORTION) {
                rho[i] = Math.max(1, Math.round(rho[i]));   // binomial limits exist at whole n only
            }
        }
        double yMin = r.target();
        double yMax = r.target();
        for (FunnelUnit u : units) {
            yMin = Math.min(yMin, u.value());
            yMax = Math.max(yMax, u.value());
        }
        Limits outerAtMin = r.model().limits(nMin, levels[levels.length - 1], r.options().midP());
        yMin = Math.min(yMin, outerAtMin.lower());
        yMax = Math.max(yMax, Math.min(outerAtMin.upper(), Math.max(yMax * 1.5, r.target() * 2)));
        if (kind == IndicatorKind.PROPORTION) {
            yMax = Math.min(yMax, 1);
        }
        Axis y = Axis.of(Math.max(0, yMin), yMax, HEIGHT - BOTTOM, TOP);
        // every level's limits at each curve point at once (the exact beta-binomial pmf pass made once per point), the
        // points on the cores there are: pure functions put back by index, so the curves do not depend on the order
        // they finish in. A release's report spent most of its writing here at scale 1 (large n: long tail sums).
        List<List<Limits>> atPoint = java.util.stream.IntStream.range(0, CURVE_POINTS).parallel()
                .mapToObj(i -> r.model().limits(rho[i], levels, r.options().midP())).toList();
        List<Curve> curves = new ArrayList<>();
        for (int k = 0; k < levels.length; k++) {
            double[] lo = new double[CURVE_POINTS];
            double[] hi = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                Limits l = atPoint.get(i).get(k);
                lo[i] = l.lower();
                hi[i] = l.upper();
            }
            curves.add(new Curve(levels[k], true, hi));
            curves.add(new Curve(levels[k], false, lo));
        }
        String xLabel = (kind == IndicatorKind.RATIO ? "Expected (E)" : "Denominator (n)") + (log ? ", log scale" : "");
        String yLabel = switch (kind) {
            case RATIO -> "O / E";
            case PROPORTION -> "Proportion";
            case RATE -> "Rate";
        };
        String centreText = centre != null && !centre.isEmpty() ? centre
                : "centre " + ValueFormat.of(kind, r.target());
        List<Point> points = points(r, x, y);
        long flagged = points.stream().filter(p -> p.unit().funnelFlag() != FunnelFlag.AS_EXPECTED).count();
        long labelled = points.stream().filter(p -> p.label() != null).count();
        return new Layout(x, y, rho, curves, points, xLabel, yLabel, centreText, caption(r, flagged, labelled));
    }

    /** "Limits: exact binomial at 95 % and 99.8 %; over-dispersion: multiplicative, φ = 1.84, τ² = 0.0021 …". */
    static String caption(FunnelResult r, long flagged, long labelled) {
        StringBuilder levels = new StringBuilder();
        double[] lv = r.levels();
        for (int k = 0; k < lv.length; k++) {
            levels.append(k == 0 ? "" : k == lv.length - 1 ? " and " : ", ").append(Axis.label(lv[k] * 100)).append(" %");
        }
        Overdispersion od = r.model().overdispersion();
        String dispersion = od == Overdispersion.NONE ? "none"
                : od.name().toLowerCase(java.util.Locale.ROOT) + " (from " + r.unitsInDispersion() + " units)";
        String labels = flagged == 0 ? "no unit outside the limits"
                : labelled == flagged ? "units outside the " + Axis.label(lv[0] * 100) + " % limits labelled"
                : labelled + " of " + flagged + " units outside the limits labelled (most extreme first); hover for all";
        return "Method " + r.model().method().name() + " at " + levels + "; over-dispersion " + dispersion
                + "; φ = " + number(r.phi()) + ", τ² = " + number(r.tau2()) + "; " + labels + ".";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? ValueFormat.significant(v, 3) : "n/a";
    }

    static String colour(FunnelUnit u) {
        return u.funnelFlag() == FunnelFlag.AS_EXPECTED ? AS_EXPECTED_COLOUR : u.alarm() ? ALARM_COLOUR : OUTSIDE_COLOUR;
    }

    static String flagLabel(FunnelUnit u, double inner) {
        String pct = Axis.label(inner * 100) + " %";
        return u.funnelFlag() == FunnelFlag.AS_EXPECTED ? "within " + pct + " limits"
                : u.alarm() ? "outside, alarm side" : "outside " + pct + " limits";
    }

    /** Name, n (or O and E), value, limits per level and flag: what hovering a point shows. */
    static String tooltip(FunnelUnit u, FunnelResult r) {
        IndicatorKind kind = r.options().kind();
        StringBuilder b = new StringBuilder(u.unit()).append(": ");
        if (kind == IndicatorKind.RATIO) {
            b.append("O ").append(ValueFormat.significant(u.numerator(), 6)).append(", E ")
                    .append(ValueFormat.significant(u.denominator(), 4));
        } else {
            b.append(ValueFormat.significant(u.numerator(), 6)).append(" / n ")
                    .append(ValueFormat.significant(u.denominator(), 6));
        }
        b.append(", value ").append(ValueFormat.of(kind, u.value()));
        double[] lv = r.levels();
        for (int k = 0; k < lv.length && k < u.limits().size(); k++) {
            Limits l = u.limits().get(k);
            b.append("; ").append(Axis.label(lv[k] * 100)).append(" % limits ").append(ValueFormat.of(kind, l.lower()))
                    .append("–").append(ValueFormat.of(kind, l.upper()));
        }
        return b.append("; flag ").append(u.funnelFlag().code()).append(u.alarm() ? " (alarm)" : "").toString();
    }

    private static List<Point> points(FunnelResult r, Axis x, Axis y) {
        double inner = r.levels()[0];
        List<FunnelUnit> units = r.units();
        // labels go to the most extreme flagged units first, so the clearest outliers are always named
        List<FunnelUnit> byExtremity = units.stream().filter(u -> u.funnelFlag() != FunnelFlag.AS_EXPECTED)
                .sorted(Comparator.comparingDouble((FunnelUnit u) -> -Math.abs(finiteOr(u.zEquivalent(), 0)))).toList();
        List<double[]> taken = new ArrayList<>();
        for (FunnelUnit u : units) {
            if (u.funnelFlag() != FunnelFlag.AS_EXPECTED) {
                double px = x.px(u.denominator());
                double py = y.px(clamp(u.value(), y));
                taken.add(new double[] {px - 5, py - 5, px + 5, py + 5});
            }
        }
        java.util.Map<FunnelUnit, double[]> labels = new java.util.IdentityHashMap<>();
        for (FunnelUnit u : byExtremity) {
            if (labels.size() >= MAX_LABELS) break;
            double[] place = place(u.unit(), x.px(u.denominator()), y.px(clamp(u.value(), y)), taken);
            if (place != null) {
                labels.put(u, place);
                taken.add(new double[] {place[2], place[3] - 10, place[2] + place[4], place[3] + 2});
            }
        }
        List<Point> points = new ArrayList<>();
        for (FunnelUnit u : units) {
            double[] label = labels.get(u);
            points.add(new Point(u, colour(u), flagLabel(u, inner), tooltip(u, r), x.px(u.denominator()),
                    y.px(clamp(u.value(), y)), label == null ? null : new double[] {label[0], label[1]}));
        }
        return points;
    }

    /**
     * The first of eight places around the point where the label's box overlaps no taken box and stays inside
     * the plot: {x, y baseline, box left, box baseline, box width}; null when none is free.
     */
    private static double[] place(String text, double px, double py, List<double[]> taken) {
        double w = TextWidth.of(text, 10) * 1.1 + 2;   // browsers' sans-serif runs a little wider than Java2D's
        double h = 10;
        double[][] offsets = {{6, -6}, {6, 12}, {-6 - w, -6}, {-6 - w, 12}, {-w / 2, -9}, {-w / 2, 18},
                {10, 3}, {-10 - w, 3}};
        for (double[] o : offsets) {
            double left = px + o[0];
            double base = py + o[1];
            double[] box = {left, base - h, left + w, base + 2};
            if (box[0] < LEFT || box[2] > WIDTH - RIGHT || box[1] < TOP || box[3] > HEIGHT - BOTTOM) continue;
            boolean free = true;
            for (double[] t : taken) {
                if (box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]) {
                    free = false;
                    break;
                }
            }
            if (free) return new double[] {left, base, left, base, w};
        }
        return null;
    }

    static void draw(FunnelResult r, String title, String centre, Canvas c) {
        Layout l = layout(r, centre);
        Axis x = l.x();
        Axis y = l.y();
        IndicatorKind kind = r.options().kind();
        frame(c, x, y, title, l.xLabel(), l.yLabel(), kind);
        c.line(x.px(x.min()), y.px(r.target()), x.px(x.max()), y.px(r.target()), "#000000", 1.2, false, "target");
        // the reader must know what the funnel is centred on (the national value, not the units' pooled mean)
        c.text(x.px(x.max()) - 4, y.px(r.target()) - 5, l.centreText(), 11, "end", "#000000", "centre-label");
        double[] levels = r.levels();
        for (Curve curve : l.curves()) {
            int k = java.util.Arrays.binarySearch(levels, curve.level());
            double[] xs = new double[l.rho().length];
            double[] ys = new double[l.rho().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = x.px(l.rho()[i]);
                ys[i] = y.px(clamp(curve.values()[i], y));
            }
            c.polyline(xs, ys, LEVEL_COLOURS[k % LEVEL_COLOURS.length], 1.4, k == 0,
                    "limit " + (curve.upper() ? "upper" : "lower") + " level-" + Axis.label(curve.level() * 100));
        }
        legend(c, r, levels);
        // within-limit points first, flagged ones on top of them
        for (boolean flagged : new boolean[] {false, true}) {
            for (Point p : l.points()) {
                boolean out = p.unit().funnelFlag() != FunnelFlag.AS_EXPECTED;
                if (out != flagged) continue;
                c.circle(p.px(), p.py(), out ? 4.5 : 3.5, p.colour(), "point " + p.unit().funnelFlag().code(),
                        p.unit().unit(), p.tooltip());
            }
        }
        for (Point p : l.points()) {
            if (p.label() != null) {
                c.text(p.label()[0], p.label()[1], p.unit().unit(), 10, "start", "#333333", "outlier-label");
            }
        }
        List<String> lines = NoticeChart.wrapToWidth(l.caption(), 10.5, WIDTH - LEFT - RIGHT);
        for (int i = 0; i < lines.size(); i++) {
            c.text(LEFT, HEIGHT - 12 - 14 * (lines.size() - 1 - i), lines.get(i), 10.5, "start", "#444444", "caption");
        }
    }

    /** One row under the title: limit line styles and point colours, each with its swatch. */
    private static void legend(Canvas c, FunnelResult r, double[] levels) {
        double lx = LEFT;
        double ly = TOP - 22;
        for (int k = 0; k < levels.length; k++) {
            String colour = LEVEL_COLOURS[k % LEVEL_COLOURS.length];
            String text = Axis.label(levels[k] * 100) + " % limits";
            c.line(lx, ly - 4, lx + 22, ly - 4, colour, 1.4, k == 0, "legend-swatch");
            c.text(lx + 26, ly, text, 11, "start", colour, "legend");
            lx += 26 + TextWidth.of(text, 11) * 1.1 + 16;
        }
        String inner = Axis.label(levels[0] * 100) + " %";
        String[][] entries = {{AS_EXPECTED_COLOUR, "within " + inner + " limits"},
                {OUTSIDE_COLOUR, "outside " + inner + " limits"}, {ALARM_COLOUR, "outside, alarm side"}};
        for (String[] e : entries) {
            if (e[0].equals(ALARM_COLOUR) && r.options().direction() == no.kvik.variation.Direction.NONE) continue;
            c.circle(lx + 4, ly - 4, 4, e[0], "legend-swatch", null, null);
            c.text(lx + 12, ly, e[1], 11, "start", "#333333", "legend");
            lx += 12 + TextWidth.of(e[1], 11) * 1.1 + 16;
        }
    }

    static void frame(Canvas c, Axis x, Axis y, String title, String xLabel, String yLabel, IndicatorKind kind) {
        c.text(LEFT, 24, title, 16, "start", "#000000", "title");
        c.line(x.px(x.min()), y.px(y.min()), x.px(x.max()), y.px(y.min()), "#000000", 1, false, "axis");
        c.line(x.px(x.min()), y.px(y.min()), x.px(x.min()), y.px(y.max()), "#000000", 1, false, "axis");
        for (double t : x.ticks()) {
            c.line(x.px(t), y.px(y.min()), x.px(t), y.px(y.min()) + 5, "#000000", 1, false, "tick");
            c.text(x.px(t), y.px(y.min()) + 18, Axis.label(t), 10, "middle", "#000000", "tick-label");
        }
        for (double t : y.ticks()) {
            c.line(x.px(x.min()) - 5, y.px(t), x.px(x.min()), y.px(t), "#000000", 1, false, "tick");
            c.text(x.px(x.min()) - 8, y.px(t) + 3, ValueFormat.tick(kind, t), 10, "end", "#000000", "tick-label");
        }
        c.text((x.pixelFrom() + x.pixelTo()) / 2, HEIGHT - BOTTOM + 40, xLabel, 12, "middle", "#000000", "axis-label");
        c.text(LEFT - 8, TOP - 12, yLabel, 12, "end", "#000000", "axis-label");   // above the top tick label
    }

    static double clamp(double v, Axis y) {
        return Math.max(y.min(), Math.min(y.max(), v));
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;   // an infinite z (p = 0) is the most extreme, not unknown
    }
}
