package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that break their contract are rejected whole, with the file and the reason, and store nothing. */
class RejectionTest {
    static final String GP_HEADER = "contact_id,patient_id,municipality,contact_date,gp_id,own_gp,icpc2,age,sex";
    static final String GP_ROW = "C1,P1,0301,2021-05-03,G1,true,R74,34,1";

    @TempDir
    Path tmp;

    IngestResult ingest(Path file) throws Exception {
        try (Ingester in = Ingester.open(tmp.resolve("store"), IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    /** Asserts the rejection, the row balance, and that nothing but the rejection record reached the store. */
    void assertRejected(Path file, String reason, long lines) throws Exception {
        IngestResult r = ingest(file);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(reason, r.reason());
        assertEquals(lines, r.rowsRead());
        assertEquals(lines, r.rowsRejected());
        assertEquals(0, r.rowsStored());
        Path store = tmp.resolve("store");
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList());
        }
        StoreManifest m = StoreManifest.read(store);
        assertEquals(List.of(), m.deliveries());
        assertEquals(1, m.rejected().size());
        assertEquals(file.getFileName().toString(), m.rejected().get(0).sourceFile());
        assertEquals(reason, m.rejected().get(0).reason());
        try (Stream<Path> s = Files.list(store.resolve("ingests"))) {
            List<Path> records = s.toList();
            assertEquals(1, records.size());
            assertTrue(Files.readString(records.get(0)).contains("\"outcome\" : \"REJECTED\""));
        }
    }

    @Test
    void wrongDelimiter() throws Exception {
        Path f = Extracts.write(tmp, "npr_somatic_2021.csv", Extracts.LATIN1, Extracts.SOMATIC_HEADER.replace(';', ','),
                List.of(Extracts.somatic("E1", "P1", 1).replace(';', ',')));
        assertRejected(f, "wrong delimiter: the header is one column; the contract expects ';'-separated columns "
                + "but the file uses ','", 1);
    }

    @Test
    void missingRequiredColumn() throws Exception {
        Path f = Extracts.write(tmp, "npr_somatic_2021.csv", Extracts.LATIN1,
                Extracts.SOMATIC_HEADER.replace(";sex", ""), List.of("E1;P1;983974880;2021-03-01 08:00;"
                        + "2021-03-01 16:30;1;1;I219;;;0301;67;1"));
        assertRejected(f, "missing required column 'sex'", 1);
    }

    @Test
    void unknownExtraColumn() throws Exception {
        Path f = Extracts.write(tmp, "npr_somatic_2021.csv", Extracts.LATIN1, Extracts.SOMATIC_HEADER + ";comment",
                List.of(Extracts.somatic("E1", "P1", 1) + ";x", Extracts.somatic("E2", "P2", 1) + ";y"));
        assertRejected(f, "unknown column 'comment'", 2);
    }

    @Test
    void undecodableBytesForTheDeclaredEncoding() throws Exception {
        // kpr_gp_contact is UTF-8; the third line carries a latin-1 'ø' (0xF8), which is not valid UTF-8
        byte[] bytes = (GP_HEADER + "\n" + GP_ROW + "\nC2,P\u00f82,0301,2021-05-03,G1,true,R74,34,1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path f = tmp.resolve("kpr_gp_contact_2021.csv");
        Files.write(f, bytes);
        assertRejected(f, "cannot be read as UTF-8 ','-separated text: CSV error on line 3 (data row 2): "
                + "Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.", 2);
    }

    @Test
    void byteOrderMarkInALatin1File() throws Exception {
        Path f = tmp.resolve("npr_somatic_2021.csv");
        Files.write(f, ("\ufeff" + Extracts.SOMATIC_HEADER + "\n" + Extracts.somatic("E1", "P1", 1) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRejected(f, "file starts with a UTF-8 byte-order mark but the contract declares ISO-8859-1", 1);
    }

    @Test
    void rowWithTooManyFields() throws Exception {
        Path f = Extracts.write(tmp, "kpr_gp_contact_2021.csv", StandardCharsets.UTF_8, GP_HEADER,
                List.of(GP_ROW, "C2,P2,0301,2021-05-03,G1,true,R74,34,1,extra", "C3,P3,0301,2021-05-03,G1,true,R74,34,1"));
        IngestResult r = ingest(f);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertTrue(r.reason().startsWith("cannot be read as UTF-8 ','-separated text: CSV error on line 3 (data row 2): "
                + "Expected Number of Columns: 9 Found: 10"), r.reason());
        assertEquals(3, r.rowsRejected());
    }

    @Test
    void unknownExtractType() throws Exception {
        Path f = Extracts.write(tmp, "lab_results_2021.csv", StandardCharsets.UTF_8, "a,b", List.of("1,2"));
        IngestResult r = ingest(f);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertTrue(r.reason().startsWith("no contract matches the file name (known patterns: amk_call_*.csv, "),
                r.reason());
        assertEquals(1, r.rowsRejected());
    }

    @Test
    void emptyFile() throws Exception {
        Path f = tmp.resolve("npr_somatic_2022.csv");
        Files.write(f, new byte[0]);
        assertRejected(f, "empty file (no header line)", 0);
    }

    @Test
    void utf8BytesInALatin1File() throws Exception {
        // 'Ø' written as UTF-8 (0xC3 0x98) where the contract declares ISO-8859-1
        Path f = Extracts.write(tmp, "npr_somatic_2021.csv", StandardCharsets.UTF_8, Extracts.SOMATIC_HEADER,
                List.of(Extracts.somatic("E1", "P\u00d81", 1), Extracts.somatic("E2", "P2", 2)));
        assertRejected(f, "the file is UTF-8 encoded but the contract declares ISO-8859-1", 2);
    }
}
