package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult.Outcome;
import no.kvik.testutil.TextRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {
    static final KvikHome HOME = KvikHome.locate();

    @TempDir
    Path tmp;

    Path store() {
        return tmp.resolve("store");
    }

    IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(store(), HOME, null)) {
            return in.ingest(file);
        }
    }

    static List<List<String>> query(Path store, String sql) throws Exception {
        try (Connection c = Store.open(store, HOME); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return TextRows.of(rs);
        }
    }

    @Test
    void rowNumbersFollowTheFileWhenItIsReadInParallel() throws Exception {
        // ~80 MB: several of DuckDB's CSV buffers, so the scan runs on more than one thread; the benchmark
        // extract numbers its episodes by data line (E2021-<line>)
        Path f = tmp.resolve("npr_somatic_2021.csv");
        BenchmarkExtract.write(f, HOME.reference(), 2021, 600_000, 7);
        IngestResult r = ingest(f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(600_000, r.rowsRead());
        assertEquals(List.of(List.of("600000", "0", "1", "600000")), query(store(), "SELECT count(*), "
                + "count(*) FILTER (WHERE episode_id <> 'E2021-' || _row), min(_row), max(_row) FROM npr_somatic_all"));
    }

    @Test
    void goodFileIsStoredTypedAndPartitionedByYear() throws Exception {
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", "P\u00d81", 1), Extracts.somatic("E2", "P2", 2), Extracts.somatic("E3", "P3", 3)));
        IngestResult r = ingest(f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(3, r.rowsRead());
        assertEquals(3, r.rowsStored());
        assertEquals(0, r.rowsFlagged());
        assertEquals(0, r.rowsRejected());
        // the test header leaves out eight optional columns of the contract: named, not silently null
        assertEquals(List.of("first_procedure_time", "referral_date", "deadline_date", "care_start", "epicrisis_sent_time",
                "cancer_pathway", "pathway_start_date", "pathway_treatment_date"), r.absentColumns());
        // latin-1 decoded ('Ø' is one byte 0xD8 in the file), typed columns, year from discharge_time
        assertEquals(List.of(List.of("E1", "P\u00d81", "2021-03-01 08:00:00", "67", "2021", "INTEGER", "TIMESTAMP")),
                query(store(), "SELECT episode_id, patient_id, CAST(admission_time AS VARCHAR), age, _year, "
                        + "typeof(age), typeof(admission_time) FROM npr_somatic WHERE episode_id = 'E1'"));
        StoreManifest m = StoreManifest.read(store());
        assertEquals(1, m.deliveries().size());
        String part = m.deliveries().get(0).files().get(0).path();
        assertTrue(part.startsWith("data/npr_somatic/year=2021/npr_somatic_2021-"), part);
        assertTrue(Files.exists(store().resolve(part)));
    }

    @Test
    void contentErrorsAreStoredFlaggedWithReasonRowAndField() throws Exception {
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", "P1", 1),
                Extracts.somatic("E2", Map.of("main_diagnosis", "X999")),
                Extracts.somatic("E3", Map.of("provider_org", "123456789")),
                Extracts.somatic("E4", Map.of("discharge_time", "2021-03-01 07:00")),
                Extracts.somatic("E5", Map.of("age", "130")),
                Extracts.somatic("E1", "P6", 2),
                Extracts.somatic("E7", Map.of("admission_time", "2021-02-30 08:00")),
                Extracts.somatic("E8", Map.of("secondary_diagnoses", "I10 Q999X")),
                Extracts.somatic("E9", Map.of("procedures", "JKA21 FNG05")),
                Extracts.somatic("E10", Map.of("residence_municipality", "0707")),
                Extracts.somatic("E11", Map.of("sex", "")),
                Extracts.somatic("E12", Map.of("care_level", "7", "main_diagnosis", "I21.9")),
                Extracts.somatic("E13", Map.of("procedures", "J-21"))));
        IngestResult r = ingest(f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(13, r.rowsRead());
        assertEquals(13, r.rowsStored());
        assertEquals(10, r.rowsFlagged());
        assertEquals(1, r.rowsWarned());
        assertEquals(0, r.rowsRejected());
        List<List<String>> all = query(store(), "SELECT _row, episode_id, _errors, _warnings, _source_file "
                + "FROM npr_somatic_all ORDER BY _row");
        String file = "npr_somatic_2021.csv";
        assertEquals(List.of(
                Arrays.asList("1", "E1", null, null, file),
                Arrays.asList("2", "E2", "invalid_code:main_diagnosis", null, file),
                Arrays.asList("3", "E3", "unknown_reference:provider_org", null, file),
                Arrays.asList("4", "E4", "discharge_before_admission:discharge_time", null, file),
                Arrays.asList("5", "E5", "out_of_range:age", null, file),
                Arrays.asList("6", "E1", "duplicate_key:episode_id", null, file),
                Arrays.asList("7", "E7", "type:admission_time", null, file),
                Arrays.asList("8", "E8", "invalid_code:secondary_diagnoses", null, file),
                Arrays.asList("9", "E9", null, "unknown_code:procedures", file),
                Arrays.asList("10", "E10", null, null, file),
                Arrays.asList("11", "E11", "missing:sex", null, file),
                Arrays.asList("12", "E12", "not_allowed:care_level; invalid_code:main_diagnosis", null, file),
                Arrays.asList("13", "E13", "invalid_code:procedures", null, file)), all);
        // field-level validity: the only fault of E2 (main_diagnosis), E3 (provider_org, an unknown org number) and E5
        // (age) is on a field declared "onInvalid": "value", so they stay in the view with that value NULL; E12's
        // invalid diagnosis comes with an invalid care level, and every other flagged row is unusable
        assertEquals(List.of(Arrays.asList("E1", "983974880", "I219", "67"), Arrays.asList("E10", "983974880", "I219", "67"),
                        Arrays.asList("E2", "983974880", null, "67"), Arrays.asList("E3", null, "I219", "67"),
                        Arrays.asList("E5", "983974880", "I219", null),
                        Arrays.asList("E9", "983974880", "I219", "67")),
                query(store(), "SELECT episode_id, provider_org, main_diagnosis, age FROM npr_somatic ORDER BY episode_id"));
        // the samples carry the flagged fields masked, whatever the field (an empty field has no value): at most the
        // first 2 characters and never more than a third of the value
        assertEquals(new IngestResult.FlaggedRow(2, "invalid_code:main_diagnosis", Map.of("main_diagnosis", "X***")),
                r.firstFlagged().get(0));
        Map<Long, Map<String, String>> values = new java.util.TreeMap<>();
        r.firstFlagged().forEach(row -> values.put(row.row(), row.values()));
        assertEquals(Map.of("admission_time", "20***"), values.get(7L));
        // of a short value such as the key 'E1' not even the first character is kept
        assertEquals(Map.of("episode_id", "***"), values.get(6L));
        assertEquals(Map.of(), values.get(11L));
        assertEquals(Map.of("care_level", "***", "main_diagnosis", "I***"), values.get(12L));
        assertEquals(2L, r.flaggedByReason().get("invalid_code:main_diagnosis"));
        assertEquals(1L, r.flaggedByReason().get("duplicate_key:episode_id"));
        assertEquals(11, r.flaggedByReason().values().stream().mapToLong(Long::longValue).sum());
        // a flagged value is stored as NULL (its masked text is in the sample above), the rest of the row as read
        assertEquals(List.of(Arrays.asList(null, null)), query(store(),
                "SELECT (SELECT main_diagnosis FROM npr_somatic_all WHERE _row = 2), "
                        + "(SELECT CAST(admission_time AS VARCHAR) FROM npr_somatic_all WHERE _row = 7)"));
    }

    @Test
    void rowsWithoutAReadableYearGoToTheUnknownPartition() throws Exception {
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(Extracts.somatic("E1", "P1", 1),
                Extracts.somatic("E2", Map.of("discharge_time", "2021-13-01 10:00"))));
        IngestResult r = ingest(f);
        assertEquals(2, r.rowsStored());
        List<String> paths = StoreManifest.read(store()).deliveries().get(0).files().stream()
                .map(p -> p.year() + " " + p.path().replaceFirst("-[0-9TZ]+-[0-9a-f]{4}\\.parquet$", "") + " " + p.rows())
                .toList();
        assertEquals(List.of("2021 data/npr_somatic/year=2021/npr_somatic_2021 1",
                "null data/npr_somatic/year=unknown/npr_somatic_2021 1"), paths);
        assertEquals(List.of(Arrays.asList("2", null, "type:discharge_time")),
                query(store(), "SELECT _row, _year, _errors FROM npr_somatic_all WHERE _errors IS NOT NULL"));
    }
}
