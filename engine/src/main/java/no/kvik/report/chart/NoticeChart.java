package no.kvik.report.chart;

import java.util.ArrayList;
import java.util.List;

/** A title and a wrapped message where a chart cannot be drawn, so the reader is told why instead of shown nothing. */
final class NoticeChart {
    static final int HEIGHT = 220;
    private static final int CHARS_PER_LINE = 110;

    private NoticeChart() {
    }

    static void draw(String title, String message, Canvas c) {
        c.text(80, 24, title, 16, "start", "#000000", "title");
        double y = 70;
        for (String line : wrap(message, CHARS_PER_LINE)) {
            c.text(80, y, line, 13, "start", "#333333", "notice");
            y += 20;
        }
    }

    /** Words into lines no wider than {@code pixels} at {@code size} (measured, with a tenth for browsers). */
    static List<String> wrapToWidth(String text, double size, double pixels) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && TextWidth.of(candidate, size) * 1.1 > pixels) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
