package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: dense integer person keys assigned at ingest, a store-wide dictionary switched with the manifest, and the
 * keyed views beside the text ones. Expected keys are worked out by hand from the rule: new ids of a delivery get the
 * next keys in id order.
 */
class PersonKeysTest {
    @TempDir
    Path tmp;

    private Path store() {
        return tmp.resolve("store");
    }

    private IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    private Path somatic(String dir, List<String> rows) throws IOException {
        Files.createDirectories(tmp.resolve(dir));
        return Extracts.somaticFile(tmp.resolve(dir), "npr_somatic_2021.csv", rows);
    }

    private Path deaths(List<String> rows) throws IOException {
        Files.createDirectories(tmp.resolve("d"));
        return Extracts.write(tmp.resolve("d"), "death_2021.csv", StandardCharsets.UTF_8,
                "patient_id,death_date,underlying_cause,residence_municipality", rows);
    }

    private List<Path> dictionaryFiles() throws IOException {
        Path dir = store().resolve(PersonKeys.DICTIONARY_DIR);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private List<List<String>> dictionary() throws Exception {
        StoreManifest.PersonDictionary d = StoreManifest.read(store()).persons();
        return IngesterTest.query(store(), "SELECT person_id, CAST(person_key AS VARCHAR) FROM read_parquet(["
                + String.join(", ", d.files().stream().map(f -> "'" + store().resolve(f) + "'").toList())
                + "]) ORDER BY person_key");
    }

    @Test
    void keysAreDenseKeptAcrossDeliveriesAndJoinLikeTheIds() throws Exception {
        IngestResult first = ingest(somatic("a", List.of(Extracts.somatic("E1", "P3", 1), Extracts.somatic("E2", "P1", 2),
                Extracts.somatic("E3", "P3", 3))));
        assertEquals(Outcome.STORED, first.outcome(), first.reason());
        assertEquals(List.of(List.of("P1", "1"), List.of("P3", "2")), dictionary());
        StoreManifest m = StoreManifest.read(store());
        assertEquals(2, m.persons().persons());
        assertEquals(List.of(m.deliveries().get(0).id()), m.persons().deliveries());

        // a second contract: P3 keeps its key, P9 and P5 are new and come next in id order
        assertEquals(Outcome.STORED, ingest(deaths(List.of("P9,2021-05-01,I219,0301", "P3,2021-04-01,I219,0301",
                "P5,2021-06-01,I219,0301"))).outcome());
        assertEquals(List.of(List.of("P1", "1"), List.of("P3", "2"), List.of("P5", "3"), List.of("P9", "4")), dictionary());
        // two segments, each with the ids its ingest added; nothing else in the folder
        assertEquals(2, StoreManifest.read(store()).persons().files().size());
        assertEquals(StoreManifest.read(store()).persons().files().stream().map(f -> store().resolve(f)).sorted().toList(),
                dictionaryFiles());
        assertEquals(List.of(List.of("2")), IngesterTest.query(store(), "SELECT count(*) FROM read_parquet('"
                + store().resolve(StoreManifest.read(store()).persons().files().get(1)) + "')"));

        // the keyed views carry the key under the id's name; the store's own views keep the text id
        assertEquals(List.of(List.of("E1", "2", "BIGINT"), List.of("E2", "1", "BIGINT"), List.of("E3", "2", "BIGINT")),
                IngesterTest.query(store(), "SELECT episode_id, patient_id, typeof(patient_id) FROM "
                        + PersonKeys.SCHEMA + ".npr_somatic ORDER BY episode_id"));
        assertEquals(List.of(List.of("E1", "P3", "VARCHAR")), IngesterTest.query(store(),
                "SELECT episode_id, patient_id, typeof(patient_id) FROM npr_somatic WHERE episode_id = 'E1'"));
        String join = " s JOIN %s d USING (patient_id) ORDER BY episode_id";
        assertEquals(List.of(List.of("E1", "2021-04-01"), List.of("E3", "2021-04-01")), IngesterTest.query(store(),
                "SELECT episode_id, CAST(death_date AS VARCHAR) FROM " + PersonKeys.SCHEMA + ".npr_somatic"
                        + join.formatted(PersonKeys.SCHEMA + ".death")));
        assertEquals(IngesterTest.query(store(), "SELECT episode_id, CAST(death_date AS VARCHAR) FROM npr_somatic"
                + join.formatted("death")), IngesterTest.query(store(), "SELECT episode_id, CAST(death_date AS VARCHAR) "
                + "FROM " + PersonKeys.SCHEMA + ".npr_somatic" + join.formatted(PersonKeys.SCHEMA + ".death")));
    }

    @Test
    void aFailedIngestLeavesThePreviousDictionary() throws Exception {
        ingest(somatic("a", List.of(Extracts.somatic("E1", "P1", 1))));
        String manifest = Files.readString(store().resolve(StoreManifest.FILE_NAME));
        List<Path> before = dictionaryFiles();
        for (Ingester.Step failAt : List.of(Ingester.Step.PARQUET_WRITTEN, Ingester.Step.FILES_PLACED)) {
            try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null, (step, file) -> {
                if (step == failAt) throw new IOException("simulated failure at " + step);
            })) {
                assertThrows(StoreException.class, () -> in.ingest(deaths(List.of("P7,2021-05-01,I219,0301"))));
            }
            assertEquals(manifest, Files.readString(store().resolve(StoreManifest.FILE_NAME)));
            assertEquals(before, dictionaryFiles(), "no new dictionary left behind after " + failAt);
            assertEquals(List.of(List.of("P1", "1")), dictionary());
        }
    }

    /**
     * One ingest of several files reads the dictionary from the store once and keeps its table between files; a file
     * that fails after adding its ids must not leave them for the next, which reads the dictionary again. Keys worked
     * out by hand from the rule (new ids of a delivery get the next keys in id order).
     */
    @Test
    void filesOfOneIngestContinueTheDictionaryAndAFailedOneAddsNothing() throws Exception {
        Path deaths2021 = deaths(List.of("P9,2021-05-01,I219,0301", "P3,2021-04-01,I219,0301", "P5,2021-06-01,I219,0301"));
        Path deaths2022 = Extracts.write(tmp.resolve("d"), "death_2022.csv", StandardCharsets.UTF_8,
                "patient_id,death_date,underlying_cause,residence_municipality", List.of("P7,2022-05-01,I219,0301",
                        "P2,2022-04-01,I219,0301"));
        Files.createDirectories(tmp.resolve("b"));
        Path somatic2022 = Extracts.somaticFile(tmp.resolve("b"), "npr_somatic_2022.csv",
                List.of(Extracts.somatic("E9", "P4", 1)));
        try (Ingester in = Ingester.open(store(), IngesterTest.HOME, null, (step, file) -> {
            if (step == Ingester.Step.PARQUET_WRITTEN && file.equals("death_2022.csv")) {
                throw new IOException("simulated failure");
            }
        })) {
            assertEquals(Outcome.STORED, in.ingest(somatic("a", List.of(Extracts.somatic("E1", "P3", 1),
                    Extracts.somatic("E2", "P1", 2)))).outcome());
            assertEquals(1, in.dictionaryLoads());
            // P2 and P7 would get keys 3 and 4, but the ingest fails before the switch
            assertThrows(StoreException.class, () -> in.ingest(deaths2022));
            assertEquals(1, in.dictionaryLoads());
            assertEquals(Outcome.STORED, in.ingest(deaths2021).outcome());
            assertEquals(2, in.dictionaryLoads(), "after the failed file the dictionary is read again");
            assertEquals(Outcome.STORED, in.ingest(somatic2022).outcome());
            assertEquals(2, in.dictionaryLoads(), "a file after a stored one continues the loaded dictionary");
        }
        assertEquals(List.of(List.of("P1", "1"), List.of("P3", "2"), List.of("P5", "3"), List.of("P9", "4"),
                List.of("P4", "5")), dictionary());
        assertEquals(List.of(List.of("E1", "2"), List.of("E2", "1"), List.of("E9", "5")), IngesterTest.query(store(),
                "SELECT episode_id, CAST(patient_id AS VARCHAR) FROM " + PersonKeys.SCHEMA + ".npr_somatic_all ORDER BY episode_id"));
    }

    @Test
    void aStoreWithDeliveriesWithoutKeysHasNoKeyedViews() throws Exception {
        ingest(somatic("a", List.of(Extracts.somatic("E1", "P1", 1))));
        // as a store ingested before person keys: its manifest names no dictionary
        Path file = store().resolve(StoreManifest.FILE_NAME);
        ObjectNode json = (ObjectNode) StoreManifest.JSON.readTree(file.toFile());
        json.remove("persons");
        StoreManifest.JSON.writeValue(file.toFile(), json);
        assertNull(StoreManifest.read(store()).persons());
        assertEquals(List.of(List.of("0")), IngesterTest.query(store(),
                "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = '" + PersonKeys.SCHEMA + "'"));

        // the next delivery starts a dictionary, but the older one has no keys: still no keyed views
        ingest(deaths(List.of("P1,2021-05-01,I219,0301")));
        assertEquals(List.of(List.of("0")), IngesterTest.query(store(),
                "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = '" + PersonKeys.SCHEMA + "'"));
    }
}
