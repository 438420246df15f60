package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Person-level values never reach what an ingest writes or prints by default (issue #13, point 4): failed and
 * flagged ingests of files full of patient ids, dates and causes, then every file the ingest and the quality
 * report wrote (all but the Parquet data) and everything printed is searched for them.
 */
class PersonDataTest {
    static final String HEADER = BadInputCorpusTest.GP_HEADER;

    @TempDir
    Path tmp;

    /** A row whose ids, date and cause text are unique to row {@code i}, so any leak of them can be found. */
    static String row(int i, String icpc2) {
        return "K7" + (100000 + i) + ",F0" + (31000000 + i) + "1,0301,2021-" + (i % 12 + 1 < 10 ? "0" : "")
                + (i % 12 + 1) + "-1" + (i % 9) + ",L" + (900 + i) + ",true," + icpc2 + ",34,1";
    }

    static String cause(int i) {
        return "DEATH_CAUSE_MYOCARDIAL_INFARCTION_" + i;
    }

    @Test
    void noKeyValueOrLongRawValueIsWrittenOrPrinted() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> secrets = new ArrayList<>();
        // 1. an unterminated quote in row 2, followed by 12 rows (ids, dates and a cause of death each)
        List<String> rows = new ArrayList<>(List.of(row(1, "R74"), row(2, "\"R74")));
        for (int i = 3; i <= 14; i++) rows.add(row(i, cause(i)));
        write(in.resolve("kpr_gp_contact_2021.csv"), rows);
        // 2. a 1 MB field in a flagged column, and flagged key fields (a repeated contact id)
        String huge = "H" + "x".repeat(1 << 20);
        write(in.resolve("kpr_gp_contact_2022.csv"), List.of(row(20, huge), row(21, "R74"), row(21, "R74"),
                row(22, "NOT_A_CODE_SECRET_TEXT_22"), row(23, "R74").replace(",0301,", ",M" + "y".repeat(5000) + ",")));
        // 3. a CR-only file: read as one line, its rows were quoted as unknown column names
        Files.writeString(in.resolve("kpr_gp_contact_2023.csv"), HEADER + "\r" + row(30, "R74") + "\r" + row(31, "R74")
                + "\r");
        for (int i = 1; i <= 31; i++) {
            String[] f = row(i, "R74").split(",");
            secrets.add(f[0]); // contact id (the key)
            secrets.add(f[1]); // patient id
            secrets.add(f[3]); // date
            secrets.add(f[4]); // GP id
        }
        for (int i = 3; i <= 14; i++) secrets.add(cause(i));
        secrets.add("x".repeat(Redaction.MAX_VALUE_CHARS + 1));
        secrets.add("y".repeat(Redaction.MAX_VALUE_CHARS + 1)); // a 5,000-character reporting unit

        Path store = tmp.resolve("store");
        KvikCli ingest = KvikCli.run("ingest", in.toString(), "--store", store.toString());
        assertEquals(ExitCodes.DATA_ERRORS, ingest.exitCode(), ingest.all());
        assertTrue(ingest.out().contains("kpr_gp_contact_2021.csv: REJECTED (14 rows): cannot be read as UTF-8 "
                + "','-separated text: CSV error on line 3 (data row 2): Value with unterminated quote found."), ingest.out());
        assertTrue(ingest.out().contains("data row 3 (line 4), field contact_id: duplicate_key ('K7***')"), ingest.out());
        assertTrue(ingest.out().contains("data row 1 (line 2), field icpc2: invalid_code ('Hx***')"), ingest.out());
        assertTrue(ingest.out().contains("kpr_gp_contact_2023.csv: stored as kpr_gp_contact 1.0.0: read 2, stored 2"),
                ingest.out());
        KvikCli quality = KvikCli.run("quality", "--store", store.toString(), "--out", tmp.resolve("q").toString());
        assertEquals(ExitCodes.DATA_ERRORS, quality.exitCode(), quality.all());

        List<Path> written = new ArrayList<>();
        for (Path dir : List.of(store, tmp.resolve("q"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).forEach(written::add);
            }
        }
        assertTrue(written.contains(store.resolve(StoreManifest.FILE_NAME)));
        assertEquals(3, written.stream().filter(p -> p.getParent().endsWith("ingests")).count());
        assertTrue(written.contains(tmp.resolve("q").resolve("quality.json")));
        for (String secret : secrets) {
            for (Path p : written) {
                assertFalse(Files.readString(p, StandardCharsets.ISO_8859_1).contains(secret), secret + " in " + p);
            }
            assertFalse(ingest.all().contains(secret), secret + " printed by kvik ingest");
            assertFalse(quality.all().contains(secret), secret + " printed by kvik quality");
        }

        // --show-values is refused when the output is not a terminal (here, as when redirected to a file)
        Files.delete(in.resolve("kpr_gp_contact_2021.csv"));
        Files.delete(in.resolve("kpr_gp_contact_2023.csv"));
        write(in.resolve("kpr_gp_contact_2022.csv"), List.of(row(21, "R74"), row(21, "R74"),
                row(22, "NOT_A_CODE_BUT_A_SECRET_OF_MORE_THAN_FORTY_CHARACTERS")));
        KvikCli shown = KvikCli.run("ingest", in.toString(), "--store", store.toString(), "--show-values");
        assertEquals(ExitCodes.USAGE, shown.exitCode(), shown.all());
        assertTrue(shown.err().contains("kvik ingest: --show-values prints person-level values to a terminal only, "
                + "and the output is not a terminal"), shown.err());
        assertFalse(shown.all().contains("K7100021"), shown.all());
        // through the API, the values come back in full (for a terminal), and are still written nowhere
        try (Ingester ingester = Ingester.open(store, IngesterTest.HOME, null)) {
            IngestResult r = ingester.showingValues().ingest(in.resolve("kpr_gp_contact_2022.csv"), java.util.Set.of());
            assertEquals("K7100021", r.firstFlagged().get(0).values().get("contact_id"));
        }
        try (Stream<Path> s = Files.walk(store)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("K7100021"), p.toString());
                assertFalse(text.contains("NOT_A_CODE_BUT_A_SECRET_OF_MORE_THAN_FORTY_CHARACTERS"), p.toString());
            }
        }
    }

    /**
     * Not only key fields: the flagged values of dates, causes of death, diagnoses and times are masked too in the
     * ingest records, the manifest, the quality report and everything printed (issue #13 review, point 1).
     */
    @Test
    void flaggedDatesCausesAndDiagnosesAreMaskedEverywhere() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Extracts.write(in, "death_2023.csv", StandardCharsets.UTF_8,
                "patient_id,death_date,underlying_cause,residence_municipality",
                List.of("D1,1899-06-01,I219,0301", "D2,2023-05-01,XCAUSE77,0301", "D3,2023-05-02,I219,0301"));
        Extracts.somaticFile(in, "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", java.util.Map.of("main_diagnosis", "Q9ZZZ")),
                Extracts.somatic("E2", java.util.Map.of("admission_time", "2021-02-30 08:00")),
                Extracts.somatic("E3", java.util.Map.of("discharge_time", "2021-13-01 16:30"))));
        Path store = tmp.resolve("store");
        KvikCli ingest = KvikCli.run("ingest", in.toString(), "--store", store.toString());
        assertEquals(ExitCodes.DATA_ERRORS, ingest.exitCode(), ingest.all());
        // the reason names what is wrong; the value is masked (at most 2 characters, never over a third)
        assertTrue(ingest.out().contains("death_2023.csv data row 1 (line 2), field death_date: date_before_1900 "
                + "('18***')"), ingest.out());
        assertTrue(ingest.out().contains("data row 2 (line 3), field underlying_cause: invalid_code ('XC***')"),
                ingest.out());
        assertTrue(ingest.out().contains("data row 1 (line 2), field main_diagnosis: invalid_code ('Q***')"),
                ingest.out());
        KvikCli quality = KvikCli.run("quality", "--store", store.toString(), "--out", tmp.resolve("q").toString());
        List<String> secrets = List.of("1899-06-01", "XCAUSE77", "Q9ZZZ", "2021-02-30", "2021-13-01");
        List<Path> written = new ArrayList<>();
        for (Path dir : List.of(store, tmp.resolve("q"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).forEach(written::add);
            }
        }
        assertEquals(2, written.stream().filter(p -> p.getParent().endsWith("ingests")).count());
        for (String secret : secrets) {
            for (Path p : written) {
                assertFalse(Files.readString(p, StandardCharsets.ISO_8859_1).contains(secret), secret + " in " + p);
            }
            assertFalse(ingest.all().contains(secret), secret + " printed by kvik ingest");
            assertFalse(quality.all().contains(secret), secret + " printed by kvik quality");
        }
    }

    /** Terminal control characters in a value are printed and recorded escaped, never raw (review, point 3). */
    @Test
    void controlCharactersArePrintedAndRecordedEscaped() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        // an ESC sequence setting the window title, in a flagged field, and a NUL in a key
        write(in.resolve("kpr_gp_contact_2021.csv"), List.of(row(1, "\u001b]0;owned\u0007"),
                row(2, "R74").replace("K7100002", "\u0000K7100002")));
        // and a file name with an ESC sequence (an empty file: rejected, named by ingest and quality)
        Files.writeString(in.resolve("kpr_gp_contact_2022\u001b[31m.csv"), "");
        Path store = tmp.resolve("store");
        KvikCli ingest = KvikCli.run("ingest", in.toString(), "--store", store.toString());
        assertEquals(ExitCodes.DATA_ERRORS, ingest.exitCode(), ingest.all());
        assertTrue(ingest.out().contains("data row 1 (line 2), field icpc2: invalid_code ('\\x1b]***')"),
                ingest.out());
        assertTrue(ingest.out().contains("data row 2 (line 3), field contact_id: control_character ('\\x00K***')"),
                ingest.out());
        assertTrue(ingest.out().contains("kpr_gp_contact_2022\\x1b[31m.csv: REJECTED (0 rows): "), ingest.out());
        KvikCli quality = KvikCli.run("quality", "--store", store.toString(), "--out", tmp.resolve("q").toString());
        assertTrue(quality.out().contains("rejected kpr_gp_contact_2022\\x1b[31m.csv (0 lines): "), quality.out());
        List<String> texts = new ArrayList<>(List.of(ingest.all(), quality.all()));
        try (Stream<Path> s = Files.walk(store)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList()) {
                texts.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            assertFalse(text.contains("\u001b"), text);
            assertFalse(text.contains("\u0000"), text);
            assertFalse(text.contains("\u0007"), text);
        }
    }

    static void write(Path file, List<String> rows) throws Exception {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        Files.writeString(file, sb.toString());
    }
}
