package no.kvik.contract;

import java.util.List;

/**
 * The store's views of the files delivered, beside the registry views: {@value #FILES} (one row per live delivery
 * and per file ever rejected for its message version) and {@value #REJECTIONS} (the rejected files with their
 * reason). The store fills them from its manifest ({@code no.kvik.store.DeliveryViews}); a given/expect test gives
 * {@value #FILES} rows as it gives a contract's. No person-level value: what a file name says, and the reason.
 */
public final class IngestViews {
    public static final String FILES = "ingest_files";
    public static final String REJECTIONS = "ingest_rejections";

    /** A column of {@value #FILES}. */
    public record Column(String name, ColumnType type) {
    }

    /**
     * contract_id; source_file (the delivered file's name); reporting_unit (the organisation number its name names,
     * else NULL: a file of several units); period_start and period_end (the tertial or year its name names,
     * end exclusive); message_version (named, else the contract's current one, NULL when the contract declares
     * none); rejected (true: rejected for its message version); reason (why, for a rejected file).
     */
    public static final List<Column> FILE_COLUMNS = List.of(
            new Column("contract_id", ColumnType.VARCHAR),
            new Column("source_file", ColumnType.VARCHAR),
            new Column("reporting_unit", ColumnType.VARCHAR),
            new Column("period_start", ColumnType.DATE),
            new Column("period_end", ColumnType.DATE),
            new Column("message_version", ColumnType.VARCHAR),
            new Column("rejected", ColumnType.BOOLEAN),
            new Column("reason", ColumnType.VARCHAR));

    private IngestViews() {
    }

    /** {@value #REJECTIONS} over a relation of {@link #FILE_COLUMNS}: its rejected rows, reason code {@code message_version}. */
    public static String rejectionsFrom(String filesRelation) {
        return "SELECT contract_id, source_file, reporting_unit, period_start, period_end, 'message_version' AS reason_code, "
                + "reason FROM " + filesRelation + " WHERE rejected";
    }
}
