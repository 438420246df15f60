package no.kvik.notebook;

import java.util.List;
import tech.tablesaw.api.Table;

/** A written or listed file: its name (relative to the folder shown) and size in bytes. */
record FileSize(String file, long bytes) {

    /** The two-column table (file, bytes) of a folder's files, in the order given. */
    static Table table(String name, List<FileSize> files) {
        return Tables.of(name, files, Tables.text("file", FileSize::file), Tables.longInteger("bytes", FileSize::bytes));
    }
}
