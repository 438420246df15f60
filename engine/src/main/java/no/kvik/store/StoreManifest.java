package no.kvik.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of a store ({@code STORE/manifest.json}): every live delivery with its Parquet files,
 * and the files whose latest delivery was rejected. Readers only ever read files listed here, so replacing
 * this one file (atomically) is what switches a store from one state to the next.
 *
 * @param formatVersion layout version of the store
 * @param deliveries    live deliveries, sorted by contract id and source file name
 * @param rejected      rejected files not (yet) replaced by an accepted delivery of the same name
 * @param generation    grows with every change of the store (0 in a manifest written before generations were kept);
 *                      a reader's lease names the generation it opened ({@link ReaderLease})
 * @param persons       the store's person key dictionary ({@link PersonKeys}), switched with the deliveries it keys;
 *                      null in a store without one
 * @param versionRejections every distinct file ever rejected for its message version, kept when a file of the same
 *                      name is accepted later (the history behind {@code dq_files_rejected_wrong_version_share});
 *                      empty in a manifest written before it was kept
 */
public record StoreManifest(int formatVersion, List<Delivery> deliveries, List<Rejection> rejected, long generation,
                            @com.fasterxml.jackson.annotation.JsonInclude(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            PersonDictionary persons,
                            List<VersionRejection> versionRejections) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public StoreManifest {
        deliveries = deliveries.stream()
                .sorted(Comparator.comparing(Delivery::contractId).thenComparing(Delivery::sourceFile)).toList();
        rejected = rejected.stream().sorted(Comparator.comparing(Rejection::sourceFile)).toList();
        versionRejections = versionRejections == null ? List.of() : versionRejections.stream()
                .sorted(Comparator.comparing(VersionRejection::sourceFile).thenComparing(VersionRejection::rejectedAt))
                .toList();
    }

    /** A manifest of generation 0. */
    public StoreManifest(int formatVersion, List<Delivery> deliveries, List<Rejection> rejected) {
        this(formatVersion, deliveries, rejected, 0);
    }

    /** A manifest without a person key dictionary and without rejections on message version. */
    public StoreManifest(int formatVersion, List<Delivery> deliveries, List<Rejection> rejected, long generation) {
        this(formatVersion, deliveries, rejected, generation, null, List.of());
    }

    /**
     * The person key dictionary: Parquet segments ({@code person_id VARCHAR, person_key BIGINT}), each holding the ids
     * one ingest added, so an ingest writes only its new ids; and the deliveries whose files carry the key column
     * ({@link PersonKeys#KEY_COLUMN}).
     *
     * @param files      the segments, relative to the store folder, oldest first
     * @param persons    how many person ids they hold
     * @param deliveries ids of the deliveries written with keys from this dictionary or an earlier one of the store
     */
    public record PersonDictionary(List<String> files, long persons, List<String> deliveries) {
        public PersonDictionary {
            files = List.copyOf(files);
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * One accepted source file as it lives in the store.
     *
     * @param id    unique id of the ingest that stored it; part of every Parquet file name
     * @param files Parquet files relative to the store folder, one per year partition
     */
    public record Delivery(String id, String contractId, String contractVersion, String sourceFile, String sha256,
                           String ingestedAt, long rowsRead, long rowsStored, long rowsFlagged, long rowsWarned,
                           List<PartFile> files) {
        public Delivery {
            files = List.copyOf(files);
        }
    }

    /** One Parquet file of a delivery; {@code year} is null for rows whose year column could not be read. */
    public record PartFile(Integer year, String path, long rows) {
    }

    /** A source file rejected whole; {@code contractId} is null when no contract matched its name. */
    public record Rejection(String sourceFile, String sha256, String contractId, String reason, long rowsRead,
                            String rejectedAt) {
    }

    /**
     * A file rejected whole because its name names a message version its contract does not accept, with what the
     * name says of it (no person-level value: the file was never read). Dates are ISO days, null when not named.
     *
     * @param reportingUnit    the organisation number in the file name, or null
     * @param periodStart      first day of the period the name names, or null
     * @param periodEnd        day after that period, or null
     * @param versionFound     the version the name names
     * @param versionsAccepted the contract's versions at the time
     */
    public record VersionRejection(String sourceFile, String sha256, String contractId, String reportingUnit,
                                   String periodStart, String periodEnd, String versionFound,
                                   List<String> versionsAccepted, String rejectedAt) {
        public VersionRejection {
            versionsAccepted = versionsAccepted == null ? List.of() : List.copyOf(versionsAccepted);
        }
    }

    public static StoreManifest empty() {
        return new StoreManifest(FORMAT_VERSION, List.of(), List.of(), 0, null, List.of());
    }

    /** Every Parquet file of every live delivery, relative to the store folder. */
    public Set<String> files() {
        Set<String> out = new LinkedHashSet<>();
        deliveries.forEach(d -> d.files().forEach(f -> out.add(f.path())));
        return out;
    }

    /** Reads {@code STORE/manifest.json}; a folder without one is an empty store. */
    public static StoreManifest read(Path storeDir) {
        Path file = storeDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            StoreManifest m = JSON.readValue(file.toFile(), StoreManifest.class);
            if (m.formatVersion() != FORMAT_VERSION) {
                throw new StoreException(file + ": store format version " + m.formatVersion()
                        + " is not supported (expected " + FORMAT_VERSION + ")");
            }
            return m;
        } catch (IOException e) {
            throw new StoreException(file + ": unreadable store manifest: " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file and moves it over manifest.json in one atomic step. */
    void writeAtomically(Path storeDir, String tempSuffix) throws IOException {
        Path tmp = storeDir.resolve(FILE_NAME + ".tmp-" + tempSuffix);
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, storeDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    public Optional<Delivery> delivery(String contractId, String sourceFile) {
        return deliveries.stream()
                .filter(d -> d.contractId().equals(contractId) && d.sourceFile().equals(sourceFile)).findFirst();
    }

    public List<Delivery> deliveries(String contractId) {
        return deliveries.stream().filter(d -> d.contractId().equals(contractId)).toList();
    }

    // each change below gives the next generation (a delivery replacing others by name, --replaces, is two changes)

    /** This manifest with {@code delivery} in place of any earlier delivery of the same source file. */
    StoreManifest withDelivery(Delivery delivery) {
        List<Delivery> ds = new ArrayList<>(deliveries.stream()
                .filter(d -> !(d.contractId().equals(delivery.contractId())
                        && d.sourceFile().equals(delivery.sourceFile())))
                .toList());
        ds.add(delivery);
        List<Rejection> rs = rejected.stream().filter(r -> !r.sourceFile().equals(delivery.sourceFile())).toList();
        return new StoreManifest(formatVersion, ds, rs, generation + 1, persons, versionRejections);
    }

    /** This manifest without the given deliveries (retired by a delivery that replaces them). */
    StoreManifest without(List<Delivery> retired) {
        List<Delivery> ds = deliveries.stream().filter(d -> !retired.contains(d)).toList();
        if (ds.size() == deliveries.size()) return this;
        return new StoreManifest(formatVersion, ds, rejected, generation + 1, persons, versionRejections);
    }

    /** This manifest with {@code rejection} recorded (replacing an earlier rejection of the same file name). */
    StoreManifest withRejection(Rejection rejection) {
        List<Rejection> rs = new ArrayList<>(rejected.stream()
                .filter(r -> !r.sourceFile().equals(rejection.sourceFile())).toList());
        rs.add(rejection);
        return new StoreManifest(formatVersion, deliveries, rs, generation + 1, persons, versionRejections);
    }

    /** This manifest with {@code dictionary} as its person key dictionary (same generation: part of one change). */
    StoreManifest withPersons(PersonDictionary dictionary) {
        return new StoreManifest(formatVersion, deliveries, rejected, generation, dictionary, versionRejections);
    }

    /**
     * This manifest with {@code rejection} recorded as {@link #withRejection} does, and {@code onVersion} added to the
     * history unless the same file (name and SHA-256) is there already: one change, one generation.
     */
    StoreManifest withVersionRejection(Rejection rejection, VersionRejection onVersion) {
        StoreManifest next = withRejection(rejection);
        boolean known = versionRejections.stream().anyMatch(v -> v.sourceFile().equals(onVersion.sourceFile())
                && v.sha256().equals(onVersion.sha256()));
        if (known) return next;
        List<VersionRejection> vs = new ArrayList<>(versionRejections);
        vs.add(onVersion);
        return new StoreManifest(formatVersion, next.deliveries(), next.rejected(), next.generation(), persons, vs);
    }
}
