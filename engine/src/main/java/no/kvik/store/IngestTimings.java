package no.kvik.store;

/**
 * Where one file's ingest spent its wall-clock seconds, for {@code kvik bench-ingest}: {@code checks} (digest, name,
 * header, encoding: {@link DeliveryChecks}), {@code read} (the file into the VARCHAR table {@code _raw}),
 * {@code rowChecks} (duplicate keys and list columns on it), {@code keys} (the person key dictionary), {@code write}
 * (the stored years, then typing, validating and writing the Parquet files), {@code count} (the written files
 * counted and the sample rows' values read) and {@code switchSeconds} (keys against the other live deliveries, the
 * manifest switch, garbage collection, the ingest record). Zero for a step not taken.
 */
public record IngestTimings(double checks, double read, double rowChecks, double keys, double write, double count,
                            double switchSeconds) {
    public static final IngestTimings NONE = new IngestTimings(0, 0, 0, 0, 0, 0, 0);

    public double total() {
        return checks + read + rowChecks + keys + write + count + switchSeconds;
    }

    /** The steps' seconds in the order of the record's components. */
    public double[] steps() {
        return new double[] {checks, read, rowChecks, keys, write, count, switchSeconds};
    }
}
