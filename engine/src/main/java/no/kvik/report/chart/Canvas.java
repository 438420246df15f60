package no.kvik.report.chart;

/**
 * The few drawing operations the charts need, so one drawing routine produces both SVG and PNG.
 * Coordinates are pixels, origin top left. {@code css} names the element's role (kept as the SVG class).
 */
interface Canvas {
    void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed, String css);

    void polyline(double[] xs, double[] ys, String colour, double width, boolean dashed, String css);

    /** A point; {@code tooltip} (may be null) is what hovering shows: the SVG's {@code <title>}. */
    void circle(double x, double y, double r, String fill, String css, String unit, String tooltip);

    void text(double x, double y, String text, double size, String anchor, String colour, String css);
}
