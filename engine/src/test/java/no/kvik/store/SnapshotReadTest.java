package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader keeps the manifest generation it opened while replacing ingests run; unheld old files are deleted. */
class SnapshotReadTest {
    static final String COUNT = ReplaceTest.COUNT;
    /** What COUNT gives over v1 (E1, E2: one file) and over v2 (E1, E3, E4: 2020 and 2021, two files). */
    static final List<List<String>> V1 = List.of(List.of("2", "E1,E2"));
    static final List<List<String>> V2 = List.of(List.of("3", "E1,E3,E4"));
    /** Store openings per reader in the race (a few tenths of a second each); without leases the first ones fail. */
    static final int READS = 6;

    @TempDir
    Path tmp;

    Path store() {
        return tmp.resolve("store");
    }

    Path v1() throws IOException {
        return Extracts.somaticFile(Files.createDirectories(tmp.resolve("v1")), "npr_somatic_2021.csv",
                List.of(Extracts.somatic("E1", "P1", 1), Extracts.somatic("E2", "P2", 2)));
    }

    Path v2() throws IOException {
        return Extracts.somaticFile(Files.createDirectories(tmp.resolve("v2")), "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", "P1", 1), Extracts.somatic("E3", "P3", 3),
                Extracts.somatic("E4", Map.of("admission_time", "2020-12-30 10:00",
                        "discharge_time", "2020-12-31 10:00"))));
    }

    IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    static List<List<String>> query(Connection c, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getString(i));
                rows.add(row);
            }
        }
        return rows;
    }

    List<Path> dataFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store().resolve("data"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    List<Path> leases() throws IOException {
        try (Stream<Path> s = Files.list(store().resolve(ReaderLease.DIR))) {
            return s.toList();
        }
    }

    @Test
    void anOpenReaderKeepsItsGenerationThroughAReplacingIngestAndItsFilesGoOnceItCloses() throws Exception {
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        List<Path> v1Files = dataFiles();
        assertEquals(1, v1Files.size());
        try (Connection reader = Store.open(store(), IngesterTest.HOME)) {
            long opened = Store.manifest(reader).generation();
            assertEquals(1, leases().size());
            assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
            // the reader still sees v1 whole, from the files of its generation; a new reader sees v2
            assertEquals(V1, query(reader, COUNT));
            assertEquals(V2, IngesterTest.query(store(), COUNT));
            assertTrue(Files.exists(v1Files.get(0)));
            assertTrue(StoreManifest.read(store()).generation() > opened);
        }
        assertEquals(List.of(), leases());
        assertTrue(Files.exists(v1Files.get(0)), "nothing deletes before the next ingest or gc");
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            assertEquals(0, in.collectGarbage(), "opening the ingester already swept the unheld file");
        }
        assertFalse(Files.exists(v1Files.get(0)));
        assertEquals(2, dataFiles().size());
        assertEquals(V2, IngesterTest.query(store(), COUNT));
    }

    @Test
    void aFolderWithoutManifestReadsAsEmptyAndIsLeftAlone() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("not-yet-a-store"));
        try (Connection c = Store.open(folder, IngesterTest.HOME)) {
            assertEquals(java.util.Arrays.asList("0", null), query(c, COUNT).get(0));
            assertEquals(0, Store.manifest(c).generation());
        }
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(), s.toList(), "no readers/ folder in a folder that is no store");
        }
    }

    @Test
    void theLeaseOfADeadReaderHoldsNothingAndIsRemoved() throws Exception {
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        List<Path> v1Files = dataFiles();
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, gone.waitFor());
        // the lease a kill -9 would leave: its process is no longer alive
        Path dead = Files.createDirectories(store().resolve(ReaderLease.DIR)).resolve(gone.pid() + "-1.json");
        StoreManifest.JSON.writeValue(dead.toFile(), new ReaderLease.Lease(gone.pid(), Instant.now().toString(), 1,
                Instant.now().toString(), List.of(store().relativize(v1Files.get(0)).toString())));
        // and one of this live process naming the same file, but started at another instant: a reused process id
        Path reused = store().resolve(ReaderLease.DIR).resolve(ProcessHandle.current().pid() + "-2.json");
        StoreManifest.JSON.writeValue(reused.toFile(), new ReaderLease.Lease(ProcessHandle.current().pid(),
                "2000-01-01T00:00:00Z", 1, Instant.now().toString(),
                List.of(store().relativize(v1Files.get(0)).toString())));
        assertEquals(Set.of(), ReaderLease.heldFiles(store()).orElseThrow());
        assertEquals(List.of(), leases());

        StoreManifest.JSON.writeValue(dead.toFile(), new ReaderLease.Lease(gone.pid(), null, 1,
                Instant.now().toString(), List.of(store().relativize(v1Files.get(0)).toString())));
        assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
        assertFalse(Files.exists(v1Files.get(0)));
        assertFalse(Files.exists(dead));
    }

    /** A real reader process: its lease holds the old files while it lives, and is removed after a kill -9. */
    @Test
    void aReaderKilledWithSignal9HoldsItsFilesUntilTheNextIngestFindsItGone() throws Exception {
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        List<Path> v1Files = dataFiles();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process reader = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HeldReader.class.getName(), store().toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(reader.getInputStream()));
            String line = out.readLine();
            while (line != null && !line.startsWith("read ")) line = out.readLine(); // JVM or library chatter
            assertEquals("read 2 E1,E2", line);
            assertEquals(1, leases().size());
            assertTrue(leases().get(0).getFileName().toString().startsWith(reader.pid() + "-"),
                    "the lease is named by the reader's process id: " + leases());
            assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
            assertTrue(Files.exists(v1Files.get(0)), "held by the running reader");
        } finally {
            reader.destroyForcibly(); // SIGKILL: the reader cannot remove its lease
            assertTrue(reader.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(1, leases().size(), "left behind by the killed reader");
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            assertEquals(List.of(), leases(), "its process is gone: the next ingester removed the lease");
            assertFalse(Files.exists(v1Files.get(0)), "and the file it alone held");
            assertEquals(V2, IngesterTest.query(store(), COUNT));
        }
    }

    @Test
    void everySwitchRaisesTheGenerationAndAManifestWrittenBeforeGenerationsReadsAsZero() throws Exception {
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        assertEquals(1, StoreManifest.read(store()).generation());
        Path manifest = store().resolve(StoreManifest.FILE_NAME);
        String text = Files.readString(manifest);
        String older = text.replaceFirst(",\\s*\"generation\"\\s*:\\s*1", "");
        assertFalse(older.contains("generation"), older);
        Files.writeString(manifest, older);
        assertEquals(0, StoreManifest.read(store()).generation());
        assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
        assertEquals(1, StoreManifest.read(store()).generation());
    }

    @Test
    void anUnreadableLeaseKeepsEveryFile() throws Exception {
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        List<Path> v1Files = dataFiles();
        Files.writeString(Files.createDirectories(store().resolve(ReaderLease.DIR)).resolve("1-x.json"), "{\"pid\":");
        assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
        assertTrue(Files.exists(v1Files.get(0)), "a claim that cannot be read is not guessed away");
        Files.delete(store().resolve(ReaderLease.DIR).resolve("1-x.json"));
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            assertEquals(0, in.collectGarbage());
        }
        assertFalse(Files.exists(v1Files.get(0)));
    }

    /**
     * Readers open, query and close in a loop while an ingester replaces the delivery back and forth (one file, then
     * two). Before leases, a reader that opened just before a switch failed with "No files found that match the
     * pattern". Every query must now see v1 or v2 whole.
     */
    @Test
    void readersRacingReplacingIngestsAlwaysSeeOneWholeGeneration() throws Exception {
        Path v1 = v1();
        Path v2 = v2();
        assertEquals(Outcome.STORED, ingest(v1).outcome());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> ingests = pool.submit(() -> {
                int n = 0;
                try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
                    while (!stop.get() && n < 200) {
                        assertEquals(Outcome.REPLACED, in.ingest(n++ % 2 == 0 ? v2 : v1).outcome());
                    }
                }
                return n;
            });
            List<Future<List<List<List<String>>>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    List<List<List<String>>> seen = new ArrayList<>();
                    for (int i = 0; i < READS; i++) {
                        try (Connection c = Store.open(store(), IngesterTest.HOME)) {
                            Thread.sleep(i % 5); // let a switch land between opening and reading
                            seen.add(query(c, COUNT));
                            seen.add(query(c, COUNT)); // and between two queries of one reader
                        }
                    }
                    return seen;
                }));
            }
            int v1Seen = 0;
            int v2Seen = 0;
            for (Future<List<List<List<String>>>> f : readers) {
                List<List<List<String>>> seen = f.get(120, TimeUnit.SECONDS);
                for (int i = 0; i < seen.size(); i += 2) {
                    assertTrue(seen.get(i).equals(V1) || seen.get(i).equals(V2), seen.get(i).toString());
                    assertEquals(seen.get(i), seen.get(i + 1), "one reader, one generation");
                    if (seen.get(i).equals(V1)) v1Seen++; else v2Seen++;
                }
            }
            stop.set(true);
            int switches = ingests.get(120, TimeUnit.SECONDS);
            assertTrue(switches >= 2, "the ingester replaced the delivery " + switches + " times");
            assertTrue(v1Seen + v2Seen == 2 * READS, v1Seen + " + " + v2Seen);
        } finally {
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), leases());
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            assertEquals(new java.util.HashSet<>(in.manifest().files()),
                    new java.util.HashSet<>(dataFiles().stream().map(p -> store().relativize(p).toString()).toList()),
                    "once the readers closed, only the live generation's files remain");
        }
    }
}
