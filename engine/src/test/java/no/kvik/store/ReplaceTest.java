package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-ingest is a no-op, a new delivery replaces the old one atomically, and failures leave the store as it was. */
class ReplaceTest {
    static final String COUNT = "SELECT count(*), string_agg(episode_id, ',' ORDER BY episode_id) FROM npr_somatic_all";

    @TempDir
    Path tmp;

    Path store() {
        return tmp.resolve("store");
    }

    IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    Path v1() throws IOException {
        return Extracts.somaticFile(tmp.resolve("v1"), "npr_somatic_2021.csv",
                List.of(Extracts.somatic("E1", "P1", 1), Extracts.somatic("E2", "P2", 2)));
    }

    Path v2() throws IOException {
        // the new delivery spans two years: 2020 (discharge on 31 Dec) and 2021
        return Extracts.somaticFile(tmp.resolve("v2"), "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", "P1", 1), Extracts.somatic("E3", "P3", 3),
                Extracts.somatic("E4", Map.of("admission_time", "2020-12-30 10:00",
                        "discharge_time", "2020-12-31 10:00"))));
    }

    List<Path> dataFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store().resolve("data"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    long ingestRecords() throws IOException {
        try (Stream<Path> s = Files.list(store().resolve("ingests"))) {
            return s.count();
        }
    }

    @Test
    void theSameRowsUnderAnotherFileNameAreRejectedNotCountedTwice() throws Exception {
        Files.createDirectories(tmp.resolve("v1"));
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        String manifest = Files.readString(store().resolve("manifest.json"));
        List<Path> files = dataFiles();

        // byte-identical resend under a new name
        Path resend = Files.copy(v1(), tmp.resolve("npr_somatic_2021_resend.csv"));
        IngestResult same = ingest(resend);
        assertEquals(Outcome.REJECTED, same.outcome());
        assertEquals("same content (SHA-256) as the live delivery npr_somatic_2021.csv: stored again, every row would "
                + "count twice", same.reason());

        // an overlapping extract: E2 again (another admission day, so other bytes) beside a new episode E9
        Path overlapping = Extracts.somaticFile(Files.createDirectories(tmp.resolve("v3")), "npr_somatic_2021_extra.csv",
                List.of(Extracts.somatic("E9", "P9", 9), Extracts.somatic("E2", "P2", 5)));
        IngestResult overlap = ingest(overlapping);
        assertEquals(Outcome.REJECTED, overlap.outcome());
        // the repeated key is masked (Redaction): of 'E2' not even the first character is kept
        assertTrue(overlap.reason().startsWith("1 usable row(s) repeat the primary key (episode_id) of rows in the live "
                + "delivery npr_somatic_2021.csv (e.g. ***)"), overlap.reason());

        // the live data and files are as before; the rejections are recorded
        assertEquals(List.of(List.of("2", "E1,E2")), IngesterTest.query(store(), COUNT));
        assertEquals(files, dataFiles());
        assertTrue(Files.readString(store().resolve("manifest.json")).contains("npr_somatic_2021_extra.csv"));
        assertFalse(manifest.contains("npr_somatic_2021_extra.csv"));
    }

    @Test
    void aCumulativeExtractTakesThePlaceOfTheDeliveryItNames() throws Exception {
        Files.createDirectories(tmp.resolve("v1"));
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        List<Path> v1Files = dataFiles();
        // E1 and E2 again, plus E9: stored under a new name only as the replacement of npr_somatic_2021.csv
        Path cumulative = Extracts.somaticFile(Files.createDirectories(tmp.resolve("v4")), "npr_somatic_2021_2022.csv",
                List.of(Extracts.somatic("E1", "P1", 1), Extracts.somatic("E2", "P2", 2), Extracts.somatic("E9", "P9", 9)));
        IngestResult wrongName;
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            wrongName = in.ingest(cumulative, java.util.Set.of("npr_somatic_2020.csv"));
        }
        assertEquals(Outcome.REJECTED, wrongName.outcome());
        assertEquals("it should replace npr_somatic_2020.csv, which is not another live delivery of npr_somatic "
                + "(live: npr_somatic_2021.csv)", wrongName.reason());

        // on the command line, a name that is no live delivery is a usage error (exit 2), and nothing is recorded
        String before = Files.readString(store().resolve("manifest.json"));
        KvikCli cli = KvikCli.run("ingest", cumulative.toString(), "--store", store().toString(), "--replaces",
                "npr_somatic_2020.csv");
        assertEquals(no.kvik.cli.ExitCodes.USAGE, cli.exitCode(), cli.all());
        assertTrue(cli.err().contains("kvik ingest: --replaces npr_somatic_2020.csv: not a live delivery of "
                + store() + " (live: npr_somatic_2021.csv)"), cli.err());
        assertEquals(before, Files.readString(store().resolve("manifest.json")));

        IngestResult r;
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            r = in.ingest(cumulative, java.util.Set.of("npr_somatic_2021.csv"));
        }
        assertEquals(Outcome.REPLACED, r.outcome());
        assertEquals("replaced npr_somatic_2021.csv", r.reason());
        assertEquals(List.of(List.of("3", "E1,E2,E9")), IngesterTest.query(store(), COUNT));
        StoreManifest m = StoreManifest.read(store());
        assertEquals(List.of("npr_somatic_2021_2022.csv"), m.deliveries().stream().map(StoreManifest.Delivery::sourceFile).toList());
        for (Path old : v1Files) assertFalse(Files.exists(old), old.toString());
    }

    @Test
    void sameFileTwiceIsANoOpAndANewDeliveryReplacesTheOld() throws Exception {
        Files.createDirectories(tmp.resolve("v1"));
        Files.createDirectories(tmp.resolve("v2"));
        assertEquals(Outcome.STORED, ingest(v1()).outcome());
        String manifest = Files.readString(store().resolve("manifest.json"));
        List<Path> files = dataFiles();

        IngestResult again = ingest(v1());
        assertEquals(Outcome.UNCHANGED, again.outcome());
        assertEquals(2, again.rowsStored());
        assertEquals(manifest, Files.readString(store().resolve("manifest.json")));
        assertEquals(files, dataFiles());
        assertEquals(1, ingestRecords());

        IngestResult replaced = ingest(v2());
        assertEquals(Outcome.REPLACED, replaced.outcome());
        assertEquals(3, replaced.rowsStored());
        assertEquals(List.of(List.of("3", "E1,E3,E4")), IngesterTest.query(store(), COUNT));
        assertEquals(List.of(List.of("2020", "1"), List.of("2021", "2")),
                IngesterTest.query(store(), "SELECT _year, count(*) FROM npr_somatic GROUP BY 1 ORDER BY 1"));
        List<Path> after = dataFiles();
        assertEquals(2, after.size());
        assertTrue(after.stream().noneMatch(files::contains), "superseded files are deleted");
        assertTrue(after.get(0).toString().contains("/data/npr_somatic/year=2020/npr_somatic_2021-"));
        assertEquals(1, StoreManifest.read(store()).deliveries().size());
    }

    @Test
    void failureBeforeTheManifestSwitchLeavesThePreviousStoreUnchanged() throws Exception {
        Files.createDirectories(tmp.resolve("v1"));
        Files.createDirectories(tmp.resolve("v2"));
        ingest(v1());
        String manifest = Files.readString(store().resolve("manifest.json"));
        List<Path> files = dataFiles();
        List<List<String>> before = IngesterTest.query(store(), COUNT);
        assertEquals(List.of(List.of("2", "E1,E2")), before);

        for (Ingester.Step failAt : List.of(Ingester.Step.PARQUET_WRITTEN, Ingester.Step.FILES_PLACED)) {
            try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null, (step, file) -> {
                if (step == failAt) throw new IOException("simulated failure at " + step);
            })) {
                StoreException e = assertThrows(StoreException.class, () -> in.ingest(v2()));
                assertEquals("npr_somatic_2021.csv: ingest failed, store left unchanged: simulated failure at "
                        + failAt, e.getMessage());
            }
            assertEquals(manifest, Files.readString(store().resolve("manifest.json")));
            assertEquals(before, IngesterTest.query(store(), COUNT));
            assertEquals(files, dataFiles(), "no new files left behind after " + failAt);
        }
        // the store is still writable afterwards
        assertEquals(Outcome.REPLACED, ingest(v2()).outcome());
        assertEquals(List.of(List.of("3", "E1,E3,E4")), IngesterTest.query(store(), COUNT));
    }

    @Test
    void failureAfterTheSwitchKeepsTheNewDeliveryAndTheNextOpenSweepsLeftovers() throws Exception {
        Files.createDirectories(tmp.resolve("v1"));
        Files.createDirectories(tmp.resolve("v2"));
        ingest(v1());
        List<Path> old = dataFiles();
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null, (step, file) -> {
            if (step == Ingester.Step.MANIFEST_SWITCHED) throw new IOException("killed");
        })) {
            assertThrows(StoreException.class, () -> in.ingest(v2()));
        }
        assertEquals(List.of(List.of("3", "E1,E3,E4")), IngesterTest.query(store(), COUNT));
        assertTrue(dataFiles().containsAll(old), "old files are still there, unreferenced");

        // what a kill mid-way leaves: a staging folder, an unlisted Parquet file, a temporary manifest
        Path staging = store().resolve("data/npr_somatic/.staging-x/_year=2021");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("data_0.parquet"), "partial");
        Files.writeString(store().resolve("data/npr_somatic/year=2021/npr_somatic_2021-orphan.parquet"), "partial");
        Files.writeString(store().resolve("manifest.json.tmp-x"), "{");

        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            List<Path> live = in.manifest().deliveries().get(0).files().stream()
                    .map(f -> store().resolve(f.path())).sorted().toList();
            assertEquals(live, dataFiles());
        }
        assertFalse(Files.exists(store().resolve("data/npr_somatic/.staging-x")));
        assertFalse(Files.exists(store().resolve("manifest.json.tmp-x")));
        assertEquals(List.of(List.of("3", "E1,E3,E4")), IngesterTest.query(store(), COUNT));
    }
}
