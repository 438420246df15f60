package no.kvik.report.chart;

import java.util.Comparator;
import java.util.List;

/** Caterpillar chart: units sorted by estimate, each with its interval, and a reference line. */
final class CaterpillarChart {
    static final int WIDTH = 900;
    private static final double LEFT = 80;
    private static final double RIGHT = 30;
    private static final double TOP = 50;
    private static final double BOTTOM = 60;
    private static final double ROW = 14;

    private CaterpillarChart() {
    }

    static int height(int units) {
        return (int) Math.max(300, TOP + BOTTOM + ROW * units);
    }

    static void draw(List<CaterpillarItem> items, double reference, String title, String valueLabel, Canvas c) {
        List<CaterpillarItem> sorted = items.stream().sorted(Comparator.comparingDouble(CaterpillarItem::value))
                .toList();
        double min = reference;
        double max = reference;
        for (CaterpillarItem i : sorted) {
            min = Math.min(min, Math.min(i.low(), i.value()));
            max = Math.max(max, Math.max(i.high(), i.value()));
        }
        int height = height(sorted.size());
        Axis x = Axis.of(min, max, LEFT, WIDTH - RIGHT);
        double step = (height - TOP - BOTTOM) / Math.max(1, sorted.size());
        c.text(LEFT, 24, title, 16, "start", "#000000", "title");
        double bottom = height - BOTTOM;
        c.line(x.px(x.min()), bottom, x.px(x.max()), bottom, "#000000", 1, false, "axis");
        for (double t : x.ticks()) {
            c.line(x.px(t), bottom, x.px(t), bottom + 5, "#000000", 1, false, "tick");
            c.text(x.px(t), bottom + 18, Axis.label(t), 10, "middle", "#000000", "tick-label");
        }
        c.text((x.pixelFrom() + x.pixelTo()) / 2, height - 15, valueLabel, 12, "middle", "#000000", "axis-label");
        c.line(x.px(reference), TOP, x.px(reference), bottom, "#000000", 1.2, true, "reference");
        for (int k = 0; k < sorted.size(); k++) {
            CaterpillarItem i = sorted.get(k);
            double py = TOP + step * (k + 0.5);
            boolean apart = i.low() > reference || i.high() < reference;
            String colour = apart ? "#d62728" : "#1f77b4";
            c.line(x.px(i.low()), py, x.px(i.high()), py, colour, 1.5, false, "interval");
            c.circle(x.px(i.value()), py, 3.5, colour, "point", i.unit());
            c.text(LEFT - 6, py + 3, i.unit(), 9, "end", "#333333", "unit-label");
        }
    }
}
