package no.kvik.report.chart;

import java.util.List;
import no.kvik.variation.FunnelFlag;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.Limits;

/**
 * Funnel plot: value against denominator (n, or E for ratios), target line, upper and lower limit curves per
 * level (drawn from the result's model, so they are the flagging limits), and units outside the inner limits
 * labelled.
 */
final class FunnelChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    private static final double LEFT = 80;
    private static final double RIGHT = 30;
    private static final double TOP = 50;
    private static final double BOTTOM = 60;
    private static final int CURVE_POINTS = 200;
    private static final String[] LEVEL_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private FunnelChart() {
    }

    static void draw(FunnelResult r, String title, String centre, Canvas c) {
        List<FunnelUnit> units = r.units();
        double[] levels = r.levels();
        double maxRho = units.stream().mapToDouble(FunnelUnit::denominator).max().orElse(1) * 1.05;
        double minRho = Math.max(maxRho / CURVE_POINTS / 4, units.stream().mapToDouble(FunnelUnit::denominator)
                .min().orElse(1) * 0.8);
        double[] rho = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            // log spacing puts points where the funnel bends
            rho[i] = minRho * Math.pow(maxRho / minRho, i / (double) (CURVE_POINTS - 1));
            if (r.options().kind() == IndicatorKind.PROPORTION) {
                rho[i] = Math.max(1, Math.round(rho[i]));   // binomial limits exist at whole n only
            }
        }
        double yMin = r.target();
        double yMax = r.target();
        for (FunnelUnit u : units) {
            yMin = Math.min(yMin, u.value());
            yMax = Math.max(yMax, u.value());
        }
        Limits outerAtMin = r.model().limits(units.stream().mapToDouble(FunnelUnit::denominator).min().orElse(1),
                levels[levels.length - 1], r.options().midP());
        yMin = Math.min(yMin, outerAtMin.lower());
        yMax = Math.max(yMax, Math.min(outerAtMin.upper(), Math.max(yMax * 1.5, r.target() * 2)));
        if (r.options().kind() == IndicatorKind.PROPORTION) {
            yMax = Math.min(yMax, 1);
        }
        Axis x = Axis.of(0, maxRho, LEFT, WIDTH - RIGHT);
        Axis y = Axis.of(Math.max(0, yMin), yMax, HEIGHT - BOTTOM, TOP);
        frame(c, x, y, title, r.options().kind() == IndicatorKind.RATIO ? "Expected (E)" : "Denominator (n)",
                switch (r.options().kind()) {
                    case RATIO -> "O / E";
                    case PROPORTION -> "Proportion";
                    case RATE -> "Rate";
                });
        c.line(x.px(x.min()), y.px(r.target()), x.px(x.max()), y.px(r.target()), "#000000", 1.2, false, "target");
        if (centre != null && !centre.isEmpty()) {
            // the reader must know what the funnel is centred on (the national value, not the units' pooled mean)
            c.text(x.px(x.max()) - 4, y.px(r.target()) - 5, centre, 11, "end", "#000000", "centre-label");
        }
        for (int k = 0; k < levels.length; k++) {
            double[] xs = new double[CURVE_POINTS];
            double[] lo = new double[CURVE_POINTS];
            double[] hi = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                Limits l = r.model().limits(rho[i], levels[k], r.options().midP());
                xs[i] = x.px(rho[i]);
                lo[i] = y.px(clamp(l.lower(), y));
                hi[i] = y.px(clamp(l.upper(), y));
            }
            String colour = LEVEL_COLOURS[k % LEVEL_COLOURS.length];
            String pct = Axis.label(levels[k] * 100);
            c.polyline(xs, hi, colour, 1.4, k == 0, "limit upper level-" + pct);
            c.polyline(xs, lo, colour, 1.4, k == 0, "limit lower level-" + pct);
            c.text(WIDTH - RIGHT - 4, TOP - 8 - 14 * (levels.length - 1 - k), pct + " % limits", 11, "end", colour,
                    "legend");
        }
        for (FunnelUnit u : units) {
            boolean out = u.funnelFlag() != FunnelFlag.AS_EXPECTED;
            String fill = !out ? "#9e9e9e" : u.alarm() ? "#d62728" : "#ff7f0e";
            double px = x.px(u.denominator());
            double py = y.px(clamp(u.value(), y));
            c.circle(px, py, out ? 4.5 : 3.5, fill, "point " + u.funnelFlag().code(), u.unit());
            if (out) {
                c.text(px + 6, py - 6, u.unit(), 10, "start", "#333333", "outlier-label");
            }
        }
    }

    static void frame(Canvas c, Axis x, Axis y, String title, String xLabel, String yLabel) {
        c.text(LEFT, 24, title, 16, "start", "#000000", "title");
        c.line(x.px(x.min()), y.px(y.min()), x.px(x.max()), y.px(y.min()), "#000000", 1, false, "axis");
        c.line(x.px(x.min()), y.px(y.min()), x.px(x.min()), y.px(y.max()), "#000000", 1, false, "axis");
        for (double t : x.ticks()) {
            c.line(x.px(t), y.px(y.min()), x.px(t), y.px(y.min()) + 5, "#000000", 1, false, "tick");
            c.text(x.px(t), y.px(y.min()) + 18, Axis.label(t), 10, "middle", "#000000", "tick-label");
        }
        for (double t : y.ticks()) {
            c.line(x.px(x.min()) - 5, y.px(t), x.px(x.min()), y.px(t), "#000000", 1, false, "tick");
            c.text(x.px(x.min()) - 8, y.px(t) + 3, Axis.label(t), 10, "end", "#000000", "tick-label");
        }
        c.text((x.pixelFrom() + x.pixelTo()) / 2, HEIGHT - 15, xLabel, 12, "middle", "#000000", "axis-label");
        c.text(LEFT - 8, TOP - 10, yLabel, 12, "end", "#000000", "axis-label");
    }

    private static double clamp(double v, Axis y) {
        return Math.max(y.min(), Math.min(y.max(), v));
    }
}
