package no.kvik.sql;

/**
 * DuckDB's out-of-memory error told in kvik's terms (issue #17, ten times Norway). DuckDB spills joins, sorts and
 * most aggregates to its temp folder, but some states (lists, a hash table's fixed part) must stay in memory; when
 * they do not fit under the memory limit DuckDB stops the query with "Out of Memory Error: ..." and a list of
 * {@code SET} statements a kvik user cannot type. This keeps DuckDB's own first line (what it could not allocate,
 * against how much was in use) and says which of kvik's options help instead.
 */
public final class OutOfMemory {
    /** How DuckDB's error starts (its exception class, ExceptionType::OUT_OF_MEMORY, in the message). */
    static final String DUCKDB_MARKER = "Out of Memory Error: ";

    private OutOfMemory() {
    }

    /** True when {@code message} (an exception's, possibly prefixed by kvik's context) is DuckDB's out-of-memory error. */
    public static boolean is(String message) {
        return message != null && message.contains(DUCKDB_MARKER);
    }

    /** True when {@code e} or one of its causes is DuckDB's out-of-memory error. */
    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (is(t.getMessage())) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /**
     * {@code message} unchanged unless it is DuckDB's out-of-memory error; then kvik's context before it (e.g. the
     * indicator's SQL file), DuckDB's first line, the limit in force and kvik's options, on one line.
     */
    public static String explain(String message) {
        if (!is(message)) return message;
        int at = message.indexOf(DUCKDB_MARKER);
        String context = message.substring(0, at);
        String detail = message.substring(at + DUCKDB_MARKER.length());
        int end = detail.indexOf('\n');
        if (end >= 0) detail = detail.substring(0, end);
        String limit = DuckDb.commandLineSettings().memoryLimit()
                .map(l -> "--memory-limit " + l)
                .orElse("DuckDB's default memory limit, 80 % of the machine's memory");
        return context + "DuckDB ran out of memory within " + limit + " (" + detail.strip() + "): give a larger "
                + "--memory-limit, fewer --threads, or a --temp-dir with room to spill";
    }
}
