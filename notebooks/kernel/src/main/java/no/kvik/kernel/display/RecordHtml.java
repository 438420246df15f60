package no.kvik.kernel.display;

import static no.kvik.text.HtmlText.escape;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders any record (indicator metadata, contracts, result rows) as a two-column HTML table of its
 * components; nested records become nested tables, collections become lists.
 */
public final class RecordHtml {

    private static final int MAX_DEPTH = 4;

    private RecordHtml() {
    }

    public static String html(Record r) {
        StringBuilder b = new StringBuilder();
        append(b, r, 0);
        return b.toString();
    }

    private static void append(StringBuilder b, Record r, int depth) {
        b.append("<table class=\"kvik-record\"><caption>").append(escape(r.getClass().getSimpleName())).append("</caption><tbody>");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            b.append("<tr><th style=\"text-align:left;vertical-align:top\">").append(escape(c.getName())).append("</th><td style=\"text-align:left\">");
            appendValue(b, read(r, c), depth);
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void appendValue(StringBuilder b, Object v, int depth) {
        if (v instanceof Optional<?> o) {
            if (o.isPresent()) appendValue(b, o.get(), depth);
        } else if (v instanceof Record nested && depth < MAX_DEPTH) {
            append(b, nested, depth + 1);
        } else if (v instanceof Collection<?> items) {
            if (items.isEmpty()) return;
            b.append("<ul style=\"margin:0\">");
            for (Object item : items) {
                b.append("<li>");
                appendValue(b, item, depth);
                b.append("</li>");
            }
            b.append("</ul>");
        } else if (v instanceof Map<?, ?> map) {
            b.append(escape(map.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining(", "))));
        } else if (v != null) {
            b.append(escape(String.valueOf(v)));
        }
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        } catch (InvocationTargetException e) {
            return "(accessor failed: " + e.getCause() + ")";
        }
    }
}
