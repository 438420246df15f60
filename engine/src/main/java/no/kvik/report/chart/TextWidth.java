package no.kvik.report.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * Width of a text in pixels in the charts' sans-serif font, measured with Java2D (headless), so margins fit the
 * longest unit name and labels can be placed without overlapping. Browsers' sans-serif may be a little wider:
 * callers add a margin.
 */
final class TextWidth {
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private TextWidth() {
    }

    static double of(String text, double size) {
        if (text == null || text.isEmpty()) return 0;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size));
        return font.getStringBounds(text, CONTEXT).getWidth();
    }
}
