package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void everyContractHasTypedViewsEvenWithoutDeliveries() throws Exception {
        Path store = tmp.resolve("empty");
        Contracts contracts = Contracts.load(IngesterTest.HOME.contracts());
        try (Connection conn = Store.open(store, IngesterTest.HOME); Statement st = conn.createStatement()) {
            for (Contract c : contracts.all()) {
                List<List<String>> described = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + c.id() + "_all)")) {
                    while (rs.next()) described.add(List.of(rs.getString(1), rs.getString(2)));
                }
                List<List<String>> expected = new ArrayList<>(c.columns().stream()
                        .map(col -> List.of(col.name(), col.type().duckDbType())).toList());
                expected.addAll(List.of(List.of("_year", "INTEGER"), List.of("_errors", "VARCHAR"),
                        List.of("_warnings", "VARCHAR"), List.of("_source_file", "VARCHAR"), List.of("_row", "BIGINT")));
                assertEquals(expected, described, c.id());
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + c.id())) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), c.id());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ref_kommuner_2025")) {
                rs.next();
                assertEquals(357, rs.getLong(1));
            }
        }
    }

    @Test
    void viewsOfAStoredContractKeepTheSameColumnsAndTypes() throws Exception {
        Path store = tmp.resolve("store");
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(Extracts.somatic("E1", "P1", 1)));
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            in.ingest(f);
        }
        String describe = "SELECT column_name, column_type FROM (DESCRIBE npr_somatic_all)";
        assertEquals(IngesterTest.query(tmp.resolve("empty"), describe), IngesterTest.query(store, describe));
        String valid = "SELECT column_name, column_type FROM (DESCRIBE npr_somatic)";
        assertEquals(IngesterTest.query(tmp.resolve("empty"), valid), IngesterTest.query(store, valid));
    }

    @Test
    void rowsReadEqualRowsStoredPlusRejectedForEveryFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        // episode ids differ between the two somatic files: a key repeated across deliveries rejects the later file;
        // both are 2021 deliveries (a file named for 2020 with 2021 discharges breaks the after_period_end rule)
        Extracts.somaticFile(in, "npr_somatic_2021-a.csv", List.of(Extracts.somatic("E0", "P1", 1),
                Extracts.somatic("E2", java.util.Map.of("age", "-1"))));
        Extracts.somaticFile(in, "npr_somatic_2021-b.csv", List.of(Extracts.somatic("E1", "P1", 1),
                Extracts.somatic("E1", "P1", 2), Extracts.somatic("E3", "P3", 3)));
        Extracts.write(in, "npr_mental_2021.csv", Extracts.LATIN1, "episode_id;patient_id",
                List.of("M1;P1", "M2;P2", "M3;P3", "M4;P4"));
        Extracts.write(in, "death_2021.csv", StandardCharsets.UTF_8, "patient_id,death_date",
                List.of("P1,2021-04-01", "P2,2021-04-31"));
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.sorted().toList();
        }
        List<IngestResult> results;
        Path store = tmp.resolve("store");
        try (Ingester ingester = Ingester.open(store, IngesterTest.HOME, null)) {
            results = ingester.ingestAll(files);
        }
        for (IngestResult r : results) {
            assertEquals(r.rowsRead(), r.rowsStored() + r.rowsRejected(), r.sourceFile());
        }
        assertEquals(List.of("death_2021.csv 2 2 0 1", "npr_mental_2021.csv 4 0 4 0", "npr_somatic_2021-a.csv 2 2 0 1",
                        "npr_somatic_2021-b.csv 3 3 0 1"),
                results.stream().map(r -> r.sourceFile() + " " + r.rowsRead() + " " + r.rowsStored() + " "
                        + r.rowsRejected() + " " + r.rowsFlagged()).toList());
        // what the views hold agrees with the per-file counts and with the store manifest
        assertEquals(List.of(List.of("5", "2")), IngesterTest.query(store,
                "SELECT count(*), count(_errors) FROM npr_somatic_all"));
        assertEquals(List.of(List.of("2", "1")), IngesterTest.query(store,
                "SELECT count(*), count(_errors) FROM death_all"));
        StoreManifest m = StoreManifest.read(store);
        assertEquals(7, m.deliveries().stream().mapToLong(StoreManifest.Delivery::rowsStored).sum());
        assertEquals(7, m.deliveries().stream().flatMap(d -> d.files().stream())
                .mapToLong(StoreManifest.PartFile::rows).sum());
        assertEquals(4, m.rejected().get(0).rowsRead());
    }

    /** kvik_coverage: per delivered contract, the last year with valid rows; a flagged row of a later year does not count. */
    @Test
    void coverageIsTheLastYearWithValidRowsOfEachDeliveredContract() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("coverage-in"));
        // the 2023 row is flagged on a field that makes the row unusable (sex not in its set); a file named for
        // 2023, so that the 2023 dates are inside the delivery's period (no after_period_end flag on the year column)
        Extracts.somaticFile(in, "npr_somatic_2023.csv", List.of(Extracts.somatic("E1", "P1", 1),
                Extracts.somatic("E2", java.util.Map.of("sex", "9", "admission_time", "2023-03-01 08:00",
                        "discharge_time", "2023-03-01 16:30"))));
        Extracts.write(in, "death_2022.csv", StandardCharsets.UTF_8, "patient_id,death_date", List.of("P1,2022-04-01"));
        Path store = tmp.resolve("coverage-store");
        try (Ingester ingester = Ingester.open(store, IngesterTest.HOME, null);
             Stream<Path> s = Files.list(in)) {
            ingester.ingestAll(s.sorted().toList());
        }
        assertEquals(List.of(List.of("death", "DAR", "2022"), List.of("npr_somatic", "NPR", "2021")),
                IngesterTest.query(store, "SELECT contract_id, registry, CAST(last_year AS VARCHAR) FROM "
                        + Store.COVERAGE_VIEW + " ORDER BY contract_id"));
        // the flagged 2023 row is stored (in the _all view), only not counted
        assertEquals(List.of(List.of("2023")), IngesterTest.query(store, "SELECT CAST(max(_year) AS VARCHAR) FROM npr_somatic_all"));
    }
}
