package no.kvik.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.kvik.contract.Contract;
import no.kvik.store.IngestResult.FlaggedRow;
import no.kvik.store.StoreManifest.PartFile;

/**
 * The second ingest stage: reads a checked file into DuckDB, validates every row against its contract (flagging,
 * never dropping) and writes the typed Parquet files under their final names in {@code data/}, not yet listed in
 * the manifest; then counts what was written. Until the delivery switch, {@link #discard} takes it all back;
 * closing drops the file's temp tables.
 */
final class ValidatedCopy implements AutoCloseable {
    private static final long PROGRESS_MIN_BYTES = 64L << 20;
    private static final int SAMPLE_ROWS = 10;

    /** What the written Parquet files hold: rows, flagged and warned rows, per-reason counts, the first flagged rows. */
    record Counts(long rows, long flagged, long warned, List<PartFile> parts, Map<String, Long> byReason,
                  List<FlaggedRow> samples) {
    }

    private final IngestConnection db;
    private final Path store;
    private final Ingester.Checkpoint checkpoint;
    private final String name;
    private final DeliveryChecks.Readable file;
    private final ValidationSql sql;
    private final boolean showProgress;
    private final List<Path> placed = new ArrayList<>();
    private final StoreManifest.PersonDictionary currentPersons;
    private final int personIndex;
    /** The dictionary's segments after this copy and its size; null when the contract has no person id. */
    private List<String> personsFiles;
    private long personsCount;
    private Path staging;
    /** Wall-clock seconds of this copy's steps (see {@link IngestTimings}). */
    private double readSeconds;
    private double rowCheckSeconds;
    private double keySeconds;
    private double writeSeconds;
    private double countSeconds;

    ValidatedCopy(IngestConnection db, Path store, Ingester.Checkpoint checkpoint, String name,
                  DeliveryChecks.Readable file, StoreManifest.PersonDictionary currentPersons) {
        this.currentPersons = currentPersons;
        this.personIndex = PersonKeys.idIndex(file.contract());
        this.db = db;
        this.store = store;
        this.checkpoint = checkpoint;
        this.name = name;
        this.file = file;
        this.sql = new ValidationSql(file.contract());
        this.showProgress = file.digest().bytes() >= PROGRESS_MIN_BYTES;
    }

    /** Reads the file into the raw table; returns the rows read. A failure here means the file is unreadable. */
    long read() throws SQLException {
        List<BoundSql> load = sql.load(file.readFrom().toAbsolutePath().toString(), file.header(),
                file.digest().readEncoding(file.contract().format().encoding()));
        long t0 = System.nanoTime();
        db.setInsertionOrder(true); // rowid = file order (see ValidationSql.load)
        db.run(load.get(0), name + ": reading", showProgress);
        db.run(load.get(1), null, false);
        long rows = db.queryLong("SELECT count(*) FROM " + ValidationSql.RAW_TABLE);
        readSeconds = secondsSince(t0);
        return rows;
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** This copy's steps' seconds, with the ingest's own {@code checks} and {@code switchSeconds}. */
    IngestTimings timings(double checks, double switchSeconds) {
        return new IngestTimings(checks, readSeconds, rowCheckSeconds, keySeconds, writeSeconds, countSeconds,
                switchSeconds);
    }

    /** Validates and writes the rows as the Parquet files of delivery {@code id}, and counts them. */
    Counts write(String id, LocalDate periodEnd) throws IOException, SQLException {
        Path contractDir = store.resolve("data").resolve(file.contract().id());
        staging = contractDir.resolve(".staging-" + id);
        long t0 = System.nanoTime();
        db.run(sql.duplicates(), null, false);
        for (int i : sql.listColumns()) {
            db.run(sql.listChecks(i), name + ": list column " + i, showProgress);
        }
        rowCheckSeconds = secondsSince(t0);
        Files.createDirectories(contractDir);
        t0 = System.nanoTime();
        if (personIndex >= 0) updatePersons(id);
        keySeconds = secondsSince(t0);
        t0 = System.nanoTime();
        writeStaging(periodEnd);
        writeSeconds = secondsSince(t0);
        checkpoint.reached(Ingester.Step.PARQUET_WRITTEN, name);
        List<PartFile> parts = place(contractDir, id);
        StoreFiles.deleteTree(staging);
        checkpoint.reached(Ingester.Step.FILES_PLACED, name);
        t0 = System.nanoTime();
        Counts counts = withFlaggedValues(count(parts));
        countSeconds = secondsSince(t0);
        return counts;
    }

    /**
     * Loads the store's person key dictionary into {@value PersonKeys#TABLE}, adds the file's new person ids and, when
     * there were any, writes them as a new segment under a fresh name that no manifest lists yet ({@link PersonKeys}).
     */
    private void updatePersons(String id) throws IOException, SQLException {
        List<String> current = currentPersons == null ? List.of() : currentPersons.files();
        if (!current.equals(db.personsLoaded())) {
            // the connection's table holds another dictionary (none yet, or one a failed ingest added to): load it
            db.loadPersons(current.stream().map(store::resolve).toList());
        }
        // changed from here on: it matches a manifest again only once this copy is switched live (personsSwitched)
        db.personsLoaded(null);
        long before = db.queryLong("SELECT count(*) FROM " + PersonKeys.TABLE);
        db.run(new BoundSql().sql(PersonKeys.addNewIds(personIndex)), name + ": person keys", showProgress);
        personsCount = db.queryLong("SELECT count(*) FROM " + PersonKeys.TABLE);
        personsFiles = new ArrayList<>(current);
        if (personsCount == before) return;
        // keys are dense from 1, so the ones this ingest added are those above the count before it
        Path dir = store.resolve(PersonKeys.DICTIONARY_DIR);
        Files.createDirectories(dir);
        Path file = dir.resolve("persons-" + id + ".parquet");
        placed.add(file);
        db.run(new BoundSql().sql(PersonKeys.writeSegment(file, before)), null, false);
        personsFiles.add(store.relativize(file).toString());
    }

    /**
     * Tells the connection that this copy went live: its dictionary table now holds the dictionary the manifest
     * lists, so the next file of this ingest need not read it again (about 1 s per file with person ids once a
     * scale-0.3 store holds 1.5 M of them, measured on branch ingest1p).
     */
    void personsSwitched() {
        if (personIndex >= 0) db.personsLoaded(List.copyOf(personsFiles));
    }

    /**
     * The person key dictionary the store has once this copy is live: {@code previous} when the contract has no person
     * id, else this copy's (its deliveries: the live ones of {@code previous} and {@code deliveryId}).
     */
    StoreManifest.PersonDictionary persons(StoreManifest next, String deliveryId) {
        if (personIndex < 0) return next.persons();
        java.util.Set<String> live = new java.util.HashSet<>();
        next.deliveries().forEach(d -> live.add(d.id()));
        List<String> keyed = new ArrayList<>();
        if (currentPersons != null) {
            currentPersons.deliveries().stream().filter(live::contains).forEach(keyed::add);
        }
        if (!keyed.contains(deliveryId)) keyed.add(deliveryId);
        return new StoreManifest.PersonDictionary(personsFiles, personsCount, keyed);
    }

    /** The validated rows as Parquet under the staging folder, one {@code _year=} folder per year. */
    private void writeStaging(LocalDate periodEnd) throws IOException, SQLException {
        BoundSql full = new BoundSql().sql("COPY (");
        sql.validatedSelect(full, name, periodEnd, personIndex >= 0);
        // DuckDB 1.4 binds a COPY target '?' out of order (it took the first parameter): the staging path is
        // our own folder name, so it goes in as a quoted literal
        List<Integer> years = db.years(sql, periodEnd);
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
        db.setInsertionOrder(false);
        db.run(full, name + ": validating and writing", showProgress);
    }

    /** Moves the staged files to {@code year=<YYYY>/<file>-<id>[-k].parquet}, fresh names no manifest lists yet. */
    private List<PartFile> place(Path contractDir, String id) throws IOException {
        List<PartFile> parts = new ArrayList<>();
        String base = name.replaceFirst("\\.[^.]*$", "");
        for (Path partDir : StoreFiles.list(staging)) {
            String value = partDir.getFileName().toString().replaceFirst("^_year=", "");
            Integer year = value.equals("NULL") ? null : Integer.valueOf(value);
            Path target = contractDir.resolve("year=" + (year == null ? "unknown" : year));
            Files.createDirectories(target);
            int k = 0;
            for (Path f : StoreFiles.list(partDir)) {
                Path dest = target.resolve(base + "-" + id + (k++ == 0 ? "" : "-" + k) + ".parquet");
                Files.move(f, dest);
                placed.add(dest);
                parts.add(new PartFile(year, store.relativize(dest).toString(), 0));
            }
        }
        return parts;
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
            try (PreparedStatement ps = db.connection().prepareStatement(
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
            countReasons(path, byReason);
            firstFlagged(path, samples);
        }
        samples.sort(Comparator.comparingLong(FlaggedRow::row));
        return new Counts(rows, flagged, warned, counted, byReason,
                samples.subList(0, Math.min(SAMPLE_ROWS, samples.size())));
    }

    private void countReasons(String path, Map<String, Long> byReason) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT reason, count(*) FROM (SELECT "
                + "unnest(string_split(_errors, '" + ErrorReasons.SEPARATOR + "')) AS reason FROM read_parquet(?) "
                + "WHERE _errors IS NOT NULL) GROUP BY reason")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) byReason.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
    }

    private void firstFlagged(String path, List<FlaggedRow> samples) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT _row, _errors FROM read_parquet(?) "
                + "WHERE _errors IS NOT NULL ORDER BY _row LIMIT " + SAMPLE_ROWS)) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) samples.add(new FlaggedRow(rs.getLong(1), rs.getString(2), Map.of()));
            }
        }
    }

    /** The sample flagged rows with their flagged fields' text as read from the file (the side view is still there). */
    private Counts withFlaggedValues(Counts counts) throws SQLException {
        List<String> columns = file.contract().columnNames();
        List<FlaggedRow> samples = new ArrayList<>();
        for (FlaggedRow row : counts.samples()) {
            Map<String, String> values = new TreeMap<>();
            for (String item : row.errors().split(java.util.regex.Pattern.quote(ErrorReasons.SEPARATOR))) {
                String field = item.substring(item.indexOf(':') + 1).strip();
                int i = columns.indexOf(field);
                if (i < 0 || values.containsKey(field)) continue;
                try (PreparedStatement ps = db.connection().prepareStatement(
                        "SELECT _r" + i + " FROM " + ValidationSql.SIDE_VIEW + " WHERE _row = ?")) {
                    ps.setLong(1, row.row());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getString(1) != null) values.put(field, rs.getString(1));
                    }
                }
            }
            samples.add(new FlaggedRow(row.row(), row.errors(), values));
        }
        return new Counts(counts.rows(), counts.flagged(), counts.warned(), counts.parts(), counts.byReason(), samples);
    }

    /** Deletes the staged and placed files of this copy (before the switch, nothing lists them). */
    void discard() {
        if (staging != null) StoreFiles.deleteTree(staging);
        placed.forEach(StoreFiles::deleteQuietly);
        placed.clear();
    }

    /** The columns of the contract the file's header lacks. */
    List<String> absentColumns() {
        return file.contract().columnNames().stream().filter(c -> !file.header().contains(c)).toList();
    }

    @Override
    public void close() {
        db.dropTemps(sql);
    }
}
