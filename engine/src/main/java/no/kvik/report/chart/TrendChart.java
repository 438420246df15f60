package no.kvik.report.chart;

import java.util.List;
import java.util.Map;

/** Trend chart: values over consecutive periods, joined by a line, with interval bars. */
final class TrendChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    private static final double LEFT = 70;
    private static final double RIGHT = 20;
    private static final double TOP = 45;
    private static final double BOTTOM = 55;

    private TrendChart() {
    }

    static void draw(List<TrendPoint> points, String title, String valueLabel, Canvas c) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TrendPoint p : points) {
            min = Math.min(min, p.low() == null ? p.value() : Math.min(p.low(), p.value()));
            max = Math.max(max, p.high() == null ? p.value() : Math.max(p.high(), p.value()));
        }
        if (points.isEmpty()) {
            min = 0;
            max = 1;
        }
        Axis y = Axis.of(min, max, HEIGHT - BOTTOM, TOP);
        double step = (WIDTH - LEFT - RIGHT) / Math.max(1, points.size());
        frame(y, title, valueLabel, c);
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            TrendPoint p = points.get(k);
            xs[k] = LEFT + step * (k + 0.5);
            ys[k] = y.px(p.value());
            if (p.low() != null && p.high() != null) {
                c.line(xs[k], y.px(p.low()), xs[k], y.px(p.high()), "#9ecae1", 3, false, "interval");
            }
            c.text(xs[k], HEIGHT - BOTTOM + 16, p.period(), 9, "middle", "#333333", "period-label");
        }
        if (points.size() > 1) c.polyline(xs, ys, "#1f77b4", 2, false, "trend");
        for (int k = 0; k < points.size(); k++) {
            TrendPoint p = points.get(k);
            c.circle(xs[k], ys[k], 3.5, "#1f77b4", "point", p.period(), p.period() + ": " + ValueFormat.significant(p.value(), 4)
                    + (p.low() == null || p.high() == null ? "" : " (" + ValueFormat.significant(p.low(), 4) + "–" + ValueFormat.significant(p.high(), 4) + ")"));
        }
    }

    /** Title, axes, the value axis's ticks and its label: the frame both the trend and the comparison chart draw in. */
    private static void frame(Axis y, String title, String valueLabel, Canvas c) {
        c.text(LEFT, 22, title, 15, "start", "#000000", "title");
        c.line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#000000", 1, false, "axis");
        c.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#000000", 1, false, "axis");
        for (double t : y.ticks()) {
            c.line(LEFT - 5, y.px(t), LEFT, y.px(t), "#000000", 1, false, "tick");
            c.text(LEFT - 8, y.px(t) + 3, Axis.label(t), 10, "end", "#000000", "tick-label");
        }
        c.text(14, TOP - 10, valueLabel, 11, "start", "#000000", "axis-label");
    }

    /** Colours of compared series (Tableau 10, the palette's first six: distinct on white and for common colour blindness). */
    static final String[] SERIES_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    /** Height of the comparison chart: the trend chart's plus one legend line per series. */
    static int seriesHeight(int series) {
        return HEIGHT + 16 * series;
    }

    /**
     * Several series over the same periods (e.g. units compared over time): one line and colour per series, a point
     * per period that has a value (a period without one breaks the line), a legend under the axis.
     */
    static void drawSeries(List<String> periods, Map<String, List<TrendPoint>> series, String title, String valueLabel,
                           Canvas c) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<TrendPoint> s : series.values()) {
            for (TrendPoint p : s) {
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        Axis y = Axis.of(min, max, HEIGHT - BOTTOM, TOP);
        double step = (WIDTH - LEFT - RIGHT) / Math.max(1, periods.size());
        frame(y, title, valueLabel, c);
        for (int k = 0; k < periods.size(); k++) {
            c.text(LEFT + step * (k + 0.5), HEIGHT - BOTTOM + 16, periods.get(k), 9, "middle", "#333333", "period-label");
        }
        int n = 0;
        for (Map.Entry<String, List<TrendPoint>> s : series.entrySet()) {
            String colour = SERIES_COLOURS[n % SERIES_COLOURS.length];
            java.util.List<Double> xs = new java.util.ArrayList<>();
            java.util.List<Double> ys = new java.util.ArrayList<>();
            Map<String, TrendPoint> byPeriod = new java.util.HashMap<>();
            for (TrendPoint p : s.getValue()) byPeriod.put(p.period(), p);
            for (int k = 0; k <= periods.size(); k++) {
                TrendPoint p = k < periods.size() ? byPeriod.get(periods.get(k)) : null;
                if (p != null) {
                    xs.add(LEFT + step * (k + 0.5));
                    ys.add(y.px(p.value()));
                } else if (!xs.isEmpty()) {
                    if (xs.size() > 1) {
                        c.polyline(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                                ys.stream().mapToDouble(Double::doubleValue).toArray(), colour, 2, false, "series");
                    }
                    xs.clear();
                    ys.clear();
                }
            }
            for (int k = 0; k < periods.size(); k++) {
                TrendPoint p = byPeriod.get(periods.get(k));
                if (p == null) continue;
                c.circle(LEFT + step * (k + 0.5), y.px(p.value()), 3.5, colour, "point", s.getKey(),
                        s.getKey() + ", " + p.period() + ": " + ValueFormat.significant(p.value(), 4));
            }
            double ly = HEIGHT - 12 + 16 * n;
            c.line(LEFT, ly - 4, LEFT + 24, ly - 4, colour, 3, false, "legend-line");
            c.text(LEFT + 30, ly, s.getKey(), 11, "start", "#000000", "legend-label");
            n++;
        }
    }
}
