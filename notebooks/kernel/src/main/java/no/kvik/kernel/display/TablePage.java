package no.kvik.kernel.display;

import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A window of rows of a Tablesaw table to display: {@code display(new TablePage(t, 100, 50))} shows rows
 * 101–150. Displaying a plain {@link Table} shows its first page with the kernel's row limit.
 *
 * @param table  the table
 * @param offset index of the first row shown (0-based)
 * @param limit  maximum number of rows shown
 */
public record TablePage(Table table, int offset, int limit) {

    public TablePage {
        Objects.requireNonNull(table, "table");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }

    /** Number of rows actually shown. */
    public int shownRows() {
        return Math.max(0, Math.min(limit, table.rowCount() - offset));
    }
}
