package no.kvik.kernel.display;

import static no.kvik.text.HtmlText.escape;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a page of a Tablesaw table as an HTML table (or text), with a note on the rows left out. Numbers print
 * with their column's formatter (kvik's tables set percent or fixed decimals by measure: see
 * {@code no.kvik.notebook.TableFormats}); a row suppressed for small-cell protection shows its reason in place
 * of its value; a wide table scrolls sideways instead of running off the page.
 */
public final class TableHtml {

    private TableHtml() {
    }

    public static String html(TablePage page) {
        Table t = page.table();
        int from = Math.min(page.offset(), t.rowCount());
        int to = from + page.shownRows();
        StringBuilder b = new StringBuilder(256 + 64 * page.shownRows() * Math.max(1, t.columnCount()));
        // the reason a row has no value, shown in its value column (or its first empty number column)
        Column<?> reason = t.columnNames().contains("suppressed") ? t.column("suppressed") : null;
        Column<?> reasonShownIn = reason == null ? null : t.columnNames().contains("value") ? t.column("value") : null;
        b.append("<div class=\"kvik-table-wrap\" style=\"overflow-x:auto\"><table class=\"kvik-table\">");
        if (t.name() != null && !t.name().isBlank()) {
            b.append("<caption>").append(escape(t.name())).append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            b.append("<th title=\"").append(escape(c.type().name())).append("\">").append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int row = from; row < to; row++) {
            b.append("<tr>");
            String why = reason == null ? "" : reason.getString(row);
            boolean shown = false;
            for (Column<?> c : t.columns()) {
                boolean explain = !why.isEmpty() && !shown && c instanceof NumericColumn<?> && c.isMissing(row)
                        && (reasonShownIn == null || c == reasonShownIn);
                if (explain) {
                    shown = true;
                    b.append("<td class=\"kvik-suppressed\" style=\"text-align:right;color:#777;font-style:italic\" title=\"")
                            .append(escape("suppressed: " + why)).append("\">suppressed: ").append(escape(why)).append("</td>");
                } else {
                    b.append(c instanceof NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>")
                            .append(escape(c.getString(row))).append("</td>");
                }
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<p class=\"kvik-table-note\">").append(note(t.rowCount(), t.columnCount(), from, to)).append("</p>");
        return b.toString();
    }

    /** The same page as plain text (Tablesaw's own layout) with the same note. */
    public static String text(TablePage page) {
        Table t = page.table();
        int from = Math.min(page.offset(), t.rowCount());
        int to = from + page.shownRows();
        // print(n) of a longer table would show its head and tail: cut the page out first
        return t.inRange(from, to).print(Math.max(1, to - from)) + "\n" + note(t.rowCount(), t.columnCount(), from, to);
    }

    /** E.g. "rows 1–50 of 1200 (… 1150 more rows), 4 columns". */
    static String note(int rowCount, int columnCount, int from, int to) {
        StringBuilder b = new StringBuilder();
        if (rowCount == 0) {
            b.append("0 rows");
        } else if (from == 0 && to == rowCount) {
            b.append(rowCount).append(rowCount == 1 ? " row" : " rows");
        } else {
            b.append("rows ").append(from + 1).append("–").append(to).append(" of ").append(rowCount);
            if (to < rowCount) {
                b.append(" (… ").append(rowCount - to).append(rowCount - to == 1 ? " more row)" : " more rows)");
            }
        }
        return b.append(", ").append(columnCount).append(columnCount == 1 ? " column" : " columns").toString();
    }
}
