package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13: plausibility rules on dates (a death in 1899 or 2031 in the 2023 delivery), keys normalised once by
 * contract (a resend with padded keys is a repeat; NUL in a key is flagged) and field-level validity (a flagged value
 * is NULL, the row stays in the view when the contract says the field only places it).
 */
class PlausibilityAndKeysTest {
    private static final String DEATH_HEADER = "patient_id,death_date,underlying_cause,residence_municipality";

    @TempDir
    Path tmp;

    private Path store() {
        return tmp.resolve("store");
    }

    private IngestResult ingest(KvikHome home, Path file) {
        try (Ingester in = Ingester.open(store(), home, null)) {
            return in.ingest(file);
        }
    }

    private Path deaths(String dir, String name, List<String> rows) throws Exception {
        return Extracts.write(Files.createDirectories(tmp.resolve(dir)), name, StandardCharsets.UTF_8, DEATH_HEADER, rows);
    }

    @Test
    void deathsIn1899And2031AreFlaggedByTheirRuleAndNeverStoredAsValid() throws Exception {
        Path f = deaths("in", "death_2023.csv", List.of("P1,2023-05-01,I219,0301", "P2,1899-12-31,I219,0301",
                "P3,2031-01-01,I219,0301", "P4,2024-01-31,I219,0301", "P5,2024-02-01,I219,0301"));
        IngestResult r = ingest(IngesterTest.HOME, f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(3, r.rowsFlagged());
        // period end 2023-12-31 (from the file name) + 31 days: 2024-01-31 is the last plausible day; a flagged
        // date is stored NULL, so its row goes to the unknown-year partition, not year=1899 or year=2031
        assertEquals(List.of(
                Arrays.asList("P1", "2023-05-01", "2023", null),
                Arrays.asList("P2", null, null, "date_before_1900:death_date"),
                Arrays.asList("P3", null, null, "after_period_end:death_date"),
                Arrays.asList("P4", "2024-01-31", "2024", null),
                Arrays.asList("P5", null, null, "after_period_end:death_date")),
                IngesterTest.query(store(), "SELECT patient_id, CAST(death_date AS VARCHAR), _year, _errors "
                        + "FROM death_all ORDER BY patient_id"));
        assertEquals(List.of(List.of("P1"), List.of("P4")),
                IngesterTest.query(store(), "SELECT patient_id FROM death ORDER BY patient_id"));
        try (Stream<Path> s = Files.list(store().resolve("data/death"))) {
            assertEquals(List.of("year=2023", "year=2024", "year=unknown"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void periodEndIsTheLastYearInTheFileNameOrTheIngestDay() {
        Instant day = Instant.parse("2026-12-07T01:00:00Z");
        assertEquals(LocalDate.of(2023, 12, 31), Ingester.periodEnd("death_2023.csv", day));
        assertEquals(LocalDate.of(2023, 12, 31), Ingester.periodEnd("npr_somatic_2019-2023.csv", day));
        assertEquals(LocalDate.of(2026, 12, 7), Ingester.periodEnd("death_20230115.csv", day));
        assertEquals(LocalDate.of(2026, 12, 7), Ingester.periodEnd("death_latest.csv", day));
    }

    @Test
    void aResendWithPaddedKeysIsRejectedAsARepeat() throws Exception {
        assertEquals(Outcome.STORED, ingest(IngesterTest.HOME, deaths("v1", "death_2023.csv",
                List.of("P1,2023-05-01,I219,0301", "P2,2023-06-01,I219,0301"))).outcome());
        IngestResult resend = ingest(IngesterTest.HOME, deaths("v2", "death_2023_resend.csv",
                List.of("P1 ,2023-05-01,I219,0301", "P2\t,2023-06-01,I219,0301")));
        assertEquals(Outcome.REJECTED, resend.outcome());
        assertTrue(resend.reason().startsWith("2 usable row(s) repeat the primary key (patient_id) of rows in the live "
                + "delivery death_2023.csv"), resend.reason());
        assertEquals(List.of(List.of("2")), IngesterTest.query(store(), "SELECT count(*) FROM death"));
    }

    @Test
    void blanksAroundKeysAndCodesAreTrimmedOnceAndRepeatsWithinAFileUseTheTrimmedKey() throws Exception {
        // a leading space used to make the key valid while the code and municipality beside it were flagged
        IngestResult r = ingest(IngesterTest.HOME, deaths("in", "death_2023.csv",
                List.of(" P1, 2023-05-01 , I219, 0301", "P1 ,2023-05-02,I219,0301", "  ,2023-05-03,I219,0301")));
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        // the first P1 is valid, its padded repeat a duplicate, a key of blanks only is missing (DuckDB's strptime
        // itself reads ' 2023-05-01 ')
        assertEquals(List.of(
                Arrays.asList("1", "P1", "2023-05-01", "I219", "0301", null),
                Arrays.asList("2", "P1", "2023-05-02", "I219", "0301", "duplicate_key:patient_id"),
                Arrays.asList("3", null, "2023-05-03", "I219", "0301", "missing:patient_id")),
                IngesterTest.query(store(), "SELECT _row, patient_id, CAST(death_date AS VARCHAR), underlying_cause, "
                        + "residence_municipality, _errors FROM death_all ORDER BY _row"));
    }

    @Test
    void controlCharactersInAKeyAreFlaggedNeverTrimmed() throws Exception {
        // in a code field a control character fails the code check instead
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path f = in.resolve("death_2023.csv");
        Files.write(f, (DEATH_HEADER + "\nP\u00001,2023-05-01,I219,0301\nP1\u0000,2023-05-02,I219,0301\n"
                + "P2,2023-05-03,I2\u000b19,0301\nP3,2023-05-04,I219,0301\n").getBytes(StandardCharsets.UTF_8));
        IngestResult r = ingest(IngesterTest.HOME, f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(List.of(
                Arrays.asList("1", null, "control_character:patient_id"),
                Arrays.asList("2", null, "control_character:patient_id"),
                Arrays.asList("3", "P2", "invalid_code:underlying_cause"),
                Arrays.asList("4", "P3", null)),
                IngesterTest.query(store(), "SELECT _row, patient_id, _errors FROM death_all ORDER BY _row"));
        assertEquals(List.of(List.of("P3")), IngesterTest.query(store(), "SELECT patient_id FROM death"));
    }

    @Test
    void aContractThatDoesNotTrimFlagsPaddedKeys() throws Exception {
        KvikHome home = homeWithoutTrim();
        Path f = Extracts.write(Files.createDirectories(tmp.resolve("in")), "death_2023.csv", StandardCharsets.UTF_8,
                DEATH_HEADER, List.of("P1 ,2023-05-01,I219,0301", "P2,2023-05-01, I219,0301", "P3,2023-05-01,I219,0301"));
        try (Ingester in = Ingester.open(store(), home, null)) {
            assertEquals(Outcome.STORED, in.ingest(f).outcome());
        }
        try (var c = Store.open(store(), home); var st = c.createStatement();
             var rs = st.executeQuery("SELECT _row, patient_id, underlying_cause, _errors FROM death_all ORDER BY _row")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getLong(1)).append('|').append(rs.getString(2)).append('|').append(rs.getString(3))
                        .append('|').append(rs.getString(4)).append('\n');
            }
            assertEquals("1|null|I219|padded:patient_id\n2|P2|null|invalid_code:underlying_cause\n3|P3|I219|null\n",
                    out.toString());
        }
    }

    /** The real home with death.json saying {@code "trimKeys": false}. */
    private KvikHome homeWithoutTrim() throws Exception {
        KvikHome real = IngesterTest.HOME;
        Path root = tmp.resolve("home");
        Path contracts = Files.createDirectories(root.resolve("sql/contracts"));
        try (Stream<Path> s = Files.list(real.contracts())) {
            for (Path p : s.toList()) {
                String text = Files.readString(p);
                if (p.getFileName().toString().equals("death.json")) {
                    assertTrue(text.contains("\"trimKeys\": true"));
                    text = text.replace("\"trimKeys\": true", "\"trimKeys\": false");
                }
                Files.writeString(contracts.resolve(p.getFileName()), text);
            }
        }
        Files.createSymbolicLink(root.resolve("sql/reference"), real.sql().resolve("reference"));
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("data/reference"), real.reference());
        return new KvikHome(root);
    }
}
