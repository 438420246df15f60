package no.kvik.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.store.IngestResult.Outcome;
import no.kvik.store.StoreManifest.Delivery;

/**
 * Validates extract files against their contracts and stores them as typed Parquet
 * ({@code STORE/data/<contract>/year=<YYYY>/<file>-<ingest id>.parquet}).
 *
 * <p>Each file goes through three stages: {@link DeliveryChecks} (the file alone against the live manifest:
 * contract, unchanged, replaced names, same content, line ends, header, encoding), {@link ValidatedCopy} (read,
 * validate every row, write Parquet under fresh names, count) and {@link DeliverySwitch} (primary keys against the
 * other live deliveries, then the new {@code manifest.json} replaces the old one in a single atomic move, then
 * superseded files are deleted unless a reader still holds them: {@link ReaderLease}; those go at a later ingest
 * or {@link #collectGarbage}). Until the move, readers (who only read files listed in the manifest) see the
 * previous state unchanged; files left behind by a crash are not listed anywhere and are swept when the next
 * ingester opens. One ingester at a time holds {@code STORE/.lock}.
 */
public final class Ingester implements AutoCloseable {
    /** The points between the steps of storing one file, for tests that simulate a failure. */
    public enum Step { PARQUET_WRITTEN, FILES_PLACED, MANIFEST_SWITCHED }

    /** Called at each {@link Step}; an exception thrown here aborts the ingest as a crash would. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(Step step, String sourceFile) throws IOException;
    }

    private static final String SPILL_DIR = ".spill";
    private static final Pattern FILE_NAME_YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    private final Path store;
    private final IngestConnection db;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Checkpoint checkpoint;
    private final DeliveryChecks checks;
    private final DeliverySwitch deliveries;
    private boolean showValues;
    /** Where the last file's ingest spent its time ({@link IngestTimings}). */
    private IngestTimings lastTimings = IngestTimings.NONE;

    /** One file's ingest: its path and name, when it started (wall clock and for the elapsed seconds). */
    private record Attempt(Path file, String name, Instant started, long t0) {
        double seconds() {
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private Ingester(Path store, Contracts contracts, IngestConnection db, FileChannel lockChannel, FileLock lock,
                     Checkpoint checkpoint) {
        this.store = store;
        this.db = db;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.checkpoint = checkpoint;
        this.checks = new DeliveryChecks(contracts, store.resolve(SPILL_DIR));
        this.deliveries = new DeliverySwitch(store);
    }

    /** Opens (creating if needed) a store for ingesting; {@code progress} may be null for silence. */
    public static Ingester open(Path storeDir, KvikHome home, Consumer<String> progress) {
        return open(storeDir, home, progress, (step, file) -> { });
    }

    /** As {@link #open(Path, KvikHome, Consumer)}, with a hook called between the steps of each file. */
    public static Ingester open(Path storeDir, KvikHome home, Consumer<String> progress, Checkpoint checkpoint) {
        Path store = storeDir.toAbsolutePath().normalize();
        Contracts contracts = Contracts.load(home.contracts());
        FileChannel channel = null;
        IngestConnection db = null;
        try {
            Files.createDirectories(store.resolve("data"));
            Files.createDirectories(store.resolve("ingests"));
            channel = FileChannel.open(store.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by another Ingester in this same process
            }
            if (lock == null) {
                throw new StoreBusyException(store + ": busy: another ingest or store command holds the store lock "
                        + "(.lock); nothing was changed, try again when it has finished");
            }
            db = IngestConnection.open(store.resolve(SPILL_DIR), home.reference(), progress);
            Ingester ingester = new Ingester(store, contracts, db, channel, lock, checkpoint);
            ingester.deliveries.sweep(store.resolve(SPILL_DIR));
            return ingester;
        } catch (IOException | SQLException | RuntimeException e) {
            if (db != null) db.close();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (e instanceof StoreException se) throw se;
            throw new StoreException(store + ": cannot open store for ingest: " + e.getMessage(), e);
        }
    }

    public StoreManifest manifest() {
        return deliveries.manifest();
    }

    /**
     * Makes the results returned from here on carry the flagged fields' values in full and unmasked, for printing
     * to the user's terminal only; the ingest records written to the store stay redacted ({@link Redaction}).
     */
    public Ingester showingValues() {
        this.showValues = true;
        return this;
    }

    /**
     * Takes the live delivery of source file {@code sourceFile} out of the store in one atomic manifest switch (as
     * {@code --replaces} does, without a replacing file), deletes its Parquet files after the switch and records a
     * {@link Retirement}. An unknown name is an {@link IllegalArgumentException} listing the live deliveries.
     */
    public Retirement retire(String sourceFile) {
        return deliveries.retire(sourceFile);
    }

    /** Ingests the files in the order given; each file is its own atomic change. */
    public List<IngestResult> ingestAll(List<Path> files) {
        List<IngestResult> results = new ArrayList<>();
        for (Path f : files) {
            results.add(ingest(f));
        }
        return results;
    }

    /** Ingests one file: stores it (flagging bad rows), rejects it whole, or leaves an identical delivery alone. */
    public IngestResult ingest(Path file) {
        return ingest(file, Set.of());
    }

    /**
     * Ingests one file that takes the place of the live deliveries named in {@code replaces} (source file names of
     * the same contract, e.g. a cumulative extract replacing the yearly one it includes): their rows do not count
     * as repeated, and they leave the store in the same atomic manifest switch that adds the new delivery.
     */
    public IngestResult ingest(Path file, Set<String> replaces) {
        Attempt a = new Attempt(file, file.getFileName().toString(), Instant.now(), System.nanoTime());
        lastTimings = IngestTimings.NONE;
        DeliveryChecks.Verdict verdict = checks.check(file, replaces, deliveries.manifest());
        lastTimings = new IngestTimings(a.seconds(), 0, 0, 0, 0, 0, 0);
        if (verdict instanceof DeliveryChecks.Rejection r) {
            if (r.wrongVersion() != null) {
                return deliveries.rejectVersion(a.file(), r.digest().sha256(), r.contract(), r.reason(), r.lines(),
                        r.wrongVersion(), a.started(), a.seconds());
            }
            return reject(a, r.digest() == null ? null : r.digest().sha256(), r.contract(), r.reason(), r.lines());
        }
        if (verdict instanceof DeliveryChecks.Unchanged u) {
            Delivery d = u.delivery();
            return new IngestResult(a.name(), file.toString(), d.sha256(), u.contract().id(), d.contractVersion(),
                    Outcome.UNCHANGED, null, d.rowsRead(), d.rowsStored(), d.rowsFlagged(), d.rowsWarned(), 0,
                    Map.of(), List.of(), List.of(), a.started().toString(), a.seconds());
        }
        DeliveryChecks.Readable readable = (DeliveryChecks.Readable) verdict;
        try {
            return copyAndSwitch(a, readable, replaces);
        } finally {
            if (readable.lfCopy() != null) StoreFiles.deleteQuietly(readable.lfCopy());
        }
    }

    /** Reads the checked file into a validated copy and, when it is whole, switches the store to it. */
    private IngestResult copyAndSwitch(Attempt a, DeliveryChecks.Readable f, Set<String> replaces) {
        try (ValidatedCopy copy = new ValidatedCopy(db, store, checkpoint, a.name(), f, deliveries.manifest().persons())) {
            long rowsRead;
            try {
                rowsRead = copy.read();
            } catch (SQLException e) {
                return reject(a, f.digest().sha256(), f.contract(), unreadable(f.contract(), e),
                        FileChecks.dataLines(a.file()));
            }
            double beforeSwitch = a.seconds();
            try {
                return store(a, f, copy, rowsRead, replaces);
            } finally {
                IngestTimings copied = copy.timings(lastTimings.checks(), 0);
                lastTimings = copy.timings(lastTimings.checks(), Math.max(0, a.seconds() - beforeSwitch
                        - copied.rowChecks() - copied.keys() - copied.write() - copied.count()));
            }
        }
    }

    /** Where the last {@link #ingest} spent its wall-clock seconds, step by step. */
    public IngestTimings lastTimings() {
        return lastTimings;
    }

    private static String unreadable(Contract contract, SQLException e) {
        return "cannot be read as " + contract.format().encoding() + " '" + contract.format().delimiter()
                + "'-separated text: " + duckDbReason(e);
    }

    /**
     * The last day of the delivery's period, for the contracts' plausibility rules: 31 December of the last year
     * (19xx or 20xx) written in the file name ({@code death_2023.csv}, {@code npr_somatic_2019-2023.csv}), or the
     * ingest day when the name has no year.
     */
    static LocalDate periodEnd(String fileName, Instant ingestStarted) {
        Matcher m = FILE_NAME_YEAR.matcher(fileName);
        String year = null;
        while (m.find()) year = m.group(1);
        return year != null ? LocalDate.of(Integer.parseInt(year), 12, 31)
                : LocalDate.ofInstant(ingestStarted, ZoneOffset.UTC);
    }

    /**
     * Writes the validated copy, checks its row balance and keys, and switches the manifest to it; on any failure
     * before the switch the copy's files are deleted and the store is as it was.
     */
    private IngestResult store(Attempt a, DeliveryChecks.Readable f, ValidatedCopy copy, long rowsRead,
                               Set<String> replaces) {
        Contract contract = f.contract();
        String id = DeliverySwitch.newId(a.started());
        boolean committed = false;
        try {
            ValidatedCopy.Counts counts = copy.write(id, periodEnd(a.name(), a.started()));
            if (counts.rows() != rowsRead) {
                throw new StoreException(a.name() + ": row balance broken: read " + rowsRead + ", written " + counts.rows());
            }
            String overlap = deliveries.keysInOtherDeliveries(db.connection(), contract, a.name(), replaces, counts.parts());
            if (overlap != null) {
                copy.discard();
                return reject(a, f.digest().sha256(), contract, overlap, rowsRead);
            }
            Delivery delivery = new Delivery(id, contract.id(), contract.version(), a.name(), f.digest().sha256(),
                    a.started().toString(), rowsRead, counts.rows(), counts.flagged(), counts.warned(), counts.parts());
            List<Delivery> retired = deliveries.switchTo(delivery, replaces, id, copy);
            committed = true;
            copy.personsSwitched();
            checkpoint.reached(Step.MANIFEST_SWITCHED, a.name());
            // the superseded files go now unless a reader still holds them (then at a later ingest or gc)
            deliveries.collectGarbage();
            IngestResult result = new IngestResult(a.name(), a.file().toString(), f.digest().sha256(), contract.id(),
                    contract.version(), f.existing().isPresent() || !retired.isEmpty() ? Outcome.REPLACED : Outcome.STORED,
                    retired.isEmpty() ? null : "replaced " + String.join(", ", retired.stream().map(Delivery::sourceFile).toList()),
                    rowsRead,
                    counts.rows(), counts.flagged(), counts.warned(), 0, counts.byReason(), counts.samples(),
                    copy.absentColumns(), a.started().toString(), a.seconds());
            return deliveries.recordStored(id, result, contract, showValues);
        } catch (IOException | SQLException e) {
            throw new StoreException(a.name() + ": ingest failed, store left unchanged"
                    + (committed ? " (after the manifest switch: the new delivery is live)" : "") + ": "
                    + (e instanceof SQLException se ? duckDbReason(se) : e.getMessage()), e);
        } finally {
            if (!committed) copy.discard();
        }
    }

    private IngestResult reject(Attempt a, String sha, Contract contract, String reason, long lines) {
        return deliveries.reject(a.file(), sha, contract, reason, lines, a.started(), a.seconds());
    }

    /**
     * Deletes the Parquet files of superseded generations that no live reader holds any more, and removes the leases
     * of dead readers; returns how many files went. A failure leaves them for the next try.
     */
    public int collectGarbage() {
        return deliveries.collectGarbage();
    }

    /** How often this ingester read the store's person key dictionary (once per ingest while files succeed). */
    int dictionaryLoads() {
        return db.dictionaryLoads();
    }

    static String duckDbReason(SQLException e) {
        return Redaction.duckDbReason(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    static void deleteQuietly(Path p) {
        StoreFiles.deleteQuietly(p);
    }

    @Override
    public void close() {
        db.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process
        }
    }
}
