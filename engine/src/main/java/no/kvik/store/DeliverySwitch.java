package no.kvik.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import no.kvik.contract.Contract;
import no.kvik.contract.DeliveryName;
import no.kvik.store.IngestResult.FlaggedRow;
import no.kvik.store.IngestResult.Outcome;
import no.kvik.store.StoreManifest.Delivery;
import no.kvik.store.StoreManifest.PartFile;
import no.kvik.store.StoreManifest.Rejection;

/**
 * The last ingest stage and the store's state: the live manifest, changed only by one atomic move of a new
 * {@code manifest.json} (a delivery added, deliveries replaced or retired, a rejection recorded), the per-ingest
 * records in {@code ingests/}, and the deletion of files that neither the manifest nor a reader's lease lists.
 */
final class DeliverySwitch {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path store;
    private StoreManifest manifest;

    DeliverySwitch(Path store) {
        this.store = store;
        this.manifest = StoreManifest.read(store);
    }

    StoreManifest manifest() {
        return manifest;
    }

    /** A new ingest id: the UTC time to the millisecond and four random hex digits. */
    static String newId(Instant at) {
        return ID_TIME.format(at) + "-" + Integer.toHexString(0x10000 + RANDOM.nextInt(0x10000)).substring(1);
    }

    /**
     * Why the new delivery's usable rows may not join the store: some repeat a primary key of a usable row in another
     * live delivery of the contract (a resend or an overlapping extract under a new file name), so both would be
     * counted. Null when none do, or the contract has no key.
     */
    String keysInOtherDeliveries(Connection connection, Contract contract, String name, Set<String> replaces,
                                 List<PartFile> parts) throws SQLException {
        List<String> others = manifest.deliveries(contract.id()).stream()
                .filter(d -> !d.sourceFile().equals(name) && !replaces.contains(d.sourceFile()))
                .flatMap(d -> d.files().stream()).map(f -> store.resolve(f.path()).toString()).toList();
        if (contract.primaryKey().isEmpty() || others.isEmpty() || parts.isEmpty()) return null;
        List<String> mine = parts.stream().map(f -> store.resolve(f.path()).toString()).toList();
        String keys = String.join(", ", contract.primaryKey().stream().map(BoundSql::identifier).toList());
        // hive_partitioning off: the store's year=YYYY folders would otherwise add a BIGINT column `year` that
        // clashes with a contract's own INTEGER `year` (registry_aggregate) once the files span several folders
        String sql = "SELECT count(*), any_value(concat_ws(' ', " + keys + ")), any_value(_source_file) FROM "
                + "(SELECT " + keys + " FROM read_parquet(" + literalList(mine) + ", hive_partitioning = false) WHERE "
                + Store.usable(contract) + ") n JOIN (SELECT " + keys + ", _source_file FROM read_parquet("
                + literalList(others) + ", union_by_name = true, hive_partitioning = false) WHERE "
                + Store.usable(contract) + ") o USING (" + keys + ")";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            if (n == 0) return null;
            Redaction redaction = Redaction.of(contract);
            boolean personKey = contract.primaryKey().stream().anyMatch(redaction.keyFields()::contains);
            String example = personKey ? Redaction.mask(rs.getString(2)) : Redaction.truncate(rs.getString(2));
            return n + " usable row(s) repeat the primary key (" + String.join(", ", contract.primaryKey())
                    + ") of rows in the live delivery " + rs.getString(3) + " (e.g. " + example
                    + "): stored beside it, they would count twice. A corrected or cumulative extract keeps the"
                    + " earlier file's name, or is ingested with --replaces " + rs.getString(3);
        }
    }

    /**
     * Makes {@code delivery} live in place of its namesake and of the live deliveries named in {@code replaces}, in
     * one atomic manifest switch; returns the deliveries it retired.
     */
    List<Delivery> switchTo(Delivery delivery, Set<String> replaces, String id, ValidatedCopy copy) throws IOException {
        List<Delivery> retired = manifest.deliveries(delivery.contractId()).stream()
                .filter(d -> replaces.contains(d.sourceFile())).toList();
        StoreManifest next = manifest.withDelivery(delivery).without(retired);
        // the person key dictionary switches with the delivery whose keys it holds (PersonKeys)
        next = next.withPersons(copy.persons(next, delivery.id()));
        next.writeAtomically(store, id);
        manifest = next;
        return retired;
    }

    /** Records a rejection in the manifest and in {@code ingests/}, and returns it as a result. */
    IngestResult reject(Path file, String sha, Contract contract, String reason, long lines, Instant started,
                        double seconds) {
        return reject(file, sha, contract, reason, lines, null, started, seconds);
    }

    /**
     * As {@link #reject}, for a file whose name names a message version its contract does not accept: the rejection
     * also goes into the manifest's history of such files ({@link StoreManifest#versionRejections}).
     */
    IngestResult rejectVersion(Path file, String sha, Contract contract, String reason, long lines, DeliveryName named,
                               Instant started, double seconds) {
        return reject(file, sha, contract, reason, lines, named, started, seconds);
    }

    private IngestResult reject(Path file, String sha, Contract contract, String reason, long lines,
                                DeliveryName named, Instant started, double seconds) {
        String name = file.getFileName().toString();
        String id = newId(started);
        IngestResult result = new IngestResult(name, file.toString(), sha, contract == null ? null : contract.id(),
                contract == null ? null : contract.version(), Outcome.REJECTED, reason, lines, 0, 0, 0, lines,
                Map.of(), List.of(), List.of(), started.toString(), seconds);
        try {
            Rejection rejection = new Rejection(name, sha, result.contractId(), reason, lines, started.toString());
            StoreManifest next = named == null ? manifest.withRejection(rejection)
                    : manifest.withVersionRejection(rejection, new StoreManifest.VersionRejection(name, sha,
                            contract.id(), named.reportingUnit(), iso(named.periodStart()), iso(named.periodEnd()),
                            named.version(), contract.messageVersions(), started.toString()));
            next.writeAtomically(store, id);
            manifest = next;
            record(id, result);
        } catch (IOException e) {
            throw new StoreException(store + ": cannot record the rejection of " + name + ": " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Takes the live delivery of {@code sourceFile} out in one atomic manifest switch, deletes its files unless a
     * reader holds them and records a {@link Retirement}.
     */
    Retirement retire(String sourceFile) {
        List<Delivery> matching = manifest.deliveries().stream().filter(d -> d.sourceFile().equals(sourceFile)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException(sourceFile + " is not a live delivery of " + store + " (live: "
                    + (manifest.deliveries().isEmpty() ? "none" : String.join(", ",
                    manifest.deliveries().stream().map(Delivery::sourceFile).toList())) + ")");
        }
        if (matching.size() > 1) {
            // file names follow one contract's pattern, so two contracts never share one
            throw new StoreException(store + ": " + sourceFile + " is live under several contracts");
        }
        Delivery d = matching.get(0);
        Instant now = Instant.now();
        String id = newId(now);
        try {
            StoreManifest next = manifest.without(List.of(d));
            next.writeAtomically(store, id);
            manifest = next;
        } catch (IOException e) {
            throw new StoreException(store + ": cannot retire " + sourceFile + ", store left unchanged: "
                    + e.getMessage(), e);
        }
        // a reader may still hold the retired files (its snapshot): they go once no lease lists them
        collectGarbage();
        Retirement r = new Retirement(d.sourceFile(), d.contractId(), d.contractVersion(), d.sha256(), d.id(),
                d.rowsStored(), d.files().size(), Retirement.RETIRED, now.toString());
        try {
            StoreManifest.JSON.writeValue(store.resolve("ingests").resolve(id + "-" + sourceFile + ".retired.json")
                    .toFile(), r);
        } catch (IOException e) {
            throw new StoreException(store + ": " + sourceFile + " is retired, but its record could not be written: "
                    + e.getMessage(), e);
        }
        return r;
    }

    /**
     * Records the result of a stored delivery in {@code ingests/} with its sample values redacted; returns it as it
     * may be printed: redacted, or with {@code showValues} in full but escaped.
     */
    IngestResult recordStored(String id, IngestResult result, Contract contract, boolean showValues) throws IOException {
        IngestResult redacted = redacted(result, contract);
        record(id, redacted);
        return showValues ? escaped(result) : redacted;
    }

    /** Writes the per-ingest manifest {@code STORE/ingests/<id>-<file>.json}. */
    private void record(String id, IngestResult result) throws IOException {
        Path out = store.resolve("ingests").resolve(id + "-" + result.sourceFile() + ".json");
        StoreManifest.JSON.writeValue(out.toFile(), result);
    }

    /** {@code result} with its sample values as they may be recorded and printed by default. */
    private static IngestResult redacted(IngestResult r, Contract contract) {
        Redaction redaction = Redaction.of(contract);
        List<FlaggedRow> samples = r.firstFlagged().stream()
                .map(row -> new FlaggedRow(row.row(), row.errors(), redaction.values(row.values()))).toList();
        return withSamples(r, samples);
    }

    /** {@code result} with its sample values in full but their control characters escaped, for --show-values. */
    private static IngestResult escaped(IngestResult r) {
        List<FlaggedRow> samples = r.firstFlagged().stream().map(row -> {
            Map<String, String> values = new TreeMap<>();
            row.values().forEach((k, v) -> values.put(k, Redaction.escape(v)));
            return new FlaggedRow(row.row(), row.errors(), values);
        }).toList();
        return withSamples(r, samples);
    }

    private static IngestResult withSamples(IngestResult r, List<FlaggedRow> samples) {
        return new IngestResult(r.sourceFile(), r.path(), r.sha256(), r.contractId(), r.contractVersion(), r.outcome(),
                r.reason(), r.rowsRead(), r.rowsStored(), r.rowsFlagged(), r.rowsWarned(), r.rowsRejected(),
                r.flaggedByReason(), samples, r.absentColumns(), r.startedAt(), r.seconds());
    }

    private static String literalList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(BoundSql::literal).toList()) + "]";
    }

    /**
     * Deletes the Parquet files of superseded generations that no live reader holds any more, and removes the leases
     * of dead readers; returns how many files went. A failure leaves them for the next try.
     */
    int collectGarbage() {
        try {
            return deleteUnheldFiles();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Deletes the files under data/ that neither the manifest nor a live reader's lease lists: those of superseded
     * generations no reader holds, and any left by a crash. Nothing when a lease cannot be read. Returns how many.
     */
    private int deleteUnheldFiles() throws IOException {
        Optional<Set<String>> held = ReaderLease.heldFiles(store);
        if (held.isEmpty()) return 0;
        Set<Path> keep = new HashSet<>();
        manifest.files().forEach(f -> keep.add(store.resolve(f).normalize()));
        deleteOtherDictionaries();
        held.get().forEach(f -> keep.add(store.resolve(f).normalize()));
        int deleted = 0;
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!keep.contains(p.normalize())) {
                    StoreFiles.deleteQuietly(p);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /**
     * Deletes the person key segments the manifest does not list (any a failed ingest left).
     * Readers never read a dictionary (the keys are in the deliveries' files), so no lease holds one.
     */
    private void deleteOtherDictionaries() throws IOException {
        Set<Path> live = new HashSet<>();
        if (manifest.persons() != null) manifest.persons().files().forEach(f -> live.add(store.resolve(f).normalize()));
        for (Path p : StoreFiles.list(store.resolve(PersonKeys.DICTIONARY_DIR))) {
            if (!live.contains(p.normalize())) StoreFiles.deleteQuietly(p);
        }
    }

    /** Deletes unheld files under data/ ({@link #deleteUnheldFiles}) and stale temp files. */
    void sweep(Path spillDir) throws IOException {
        deleteUnheldFiles();
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(".staging-"))
                    .toList()) {
                StoreFiles.deleteTree(p);
            }
        }
        for (Path p : StoreFiles.list(store)) {
            if (p.getFileName().toString().startsWith(StoreManifest.FILE_NAME + ".tmp-")) StoreFiles.deleteQuietly(p);
        }
        StoreFiles.deleteTree(spillDir);
    }

    private static String iso(java.time.LocalDate day) {
        return day == null ? null : day.toString();
    }
}
