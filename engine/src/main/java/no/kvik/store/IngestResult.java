package no.kvik.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one ingest of one source file did; also the per-ingest manifest ({@code STORE/ingests/*.json}).
 * The balance {@code rowsRead == rowsStored + rowsRejected} always holds: a stored file's rows are all
 * stored (flagged or not), a rejected file's rows are all rejected.
 *
 * @param outcome      stored (new), replaced (an earlier delivery of the same file name), unchanged (same
 *                     SHA-256 as the live delivery: nothing done), rejected (nothing stored)
 * @param reason       why the file was rejected; for a delivery that replaced others by name ({@code --replaces}),
 *                     which; else null
 * @param rowsRead     data rows read; for a rejected file the physical data lines after the header
 * @param flaggedByReason stored rows per error item ({@code reason:field}); a row can count under several
 * @param firstFlagged the first flagged rows in file order, for messages naming file, row and field
 * @param absentColumns optional contract columns the file does not have: null in every stored row
 */
public record IngestResult(
        String sourceFile,
        String path,
        String sha256,
        String contractId,
        String contractVersion,
        Outcome outcome,
        String reason,
        long rowsRead,
        long rowsStored,
        long rowsFlagged,
        long rowsWarned,
        long rowsRejected,
        Map<String, Long> flaggedByReason,
        List<FlaggedRow> firstFlagged,
        List<String> absentColumns,
        String startedAt,
        double seconds) {

    public enum Outcome { STORED, REPLACED, UNCHANGED, REJECTED }

    /**
     * A flagged row: its 1-based data row number in the source file, its {@code _errors}, and the flagged fields'
     * values as written in the file (a field left empty is absent from the map).
     */
    public record FlaggedRow(long row, String errors, Map<String, String> values) {
        public FlaggedRow {
            values = values == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(values));
        }
    }

    public IngestResult {
        flaggedByReason = flaggedByReason == null ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(flaggedByReason));
        firstFlagged = firstFlagged == null ? List.of() : List.copyOf(firstFlagged);
        absentColumns = absentColumns == null ? List.of() : List.copyOf(absentColumns);
    }

    public boolean hasDataErrors() {
        return outcome == Outcome.REJECTED || rowsFlagged > 0;
    }
}
