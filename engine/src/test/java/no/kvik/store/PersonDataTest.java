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
                + "','-separated text: CSV Error on Line: 3: Value with unterminated quote found."), ingest.out());
        assertTrue(ingest.out().contains("row 3, field contact_id: duplicate_key ('K7***')"), ingest.out());
        assertTrue(ingest.out().contains("row 1, field icpc2: invalid_code ('Hxxx"), ingest.out());
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

        // --show-values prints the flagged values in full, and still writes them nowhere
        Files.delete(in.resolve("kpr_gp_contact_2021.csv"));
        Files.delete(in.resolve("kpr_gp_contact_2023.csv"));
        write(in.resolve("kpr_gp_contact_2022.csv"), List.of(row(21, "R74"), row(21, "R74"),
                row(22, "NOT_A_CODE_BUT_A_SECRET_OF_MORE_THAN_FORTY_CHARACTERS")));
        KvikCli shown = KvikCli.run("ingest", in.toString(), "--store", store.toString(), "--show-values");
        assertTrue(shown.out().contains("row 2, field contact_id: duplicate_key ('K7100021')"), shown.out());
        assertTrue(shown.out().contains("('NOT_A_CODE_BUT_A_SECRET_OF_MORE_THAN_FORTY_CHARACTERS')"), shown.out());
        try (Stream<Path> s = Files.walk(store)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("K7100021"), p.toString());
                assertFalse(text.contains("NOT_A_CODE_BUT_A_SECRET_OF_MORE_THAN_FORTY_CHARACTERS"), p.toString());
            }
        }
    }

    static void write(Path file, List<String> rows) throws Exception {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        Files.writeString(file, sb.toString());
    }
}
