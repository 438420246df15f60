package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.contract.Contracts;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field-level validity end to end (issue #13, point 6): the NKI readmission indicator over a store, where an index
 * stay with an unknown residence municipality still counts (its municipality NULL, so the engine places it in the
 * unit 'unknown' of the municipality and county levels, and in its hospital and the nation), while a row with an
 * invalid admission time is unusable and counts nowhere, neither as an index stay nor as a readmission.
 */
class FieldLevelValidityTest {
    @TempDir
    Path tmp;

    /** An inpatient stay at 983974880, age 70, discharged home the same day. */
    private static String stay(String episode, String patient, String admission, String urgency, String diagnosis,
                               String municipality) {
        String discharge = admission.substring(0, 10) + " 16:30";
        return String.join(";", episode, patient, "983974880", admission, discharge, "1", urgency, diagnosis, "", "",
                municipality, "70", "2", "1");
    }

    @Test
    void aReadmissionCaseWithAnUnknownMunicipalityCountsAndARowWithAnInvalidAdmissionTimeCountsNowhere()
            throws Exception {
        // J40 is in READM67_Astma/KOLS (an index diagnosis); I219 is not, so the R rows are readmissions only
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(
                stay("I1", "P1", "2021-03-01 08:00", "4", "J40", "0301"),
                stay("R1", "P1", "2021-03-05 08:00", "1", "I219", "0301"),
                stay("I2", "P2", "2021-03-01 08:00", "4", "J40", "9999"),
                stay("R2", "P2", "2021-03-06 08:00", "1", "I219", "0301"),
                stay("I3", "P3", "2021-02-30 08:00", "4", "J40", "0301").replace(";2021-02-30 16:30;", ";2021-03-01 16:30;"),
                stay("I4", "P4", "2021-03-01 08:00", "4", "J40", "0301"),
                stay("R4", "P4", "2021-02-31 08:00", "1", "I219", "0301").replace(";2021-02-31 16:30;", ";2021-03-07 16:30;"),
                // the readmission reads neither age nor main diagnosis: flagged, they still count
                stay("I5", "P5", "2021-03-01 08:00", "4", "J40", "0301"),
                stay("R5", "P5", "2021-03-08 08:00", "1", "X999", "0301"),
                stay("I6", "P6", "2021-03-01 08:00", "4", "J40", "0301"),
                stay("R6", "P6", "2021-03-09 08:00", "1", "I219", "0301").replace(";70;2;1", ";130;2;1")));
        try (Ingester in = Ingester.open(tmp.resolve("store"), IngesterTest.HOME, null)) {
            IngestResult r = in.ingest(f);
            assertEquals(Outcome.STORED, r.outcome(), r.reason());
            assertEquals(5, r.rowsFlagged());
        }
        assertEquals(List.of(
                Arrays.asList("I1", "0301"), Arrays.asList("I2", null), Arrays.asList("I4", "0301"),
                Arrays.asList("I5", "0301"), Arrays.asList("I6", "0301"),
                Arrays.asList("R1", "0301"), Arrays.asList("R2", "0301"), Arrays.asList("R5", "0301"),
                Arrays.asList("R6", "0301")),
                IngesterTest.query(tmp.resolve("store"),
                        "SELECT episode_id, residence_municipality FROM npr_somatic ORDER BY episode_id"));

        Indicator readmission = Catalogue.load(IngesterTest.HOME.indicators(),
                Contracts.load(IngesterTest.HOME.contracts())).get("readmission_67_30d");
        Map<String, Object> params = new LinkedHashMap<>(readmission.parameterValues(Map.of()));
        params.put(Indicator.PERIOD_START, LocalDate.of(2021, 1, 1));
        params.put(Indicator.PERIOD_END, LocalDate.of(2022, 1, 1));
        List<List<String>> cases = new ArrayList<>();
        try (Connection c = Store.open(tmp.resolve("store"), IngesterTest.HOME);
             PreparedStatement ps = readmission.sql().prepare(c, params, readmission.parameterTypes())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cases.add(Arrays.asList(rs.getString("event_date"), rs.getString("provider_org"),
                            rs.getString("residence_municipality"), rs.getString("numerator")));
                }
            }
        }
        cases.sort((a, b) -> String.valueOf(a.get(2)).compareTo(String.valueOf(b.get(2))) * 10
                + a.get(3).compareTo(b.get(3)));
        // I1 readmitted (R1), I4 not (its readmission R4 has an invalid admission time), I2 readmitted (R2) with its
        // municipality NULL, I5 and I6 readmitted (R5: invalid diagnosis, R6: age 130); I3 (invalid admission time) is
        // no case
        assertEquals(List.of(
                Arrays.asList("2021-03-01", "983974880", "0301", "0.0"),
                Arrays.asList("2021-03-01", "983974880", "0301", "1.0"),
                Arrays.asList("2021-03-01", "983974880", "0301", "1.0"),
                Arrays.asList("2021-03-01", "983974880", "0301", "1.0"),
                Arrays.asList("2021-03-01", "983974880", null, "1.0")), cases);

        // kvik quality, per fault and year (all discharged in 2021): the invalid admission times made two rows (I3, R4)
        // unusable for every indicator reading npr_somatic; the other faults kept their row (R5, R6, I2) with the value
        // NULL, and name the indicators using the field: readmission_67_30d uses main_diagnosis, age and
        // residence_municipality through table_readmission_67_cases; fristbrudd_somatic reads npr_somatic and uses
        // residence_municipality and age (grep of the SQL files and the macros they call)
        QualityReport quality = QualityReport.build(tmp.resolve("store"), IngesterTest.HOME);
        Map<String, QualityRow> removed = new LinkedHashMap<>();
        quality.rows().stream().filter(q -> q.section().equals("removed")).forEach(q -> removed.put(q.measure(), q));
        assertEquals(List.of("invalid_code:main_diagnosis", "out_of_range:age", "type:admission_time",
                "unknown_reference:residence_municipality"), List.copyOf(removed.keySet()));
        removed.values().forEach(q -> assertEquals("2021", q.period(), q.toString()));
        QualityRow admission = removed.get("type:admission_time");
        assertEquals(List.of(2L, 2L), List.of(admission.numerator(), admission.denominator()));
        assertTrue(admission.detail().startsWith("row unusable: left out of all "), admission.detail());
        assertTrue(admission.detail().contains(" readmission_67_30d "), admission.detail());
        assertTrue(admission.detail().contains(" fristbrudd_somatic"), admission.detail());
        assertFalse(admission.detail().contains("gp_consultations_own_gp"), admission.detail());
        for (String kept : List.of("invalid_code:main_diagnosis", "out_of_range:age", "unknown_reference:residence_municipality")) {
            assertEquals(List.of(1L, 1L), List.of(removed.get(kept).numerator(), removed.get(kept).denominator()), kept);
            assertTrue(removed.get(kept).detail().contains(" readmission_67_30d "), removed.get(kept).detail());
        }
        assertTrue(removed.get("unknown_reference:residence_municipality").detail().contains(" reading npr_somatic use "
                + "residence_municipality and place the case in unit 'unknown' at that level: "),
                removed.get("unknown_reference:residence_municipality").detail());
        assertTrue(removed.get("unknown_reference:residence_municipality").detail().contains(" fristbrudd_somatic"));
        assertTrue(removed.get("out_of_range:age").detail().contains(" reading npr_somatic use age and leave the row "
                + "out where a case condition needs it: "), removed.get("out_of_range:age").detail());
        assertTrue(removed.get("out_of_range:age").detail().contains(" fristbrudd_somatic"));
        // an upper bound from the SQL text: the cancer pathways read npr_somatic without main_diagnosis (fristbrudd_somatic
        // is named since its family's shared cohort tells the specialty from it)
        assertFalse(removed.get("invalid_code:main_diagnosis").detail().contains("cancer_pathway_all_within_standard"));

        // the console says it too, one line per fault
        KvikCli printed = KvikCli.run("quality", "--store", tmp.resolve("store").toString(), "--out",
                tmp.resolve("q").toString());
        assertTrue(printed.out().contains("  removed type:admission_time: 2 of 2 row(s) (2021: 2); row unusable: "
                + "left out of all "), printed.out());
        assertTrue(printed.out().contains("  removed out_of_range:age: 1 of 1 row(s) (2021: 1); value stored NULL, "
                + "row kept: "), printed.out());
    }

    /** As {@link #stay}, at the treating site {@code org}. */
    private static String stayAt(String org, String episode, String patient, String admission, String urgency,
                                 String diagnosis) {
        return stay(episode, patient, admission, urgency, diagnosis, "0301").replaceFirst(";983974880;", ";" + org + ";");
    }

    @Test
    void aReadmissionCaseWithAnUnknownOrganisationNumberCountsForTheNationAndItsResidenceButNoProvider()
            throws Exception {
        // Klinikk Hammerfest (974795833: Finnmarkssykehuset HF, Helse Nord RHF): six index stays (J40), five of them
        // readmitted; a seventh index stay, at the org number 999999999 (no treating site: unknown_reference), is
        // readmitted at Hammerfest. All live in Oslo (0301). A stay in 2022 makes the store cover the 30-day
        // follow-up of 2021.
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            rows.add(stayAt("974795833", "I" + i, "P" + i, "2021-03-01 08:00", "4", "J40"));
            if (i <= 5) rows.add(stayAt("974795833", "R" + i, "P" + i, "2021-03-05 08:00", "1", "I219"));
        }
        rows.add(stayAt("999999999", "I7", "P7", "2021-03-01 08:00", "4", "J40"));
        rows.add(stayAt("974795833", "R7", "P7", "2021-03-05 08:00", "1", "I219"));
        rows.add(stayAt("974795833", "L1", "P8", "2022-02-01 08:00", "1", "I219"));
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021-2022.csv", rows);
        Path store = tmp.resolve("store");
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            IngestResult r = in.ingest(f);
            assertEquals(Outcome.STORED, r.outcome(), r.reason());
            assertEquals(1, r.rowsFlagged());
        }
        // the flagged org is stored NULL and the row stays usable (onInvalid value)
        assertEquals(List.of(Arrays.asList("I7", null)),
                IngesterTest.query(store, "SELECT episode_id, provider_org FROM npr_somatic WHERE patient_id = 'P7' "
                        + "AND episode_id = 'I7'"));

        Indicator readmission = Catalogue.load(IngesterTest.HOME.indicators(),
                Contracts.load(IngesterTest.HOME.contracts())).get("readmission_67_30d");
        Map<String, String> cells = new LinkedHashMap<>();
        try (Connection c = Store.open(store, IngesterTest.HOME)) {
            for (no.kvik.engine.IndicatorResult r : new no.kvik.engine.Engine(c).run(readmission,
                    no.kvik.engine.RunRequest.between(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 1, 1)))) {
                if (!r.periodLabel().equals("2021")) continue;
                cells.put(r.level() + " " + r.unitId(), r.suppressed() != null ? r.suppressed()
                        : Math.round(r.numerator()) + "/" + Math.round(r.denominator()));
            }
        }
        // 6/7 for the nation, Oslo (county 03) and Oslo municipality (0301); 5/6 for Hammerfest and its HF and RHF;
        // the unplaced case is the unit 'unknown' of the provider levels, 1/1, published: it places no one in a
        // unit, so it neither is hidden (1 is in the hidden range 1-4) nor hides Helse Nord (nation = Helse Nord +
        // unknown). Before: I7 left the view (6 cases: 5/6 everywhere, no unknown unit).
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nation nation", "6/7");
        expected.put("rhf 1", "5/6");
        expected.put("rhf unknown", "1/1");
        expected.put("hf 1", "5/6");
        expected.put("hf unknown", "1/1");
        expected.put("hospital 12", "5/6");
        expected.put("hospital unknown", "1/1");
        expected.put("county 03", "6/7");
        expected.put("municipality 0301", "6/7");
        assertEquals(expected, cells);
    }

    @Test
    void aStoreWrittenBeforeFieldLevelValidityStillShowsAFlaggedUnitFieldAsNull() throws Exception {
        Path store = tmp.resolve("store");
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(
                stay("I1", "P1", "2021-03-01 08:00", "4", "J40", "9999")));
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            assertEquals(Outcome.STORED, in.ingest(f).outcome());
        }
        // rewrite the Parquet file as an older kvik wrote it: the flagged value kept
        Path part;
        try (var files = java.nio.file.Files.walk(store.resolve("data/npr_somatic"))) {
            part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path old = tmp.resolve("old.parquet");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
            st.execute("COPY (SELECT * REPLACE ('9999' AS residence_municipality) FROM read_parquet('" + part
                    + "')) TO '" + old + "' (FORMAT parquet)");
        }
        java.nio.file.Files.move(old, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of(Arrays.asList("9999", "unknown_reference:residence_municipality")),
                IngesterTest.query(store, "SELECT residence_municipality, _errors FROM npr_somatic_all"));
        assertEquals(List.of(Arrays.asList("I1", null)),
                IngesterTest.query(store, "SELECT episode_id, residence_municipality FROM npr_somatic"));
    }
}
