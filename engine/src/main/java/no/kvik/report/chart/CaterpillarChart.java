package no.kvik.report.chart;

import java.util.Comparator;
import java.util.List;

/**
 * Caterpillar chart: units sorted by estimate, each with its interval, and a reference line. The left margin
 * fits the longest unit name (names were cut off with a fixed margin), and the chart widens by as much.
 */
final class CaterpillarChart {
    static final int WIDTH = 900;
    private static final double MIN_LEFT = 80;
    private static final double PLOT_WIDTH = WIDTH - MIN_LEFT - 30;
    private static final double NAME_SIZE = 9;
    private static final double RIGHT = 30;
    private static final double TOP = 50;
    private static final double BOTTOM = 60;
    private static final double ROW = 14;

    private CaterpillarChart() {
    }

    /** The left margin: the longest name at 9 px, widened a tenth for browsers' fonts, plus a gap. */
    static double left(List<CaterpillarItem> items) {
        double longest = items.stream().mapToDouble(i -> TextWidth.of(i.unit(), NAME_SIZE)).max().orElse(0);
        return Math.max(MIN_LEFT, Math.ceil(longest * 1.1) + 12);
    }

    static int width(List<CaterpillarItem> items) {
        return (int) Math.ceil(left(items) + PLOT_WIDTH + RIGHT);
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
        double left = left(items);
        Axis x = Axis.of(min, max, left, left + PLOT_WIDTH);
        double step = (height - TOP - BOTTOM) / Math.max(1, sorted.size());
        c.text(Math.min(left, MIN_LEFT), 24, title, 16, "start", "#000000", "title");
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
            String tooltip = i.unit() + ": " + ValueFormat.significant(i.value(), 4) + " (" + ValueFormat.significant(i.low(), 4) + "–"
                    + ValueFormat.significant(i.high(), 4) + ")" + (i.low() > reference ? ", above the reference"
                    : i.high() < reference ? ", below the reference" : "");
            c.circle(x.px(i.value()), py, 3.5, colour, "point", i.unit(), tooltip);
            c.text(left - 6, py + 3, i.unit(), NAME_SIZE, "end", "#333333", "unit-label");
        }
    }
}
