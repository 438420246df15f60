package no.kvik.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import no.kvik.store.FileChecks.Digest;
import no.kvik.store.FileChecks.Rejected;
import no.kvik.store.IngestResult.FlaggedRow;
import no.kvik.store.IngestResult.Outcome;
import no.kvik.store.StoreManifest.Delivery;
import no.kvik.store.StoreManifest.PartFile;
import no.kvik.store.StoreManifest.Rejection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;

/**
 * Validates extract files against their contracts and stores them as typed Parquet
 * ({@code STORE/data/<contract>/year=<YYYY>/<file>-<ingest id>.parquet}).
 *
 * <p>Each file is one atomic change of the store: new Parquet files get fresh names, then the new
 * {@code manifest.json} replaces the old one in a single atomic move, then superseded files are deleted unless a
 * reader still holds them ({@link ReaderLease}: those go at a later ingest or {@link #collectGarbage}).
 * Until the move, readers (who only read files listed in the manifest) see the previous state unchanged;
 * files left behind by a crash are not listed anywhere and are swept when the next ingester opens.
 * One ingester at a time holds {@code STORE/.lock}.
 */
public final class Ingester implements AutoCloseable {
    /** The points between the steps of storing one file, for tests that simulate a failure. */
    public enum Step { PARQUET_WRITTEN, FILES_PLACED, MANIFEST_SWITCHED }

    /** Called at each {@link Step}; an exception thrown here aborts the ingest as a crash would. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(Step step, String sourceFile) throws IOException;
    }

    private static final long PROGRESS_MIN_BYTES = 64L << 20;
    private static final String SPILL_DIR = ".spill";
    private static final int SAMPLE_ROWS = 10;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FILE_NAME_YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    private final Path store;
    private final Contracts contracts;
    private final Connection connection;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Consumer<String> progress;
    private final Checkpoint checkpoint;
    private StoreManifest manifest;
    private boolean showValues;

    private Ingester(Path store, Contracts contracts, Connection connection, FileChannel lockChannel,
                     FileLock lock, Consumer<String> progress, Checkpoint checkpoint) {
        this.store = store;
        this.contracts = contracts;
        this.connection = connection;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.progress = progress;
        this.checkpoint = checkpoint;
        this.manifest = StoreManifest.read(store);
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
        Connection conn = null;
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
            // progress tracking for the progress poller; a file is read into a temp table first, and beyond the
            // memory limit DuckDB spills it to the store's spill folder
            conn = DuckDb.open(DuckDb.Settings.DEFAULTS.withProgressTracking()
                    .withTempDirectory(store.resolve(SPILL_DIR)));
            ReferenceData.register(conn, home.reference());
            CodeSets.create(conn);
            Ingester ingester = new Ingester(store, contracts, conn, channel, lock, progress, checkpoint);
            ingester.sweep();
            return ingester;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(conn);
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
        return manifest;
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
        String id = ID_TIME.format(now) + "-" + Integer.toHexString(0x10000 + RANDOM.nextInt(0x10000)).substring(1);
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
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String name = file.getFileName().toString();
        Digest digest;
        try {
            digest = FileChecks.digest(file);
        } catch (IOException e) {
            return reject(file, null, null, "cannot read file: " + e.getMessage(), 0, started, t0);
        }
        Optional<Contract> match = contracts.forFileName(name);
        if (match.isEmpty()) {
            return reject(file, digest, null, "no contract matches the file name (known patterns: "
                    + String.join(", ", contracts.all().stream().map(Contract::fileNamePattern).toList()) + ")",
                    FileChecks.dataLines(file), started, t0);
        }
        Contract contract = match.get();
        Optional<Delivery> existing = manifest.delivery(contract.id(), name);
        if (existing.isPresent() && existing.get().sha256().equals(digest.sha256())) {
            Delivery d = existing.get();
            return new IngestResult(name, file.toString(), d.sha256(), contract.id(), d.contractVersion(),
                    Outcome.UNCHANGED, null, d.rowsRead(), d.rowsStored(), d.rowsFlagged(), d.rowsWarned(), 0,
                    Map.of(), List.of(), List.of(), started.toString(), seconds(t0));
        }
        for (String replaced : replaces) {
            if (replaced.equals(name) || manifest.delivery(contract.id(), replaced).isEmpty()) {
                return reject(file, digest, contract, "it should replace " + replaced + ", which is not another live "
                        + "delivery of " + contract.id() + " (live: " + String.join(", ", manifest.deliveries(contract.id())
                        .stream().map(Delivery::sourceFile).toList()) + ")", FileChecks.dataLines(file), started, t0);
            }
        }
        Optional<Delivery> sameContent = manifest.deliveries(contract.id()).stream()
                .filter(d -> !d.sourceFile().equals(name) && !replaces.contains(d.sourceFile()))
                .filter(d -> d.sha256().equals(digest.sha256())).findFirst();
        if (sameContent.isPresent()) {
            return reject(file, digest, contract, "same content (SHA-256) as the live delivery "
                    + sameContent.get().sourceFile() + ": stored again, every row would count twice",
                    FileChecks.dataLines(file), started, t0);
        }
        Path lfCopy = null;
        try {
            if (!ValidationSql.duckDbEncoding(contract.format().encoding()).equals("utf-16")
                    && FileChecks.crLineEnds(file)) {
                // lines ending in CR only (classic Mac OS): read from a copy with LF line ends, same rows and numbers
                lfCopy = FileChecks.copyWithLfLineEnds(file, store.resolve(SPILL_DIR));
            }
        } catch (IOException e) {
            return reject(file, digest, contract, "cannot read file: " + e.getMessage(), FileChecks.dataLines(file),
                    started, t0);
        }
        try {
            return read(file, lfCopy == null ? file : lfCopy, digest, contract, existing, replaces, started, t0);
        } finally {
            if (lfCopy != null) deleteQuietly(lfCopy);
        }
    }

    /** Reads {@code readFrom} (the file itself, or its copy with LF line ends) and stores or rejects {@code file}. */
    private IngestResult read(Path file, Path readFrom, Digest digest, Contract contract, Optional<Delivery> existing,
                              Set<String> replaces, Instant started, long t0) {
        String name = file.getFileName().toString();
        List<String> header;
        try {
            header = FileChecks.header(readFrom, contract);
            if (ValidationSql.duckDbEncoding(contract.format().encoding()).equals("latin-1")
                    && digest.looksUtf8()) {
                throw new Rejected("the file is UTF-8 encoded but the contract declares "
                        + contract.format().encoding());
            }
        } catch (Rejected r) {
            return reject(file, digest, contract, r.getMessage(), FileChecks.dataLines(file), started, t0);
        } catch (IOException e) {
            return reject(file, digest, contract, "cannot read file: " + e.getMessage(), FileChecks.dataLines(file),
                    started, t0);
        }
        ValidationSql sql = new ValidationSql(contract);
        LocalDate periodEnd = periodEnd(name, started);
        String path = readFrom.toAbsolutePath().toString();
        long rowsRead;
        try {
            List<BoundSql> load = sql.load(path, header, digest.readEncoding(contract.format().encoding()));
            setInsertionOrder(true); // rowid = file order (see ValidationSql.load)
            run(load.get(0), name + ": reading", digest.bytes() >= PROGRESS_MIN_BYTES);
            run(load.get(1), null, false);
            rowsRead = queryLong("SELECT count(*) FROM " + ValidationSql.RAW_TABLE);
        } catch (SQLException e) {
            dropTemps(sql);
            return reject(file, digest, contract, unreadable(contract, e), FileChecks.dataLines(file), started, t0);
        }
        try {
            List<String> absent = contract.columnNames().stream().filter(c -> !header.contains(c)).toList();
            return store(file, digest, contract, sql, periodEnd, rowsRead, absent, existing, replaces, started, t0);
        } finally {
            dropTemps(sql);
        }
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

    private IngestResult store(Path file, Digest digest, Contract contract, ValidationSql sql, LocalDate periodEnd,
                               long rowsRead,
                               List<String> absent, Optional<Delivery> existing, Set<String> replaces,
                               Instant started, long t0) {
        String name = file.getFileName().toString();
        String id = ID_TIME.format(started) + "-" + Integer.toHexString(0x10000 + RANDOM.nextInt(0x10000)).substring(1);
        Path contractDir = store.resolve("data").resolve(contract.id());
        Path staging = contractDir.resolve(".staging-" + id);
        List<Path> placed = new ArrayList<>();
        boolean committed = false;
        try {
            run(sql.duplicates(), null, false);
            for (int i : sql.listColumns()) {
                run(sql.listChecks(i), name + ": list column " + i, digest.bytes() >= PROGRESS_MIN_BYTES);
            }
            Files.createDirectories(contractDir);
            BoundSql full = new BoundSql().sql("COPY (");
            sql.validatedSelect(full, name, periodEnd);
            // DuckDB 1.4 binds a COPY target '?' out of order (it took the first parameter): the staging path is
            // our own folder name, so it goes in as a quoted literal
            List<Integer> years = years(sql, periodEnd);
            if (years.size() == 1) {
                // one year, the usual delivery: a plain write, as PARTITION_BY doubles the cost of writing
                Integer year = years.get(0);
                Path dir = staging.resolve("_year=" + (year == null ? "NULL" : year));
                Files.createDirectories(dir);
                full.sql(") TO " + BoundSql.literal(dir.resolve("data_0.parquet").toString()) + " (FORMAT parquet)");
            } else {
                full.sql(") TO " + BoundSql.literal(staging.toString()))
                        .sql(" (FORMAT parquet, PARTITION_BY (_year), WRITE_PARTITION_COLUMNS true)");
            }
            // rows carry their _row: the Parquet files need no order, and keeping one costs half the write speed
            setInsertionOrder(false);
            run(full, name + ": validating and writing", digest.bytes() >= PROGRESS_MIN_BYTES);
            checkpoint.reached(Step.PARQUET_WRITTEN, name);

            List<PartFile> parts = new ArrayList<>();
            String base = name.replaceFirst("\\.[^.]*$", "");
            for (Path partDir : list(staging)) {
                String value = partDir.getFileName().toString().replaceFirst("^_year=", "");
                Integer year = value.equals("NULL") ? null : Integer.valueOf(value);
                Path target = contractDir.resolve("year=" + (year == null ? "unknown" : year));
                Files.createDirectories(target);
                int k = 0;
                for (Path f : list(partDir)) {
                    Path dest = target.resolve(base + "-" + id + (k++ == 0 ? "" : "-" + k) + ".parquet");
                    Files.move(f, dest);
                    placed.add(dest);
                    parts.add(new PartFile(year, store.relativize(dest).toString(), 0));
                }
            }
            deleteTree(staging);
            checkpoint.reached(Step.FILES_PLACED, name);

            Counts counts = withFlaggedValues(count(parts), contract);
            if (counts.rows != rowsRead) {
                throw new StoreException(name + ": row balance broken: read " + rowsRead + ", written " + counts.rows);
            }
            String overlap = keysInOtherDeliveries(contract, name, replaces, parts);
            if (overlap != null) {
                deleteTree(staging);
                placed.forEach(Ingester::deleteQuietly);
                placed.clear();
                return reject(file, digest, contract, overlap, rowsRead, started, t0);
            }
            Delivery delivery = new Delivery(id, contract.id(), contract.version(), name, digest.sha256(),
                    started.toString(), rowsRead, counts.rows, counts.flagged, counts.warned, counts.parts);
            List<Delivery> retired = manifest.deliveries(contract.id()).stream()
                    .filter(d -> replaces.contains(d.sourceFile())).toList();
            StoreManifest next = manifest.withDelivery(delivery).without(retired);
            next.writeAtomically(store, id);
            manifest = next;
            committed = true;
            checkpoint.reached(Step.MANIFEST_SWITCHED, name);
            // the superseded files go now unless a reader still holds them (then at a later ingest or gc)
            collectGarbage();
            IngestResult result = new IngestResult(name, file.toString(), digest.sha256(), contract.id(),
                    contract.version(), existing.isPresent() || !retired.isEmpty() ? Outcome.REPLACED : Outcome.STORED,
                    retired.isEmpty() ? null : "replaced " + String.join(", ", retired.stream().map(Delivery::sourceFile).toList()),
                    rowsRead,
                    counts.rows, counts.flagged, counts.warned, 0, counts.byReason, counts.samples, absent,
                    started.toString(), seconds(t0));
            IngestResult redacted = redacted(result, contract);
            record(id, redacted);
            return showValues ? escaped(result) : redacted;
        } catch (IOException | SQLException e) {
            throw new StoreException(name + ": ingest failed, store left unchanged"
                    + (committed ? " (after the manifest switch: the new delivery is live)" : "") + ": "
                    + (e instanceof SQLException se ? duckDbReason(se) : e.getMessage()), e);
        } finally {
            if (!committed) {
                deleteTree(staging);
                placed.forEach(Ingester::deleteQuietly);
            }
        }
    }

    /**
     * Why the new delivery's usable rows may not join the store: some repeat a primary key of a usable row in another
     * live delivery of the contract (a resend or an overlapping extract under a new file name), so both would be
     * counted. Null when none do, or the contract has no key.
     */
    private String keysInOtherDeliveries(Contract contract, String name, Set<String> replaces, List<PartFile> parts)
            throws SQLException {
        List<String> others = manifest.deliveries(contract.id()).stream()
                .filter(d -> !d.sourceFile().equals(name) && !replaces.contains(d.sourceFile()))
                .flatMap(d -> d.files().stream()).map(f -> store.resolve(f.path()).toString()).toList();
        if (contract.primaryKey().isEmpty() || others.isEmpty() || parts.isEmpty()) return null;
        List<String> mine = parts.stream().map(f -> store.resolve(f.path()).toString()).toList();
        String keys = String.join(", ", contract.primaryKey().stream().map(BoundSql::identifier).toList());
        String sql = "SELECT count(*), any_value(concat_ws(' ', " + keys + ")), any_value(_source_file) FROM "
                + "(SELECT " + keys + " FROM read_parquet(" + literalList(mine) + ") WHERE " + Store.usable(contract)
                + ") n JOIN (SELECT " + keys + ", _source_file FROM read_parquet(" + literalList(others)
                + ", union_by_name = true) WHERE " + Store.usable(contract) + ") o USING (" + keys + ")";
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

    /** The sample flagged rows with their flagged fields' text as read from the file (the side view is still there). */
    private Counts withFlaggedValues(Counts counts, Contract contract) throws SQLException {
        List<String> columns = contract.columnNames();
        List<FlaggedRow> samples = new ArrayList<>();
        for (FlaggedRow row : counts.samples) {
            Map<String, String> values = new TreeMap<>();
            for (String item : row.errors().split(java.util.regex.Pattern.quote(ErrorReasons.SEPARATOR))) {
                String field = item.substring(item.indexOf(':') + 1).strip();
                int i = columns.indexOf(field);
                if (i < 0 || values.containsKey(field)) continue;
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT _r" + i + " FROM " + ValidationSql.SIDE_VIEW + " WHERE _row = ?")) {
                    ps.setLong(1, row.row());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getString(1) != null) values.put(field, rs.getString(1));
                    }
                }
            }
            samples.add(new FlaggedRow(row.row(), row.errors(), values));
        }
        return new Counts(counts.rows, counts.flagged, counts.warned, counts.parts, counts.byReason, samples);
    }

    /** {@code result} with its sample values as they may be recorded and printed by default. */
    private static IngestResult redacted(IngestResult r, Contract contract) {
        Redaction redaction = Redaction.of(contract);
        List<FlaggedRow> samples = r.firstFlagged().stream()
                .map(row -> new FlaggedRow(row.row(), row.errors(), redaction.values(row.values()))).toList();
        return new IngestResult(r.sourceFile(), r.path(), r.sha256(), r.contractId(), r.contractVersion(), r.outcome(),
                r.reason(), r.rowsRead(), r.rowsStored(), r.rowsFlagged(), r.rowsWarned(), r.rowsRejected(),
                r.flaggedByReason(), samples, r.absentColumns(), r.startedAt(), r.seconds());
    }

    /** {@code result} with its sample values in full but their control characters escaped, for --show-values. */
    private static IngestResult escaped(IngestResult r) {
        List<FlaggedRow> samples = r.firstFlagged().stream().map(row -> {
            Map<String, String> values = new TreeMap<>();
            row.values().forEach((k, v) -> values.put(k, Redaction.escape(v)));
            return new FlaggedRow(row.row(), row.errors(), values);
        }).toList();
        return new IngestResult(r.sourceFile(), r.path(), r.sha256(), r.contractId(), r.contractVersion(), r.outcome(),
                r.reason(), r.rowsRead(), r.rowsStored(), r.rowsFlagged(), r.rowsWarned(), r.rowsRejected(),
                r.flaggedByReason(), samples, r.absentColumns(), r.startedAt(), r.seconds());
    }

    private static String literalList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(BoundSql::literal).toList()) + "]";
    }

    private record Counts(long rows, long flagged, long warned, List<PartFile> parts, Map<String, Long> byReason,
                          List<FlaggedRow> samples) {
    }

    private Counts count(List<PartFile> parts) throws SQLException {
        long rows = 0;
        long flagged = 0;
        long warned = 0;
        List<PartFile> counted = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        List<FlaggedRow> samples = new ArrayList<>();
        for (PartFile part : parts) {
            String path = store.resolve(part.path()).toString();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT count(*), count(_errors), count(_warnings) FROM read_parquet(?)")) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows += rs.getLong(1);
                    flagged += rs.getLong(2);
                    warned += rs.getLong(3);
                    counted.add(new PartFile(part.year(), part.path(), rs.getLong(1)));
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT reason, count(*) FROM (SELECT "
                    + "unnest(string_split(_errors, '" + ErrorReasons.SEPARATOR + "')) AS reason FROM read_parquet(?) "
                    + "WHERE _errors IS NOT NULL) GROUP BY reason")) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byReason.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT _row, _errors FROM read_parquet(?) "
                    + "WHERE _errors IS NOT NULL ORDER BY _row LIMIT " + SAMPLE_ROWS)) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) samples.add(new FlaggedRow(rs.getLong(1), rs.getString(2), Map.of()));
                }
            }
        }
        samples.sort(Comparator.comparingLong(FlaggedRow::row));
        return new Counts(rows, flagged, warned, counted, byReason,
                samples.subList(0, Math.min(SAMPLE_ROWS, samples.size())));
    }

    private IngestResult reject(Path file, Digest digest, Contract contract, String reason, long lines,
                                Instant started, long t0) {
        String name = file.getFileName().toString();
        String sha = digest == null ? null : digest.sha256();
        String id = ID_TIME.format(started) + "-" + Integer.toHexString(0x10000 + RANDOM.nextInt(0x10000)).substring(1);
        IngestResult result = new IngestResult(name, file.toString(), sha, contract == null ? null : contract.id(),
                contract == null ? null : contract.version(), Outcome.REJECTED, reason, lines, 0, 0, 0, lines,
                Map.of(), List.of(), List.of(), started.toString(), seconds(t0));
        try {
            StoreManifest next = manifest.withRejection(new Rejection(name, sha, result.contractId(), reason, lines,
                    started.toString()));
            next.writeAtomically(store, id);
            manifest = next;
            record(id, result);
        } catch (IOException e) {
            throw new StoreException(store + ": cannot record the rejection of " + name + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** Writes the per-ingest manifest {@code STORE/ingests/<id>-<file>.json}. */
    private void record(String id, IngestResult result) throws IOException {
        Path out = store.resolve("ingests").resolve(id + "-" + result.sourceFile() + ".json");
        StoreManifest.JSON.writeValue(out.toFile(), result);
    }

    /** Runs a statement, reporting DuckDB's query progress on long files. */
    private void run(BoundSql sql, String label, boolean showProgress) throws SQLException {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        try (PreparedStatement ps = sql.prepare(connection)) {
            Thread poller = null;
            if (showProgress && progress != null && label != null) {
                DuckDBPreparedStatement dps = ps.unwrap(DuckDBPreparedStatement.class);
                poller = new Thread(() -> pollProgress(dps, label), "kvik-progress");
                poller.setDaemon(true);
                poller.start();
            }
            try {
                ps.execute();
            } finally {
                if (poller != null) {
                    poller.interrupt();
                    try {
                        poller.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    progress.accept(String.format("%s: done in %.1f s (process CPU %.1f s)", label, seconds(t0),
                            (processCpuNanos() - cpu0) / 1e9));
                }
            }
        }
    }

    private void pollProgress(DuckDBPreparedStatement ps, String label) {
        int lastStep = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
                QueryProgress qp = ps.getQueryProgress();
                // one line per 5 % step: readable in a terminal and in a log file alike
                int step = qp == null || qp.getPercentage() < 0 ? -1 : (int) Math.min(20, qp.getPercentage() / 5);
                if (step > lastStep) {
                    lastStep = step;
                    progress.accept(String.format("%s [%s%s] %3d%%", label, "#".repeat(step), ".".repeat(20 - step),
                            step * 5));
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                return; // progress is best effort: the statement may just have finished
            }
        }
    }

    private List<Integer> years(ValidationSql sql, LocalDate periodEnd) throws SQLException {
        List<Integer> years = new ArrayList<>();
        try (PreparedStatement ps = sql.years(periodEnd).prepare(connection); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int y = rs.getInt(1);
                years.add(rs.wasNull() ? null : y);
            }
        }
        return years;
    }

    private void setInsertionOrder(boolean on) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET preserve_insertion_order = " + on);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void dropTemps(ValidationSql sql) {
        List<String> drops = new ArrayList<>(List.of("DROP VIEW IF EXISTS " + ValidationSql.SIDE_VIEW,
                "DROP TABLE IF EXISTS " + ValidationSql.RAW_TABLE, "DROP TABLE IF EXISTS _dup_rows"));
        sql.listColumns().forEach(i -> drops.add("DROP TABLE IF EXISTS _list_" + i));
        for (String drop : drops) {
            try (Statement st = connection.createStatement()) {
                st.execute(drop);
            } catch (SQLException ignored) {
                // a fresh statement per drop: one failure must not keep the others
            }
        }
    }

    /**
     * Deletes the Parquet files of superseded generations that no live reader holds any more, and removes the leases
     * of dead readers; returns how many files went. A failure leaves them for the next try.
     */
    public int collectGarbage() {
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
        held.get().forEach(f -> keep.add(store.resolve(f).normalize()));
        int deleted = 0;
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!keep.contains(p.normalize())) {
                    deleteQuietly(p);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Deletes unheld files under data/ ({@link #deleteUnheldFiles}) and stale temp files. */
    private void sweep() throws IOException {
        deleteUnheldFiles();
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(".staging-"))
                    .toList()) {
                deleteTree(p);
            }
        }
        for (Path p : list(store)) {
            if (p.getFileName().toString().startsWith(StoreManifest.FILE_NAME + ".tmp-")) deleteQuietly(p);
        }
        deleteTree(store.resolve(SPILL_DIR));
    }

    static String duckDbReason(SQLException e) {
        return Redaction.duckDbReason(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException ignored) {
            // what is left is swept on the next open
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // swept on the next open
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process
        }
    }
}
