package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.kvik.contract.DeliveryName;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose name names a message version its contract does not accept is rejected whole before it is read, with
 * the versions found and accepted; the rejection is kept in the manifest's history and seen by SQL in the views
 * ingest_files and ingest_rejections; the store and the other files go on.
 */
class MessageVersionTest {
    static final String WRONG = "npr_somatic_983974880_2021T2_v4.0.csv";
    static final String REASON = "message version 4.0 is not accepted by npr_somatic (accepted: 5.0); the file was "
            + "not read: deliver it again on version 5.0";

    @TempDir
    Path tmp;

    @Test
    void fileNameSaysVersionUnitAndPeriod() {
        assertEquals(new DeliveryName("4", "974795930", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 9, 1)),
                DeliveryName.parse("npr_somatic_974795930_2024T2_v4.csv"));
        assertEquals(new DeliveryName("5.0", null, LocalDate.of(2023, 9, 1), LocalDate.of(2024, 1, 1)),
                DeliveryName.parse("npr_mental_2023T3_v5.0.csv"));
        // a compiled extract: no version, no unit; the last year named is the period
        assertEquals(new DeliveryName(null, null, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)),
                DeliveryName.parse("npr_somatic_2019-2023.csv"));
        // a longer number is no org number, a 'v' inside the name is no version
        assertEquals(new DeliveryName(null, null, null, null), DeliveryName.parse("npr_somatic_1234567890_vx.csv"));
    }

    @Test
    void wrongVersionIsRejectedRecordedAndVisibleWhileTheStoreGoesOn() throws Exception {
        Path store = tmp.resolve("store");
        Path good = Extracts.somaticFile(tmp, "npr_somatic_2021.csv",
                List.of(Extracts.somatic("E1", "P1", 1), Extracts.somatic("E2", "P2", 2)));
        Path wrong = Extracts.somaticFile(tmp, WRONG, List.of(Extracts.somatic("E3", "P3", 3)));
        Path right = Extracts.somaticFile(tmp, "npr_somatic_983974880_2021T2_v5.0.csv",
                List.of(Extracts.somatic("E4", "P4", 4)));
        List<IngestResult> results;
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            results = in.ingestAll(List.of(good, wrong, right, wrong));
        }
        assertEquals(List.of(Outcome.STORED, Outcome.REJECTED, Outcome.STORED, Outcome.REJECTED),
                results.stream().map(IngestResult::outcome).toList());
        assertEquals(REASON, results.get(1).reason());
        assertEquals(1, results.get(1).rowsRejected());

        StoreManifest m = StoreManifest.read(store);
        assertEquals(List.of("npr_somatic_2021.csv", "npr_somatic_983974880_2021T2_v5.0.csv"),
                m.deliveries().stream().map(StoreManifest.Delivery::sourceFile).toList());
        assertEquals(List.of(REASON), m.rejected().stream().map(StoreManifest.Rejection::reason).toList());
        // the same file rejected twice is one file in the history
        assertEquals(1, m.versionRejections().size());
        StoreManifest.VersionRejection v = m.versionRejections().get(0);
        assertEquals(List.of(WRONG, "npr_somatic", "983974880", "2021-05-01", "2021-09-01", "4.0", List.of("5.0")),
                List.of(v.sourceFile(), v.contractId(), v.reportingUnit(), v.periodStart(), v.periodEnd(),
                        v.versionFound(), v.versionsAccepted()));

        try (Connection c = Store.open(store, IngesterTest.HOME); Statement st = c.createStatement()) {
            assertEquals(List.of(
                            "npr_somatic|npr_somatic_2021.csv|null|2021-01-01|2022-01-01|5.0|false|null",
                            "npr_somatic|npr_somatic_983974880_2021T2_v4.0.csv|983974880|2021-05-01|2021-09-01|4.0|true"
                                    + "|message version 4.0 not accepted (accepted: 5.0)",
                            "npr_somatic|npr_somatic_983974880_2021T2_v5.0.csv|983974880|2021-05-01|2021-09-01|5.0|false|null"),
                    rows(st, "SELECT * FROM ingest_files ORDER BY source_file"));
            assertEquals(List.of("npr_somatic|" + WRONG + "|983974880|2021-05-01|2021-09-01|message_version"
                            + "|message version 4.0 not accepted (accepted: 5.0)"),
                    rows(st, "SELECT * FROM ingest_rejections"));
            assertEquals(List.of("3"), rows(st, "SELECT count(*) FROM npr_somatic"));
        }
        // kvik sql --console: a script for a query reading ingest_files defines the view, with the same rows
        String script = ConsoleScript.of("t", "SELECT source_file, rejected FROM ingest_files WHERE $tag = 'x' "
                        + "ORDER BY source_file", java.util.Map.of("tag", new ConsoleScript.Parameter(
                        no.kvik.sql.ParameterType.VARCHAR, "x")), store, IngesterTest.HOME);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(script);
            List<String> got = new ArrayList<>();
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) got.add(rs.getString(1) + "|" + rs.getBoolean(2));
            }
            assertEquals(List.of("npr_somatic_2021.csv|false", WRONG + "|true",
                    "npr_somatic_983974880_2021T2_v5.0.csv|false"), got);
        }
        // a query without parameters: EXECUTE by name alone (DuckDB refuses "EXECUTE t()")
        String plain = ConsoleScript.of("t", "SELECT count(*) FROM ingest_rejections", java.util.Map.of(), store,
                IngesterTest.HOME);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(plain);
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void otherRejectionsAreListedWithReasonCodeFile() throws Exception {
        Path store = tmp.resolve("store");
        Path noHeader = Extracts.write(tmp, "npr_somatic_2022.csv", Extracts.LATIN1, Extracts.somatic("E1", "P1", 1),
                List.of());
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            assertEquals(Outcome.REJECTED, in.ingest(noHeader).outcome());
        }
        try (Connection c = Store.open(store, IngesterTest.HOME); Statement st = c.createStatement()) {
            assertEquals(List.of("npr_somatic|npr_somatic_2022.csv|null|2022-01-01|2023-01-01|file"),
                    rows(st, "SELECT contract_id, source_file, reporting_unit, period_start, period_end, reason_code "
                            + "FROM ingest_rejections"));
            assertEquals(List.of("0"), rows(st, "SELECT count(*) FROM ingest_files"));
        }
    }

    @Test
    void aManifestWrittenBeforeTheHistoryReadsWithAnEmptyOne() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(store.resolve(StoreManifest.FILE_NAME),
                "{\"formatVersion\": 1, \"deliveries\": [], \"rejected\": [], \"generation\": 3}");
        StoreManifest m = StoreManifest.read(store);
        assertEquals(List.of(), m.versionRejections());
        assertEquals(3, m.generation());
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) cells.add(String.valueOf(rs.getObject(i)));
                out.add(String.join("|", cells));
            }
        }
        return out;
    }

    @Test
    void aContractWithoutVersionsChecksNone() {
        assertNull(DeliveryName.parse("death_2021_v9.csv").versionProblem(
                no.kvik.contract.Contracts.load(IngesterTest.HOME.contracts()).byId("death").orElseThrow()));
    }
}
