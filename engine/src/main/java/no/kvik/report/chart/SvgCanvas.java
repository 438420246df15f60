package no.kvik.report.chart;

import static no.kvik.text.HtmlText.escape;

import java.util.Locale;

/** Builds an SVG 1.1 document. */
final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();
    private final int width;
    private final int height;

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double w, boolean dashed, String css) {
        sb.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                + "stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n", escape(css), x1, y1, x2, y2, colour, w,
                dashed ? " stroke-dasharray=\"6,4\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String colour, double w, boolean dashed, String css) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            d.append(String.format(Locale.ROOT, "%s%.2f %.2f ", i == 0 ? "M" : "L", xs[i], ys[i]));
        }
        sb.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"%s/>%n", escape(css), d.toString().trim(), colour, w,
                dashed ? " stroke-dasharray=\"6,4\"" : ""));
    }

    @Override
    public void circle(double x, double y, double r, String fill, String css, String unit, String tooltip) {
        String attrs = String.format(Locale.ROOT, "<circle class=\"%s\"%s cx=\"%.2f\" cy=\"%.2f\" "
                + "r=\"%.1f\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.5\"", escape(css),
                unit == null ? "" : " data-unit=\"" + escape(unit) + "\"", x, y, r, fill);
        // a <title> child is what browsers show on hover (SVG 1.1, 5.4 "The 'desc' and 'title' elements")
        sb.append(attrs).append(tooltip == null ? "/>" : "><title>" + escape(tooltip) + "</title></circle>")
                .append('\n');
    }

    @Override
    public void text(double x, double y, String text, double size, String anchor, String colour, String css) {
        sb.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" "
                + "text-anchor=\"%s\" fill=\"%s\" font-family=\"sans-serif\">%s</text>%n", escape(css), x, y, size,
                anchor, colour, escape(text)));
    }

    String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">\n"
                + "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + sb + "</svg>\n";
    }
}
