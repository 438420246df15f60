package no.kvik.store;

/**
 * A live delivery taken out of the store on its own ({@code kvik store retire}); also its record
 * {@code STORE/ingests/<id>-<file>.retired.json}. Its rows leave every view in one atomic manifest switch.
 *
 * @param deliveryId  id of the ingest that had stored the delivery
 * @param rowsStored  rows the delivery held, now gone from the store
 */
public record Retirement(String sourceFile, String contractId, String contractVersion, String sha256,
                         String deliveryId, long rowsStored, int filesDeleted, String outcome, String retiredAt) {
    public static final String RETIRED = "RETIRED";
}
