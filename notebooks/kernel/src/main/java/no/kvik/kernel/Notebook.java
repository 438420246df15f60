package no.kvik.kernel;

import java.util.function.Consumer;
import no.kvik.kernel.display.TablePage;

/**
 * What notebook cells call: {@code display(x)} is statically imported into every cell. Objects are
 * rendered by the kernel: Tablesaw tables as HTML (first {@link #tableRows()} rows),
 * {@link no.kvik.kernel.display.Svg} and {@link no.kvik.kernel.display.Png} as images, records as HTML
 * tables, anything else as text.
 */
public final class Notebook {

    /** Rows shown when a whole table is displayed; page through larger ones with {@link #page}. */
    public static final int DEFAULT_TABLE_ROWS = 50;

    private static volatile Consumer<Object> displayer;
    private static volatile int tableRows = DEFAULT_TABLE_ROWS;

    private Notebook() {
    }

    static void attach(Consumer<Object> kernelDisplay) {
        displayer = kernelDisplay;
    }

    /** Shows {@code value} as a cell output, immediately (unlike a trailing expression, which shows last). */
    public static void display(Object value) {
        Consumer<Object> d = displayer;
        if (d == null) {
            throw new IllegalStateException("display() works only inside the kvik Jupyter kernel");
        }
        d.accept(value);
    }

    /** Rows of a table page: rows {@code offset+1 … offset+rows}, e.g. {@code display(page(t, 50, 50))}. */
    public static TablePage page(tech.tablesaw.api.Table table, int offset, int rows) {
        return new TablePage(table, offset, rows);
    }

    public static int tableRows() {
        return tableRows;
    }

    /** Sets how many rows a displayed table shows (the rest is summarised as "… N more rows"). */
    public static void tableRows(int rows) {
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        tableRows = rows;
    }
}
