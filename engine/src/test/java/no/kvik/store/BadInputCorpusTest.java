package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import no.kvik.cli.ExitCodes;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of issue #13 (and the cases that already passed), kept as a suite: each case writes tiny
 * files, runs {@code kvik ingest} in-process and checks the exit code, the message, the row balance printed
 * (rows read = stored + rejected) and the store afterwards (live deliveries, rejected files, no stray Parquet
 * file). Cases that need more than one ingest or another command are plain tests below.
 */
class BadInputCorpusTest {
    static final String GP = "kpr_gp_contact_2021.csv";
    static final String GP_HEADER = "contact_id,patient_id,municipality,contact_date,gp_id,own_gp,icpc2,age,sex";

    @TempDir
    Path tmp;

    /** A valid GP contact row {@code C<i>}, patient {@code P<i>}, Oslo, 2021-05-03. */
    static String gp(int i) {
        return "C" + i + ",P" + i + ",0301,2021-05-03,G1,true,R74,34,1";
    }

    static byte[] gpFile(String... rows) {
        return text(GP_HEADER, rows);
    }

    static byte[] text(String header, String... rows) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String r : rows) sb.append(r).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** What one case writes (file name and bytes) and what kvik ingest must do with it. */
    record Case(String fileName, byte[] bytes, int exit, String message, long read, long stored, long rejected,
                int liveAfter, int rejectedAfter) {
    }

    static Named<Case> c(String name, String fileName, byte[] bytes, int exit, String message, long read, long stored,
                         long rejected, int liveAfter, int rejectedAfter) {
        return Named.of(name, new Case(fileName, bytes, exit, message, read, stored, rejected, liveAfter, rejectedAfter));
    }

    static Stream<Named<Case>> corpus() throws IOException {
        String somaticHeader = Extracts.SOMATIC_HEADER;
        String somatic1 = Extracts.somatic("E1", "P1", 1);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(gpFile(gp(1), gp(2)));
        }
        byte[] binary = new byte[4096];
        new Random(13).nextBytes(binary);
        List<String> afterQuote = IntStream.rangeClosed(3, 14).mapToObj(BadInputCorpusTest::gp).toList();
        List<String> unterminated = new ArrayList<>(List.of(gp(1), "C2,\"P2,0301,2021-05-03,G1,true,R74,34,1"));
        unterminated.addAll(afterQuote);
        String huge = "Q".repeat(1 << 20);
        return Stream.of(
                c("clean file", GP, gpFile(gp(1), gp(2), gp(3)), 0, "stored as kpr_gp_contact", 3, 3, 0, 1, 0),
                c("UTF-8 with BOM (contract UTF-8)", GP, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        gpFile(gp(1))), 0, "stored as kpr_gp_contact", 1, 1, 0, 1, 0),
                c("BOM in a latin-1 file", "npr_somatic_2021.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                        (byte) 0xBF}, (somaticHeader + "\n" + somatic1 + "\n").getBytes(StandardCharsets.ISO_8859_1)),
                        1, "byte-order mark but the contract declares ISO-8859-1", 1, 0, 1, 0, 1),
                c("latin-1 bytes in a UTF-8 file", GP, (GP_HEADER + "\n" + gp(1) + "\nC2,P\u00f82,0301,2021-05-03,G1,true,"
                        + "R74,34,1\n").getBytes(StandardCharsets.ISO_8859_1), 1, "Invalid unicode", 2, 0, 2, 0, 1),
                c("UTF-8 in a latin-1 file", "npr_somatic_2021.csv", (somaticHeader + "\n"
                        + Extracts.somatic("E1", "P\u00d81", 1) + "\n").getBytes(StandardCharsets.UTF_8), 1,
                        "the file is UTF-8 encoded but the contract declares ISO-8859-1", 1, 0, 1, 0, 1),
                c("latin-1 file with \u00f8 (contract latin-1)", "npr_somatic_2021.csv", (somaticHeader + "\n"
                        + Extracts.somatic("E1", "P\u00d81", 1) + "\n").getBytes(StandardCharsets.ISO_8859_1), 0,
                        "stored as npr_somatic", 1, 1, 0, 1, 0),
                c("wrong delimiter", GP, text(GP_HEADER.replace(',', ';'), gp(1).replace(',', ';')), 1,
                        "wrong delimiter", 1, 0, 1, 0, 1),
                c("missing required column", GP, text(GP_HEADER.replace(",sex", ""), gp(1).replace(",1", "")), 1,
                        "missing required column 'sex'", 1, 0, 1, 0, 1),
                c("missing optional column", GP, text(GP_HEADER.replace(",icpc2", ""), "C1,P1,0301,2021-05-03,G1,true,34,1"),
                        0, "optional column 'icpc2' not in the file", 1, 1, 0, 1, 0),
                c("no header line (values not quoted)", GP, text(gp(41), gp(42)), 1,
                        "the first line names none of the contract's columns (9 fields): is the header line missing?", 1,
                        0, 1, 0, 1),
                c("extra column", GP, text(GP_HEADER + ",comment", gp(1) + ",x"), 1, "unknown column 'comment'", 1, 0, 1,
                        0, 1),
                c("reordered columns", GP, text("sex,age,icpc2,own_gp,gp_id,contact_date,municipality,patient_id,contact_id",
                        "1,34,R74,true,G1,2021-05-03,0301,P1,C1"), 0, "stored as kpr_gp_contact", 1, 1, 0, 1, 0),
                c("duplicate column name", GP, text(GP_HEADER + ",age", gp(1) + ",34"), 1, "duplicate column 'age'", 1, 0,
                        1, 0, 1),
                c("unterminated quote followed by rows", GP, gpFile(unterminated.toArray(String[]::new)), 1,
                        "CSV error on line 3 (data row 2): Value with unterminated quote found.", 14, 0, 14, 0, 1),
                c("row with too many fields", GP, gpFile(gp(1), gp(2) + ",extra"), 1,
                        "Expected Number of Columns: 9 Found: 10", 2, 0, 2, 0, 1),
                c("row with too few fields", GP, gpFile(gp(1), "C2,P2,0301"), 1, "Expected Number of Columns: 9 Found: 3",
                        2, 0, 2, 0, 1),
                c("truncated last line without line end", GP, concat(gpFile(gp(1)), "C2,P2,03".getBytes(
                        StandardCharsets.UTF_8)), 1, "Expected Number of Columns: 9 Found: 3", 2, 0, 2, 0, 1),
                c("invalid code", GP, gpFile(gp(1), gp(2).replace("R74", "ZZZ")), 1,
                        "data row 2 (line 3), field icpc2: invalid_code ('Z***')", 2, 2, 0, 1, 0),
                c("out-of-range age", GP, gpFile(gp(1).replace(",34,", ",134,")), 1, "data row 1 (line 2), field age: out_of_range ('1***')",
                        1, 1, 0, 1, 0),
                c("duplicate key in the file (key value masked)", GP, gpFile(gp(100), gp(100)), 1,
                        "data row 2 (line 3), field contact_id: duplicate_key ('C***')", 2, 2, 0, 1, 0),
                c("dangling reference", GP, gpFile(gp(1).replace("0301", "9999")), 1,
                        "data row 1 (line 2), field municipality: unknown_reference ('9***')", 1, 1, 0, 1, 0),
                c("impossible date", GP, gpFile(gp(1).replace("2021-05-03", "2021-02-30")), 1,
                        "data row 1 (line 2), field contact_date: type ('20***')", 1, 1, 0, 1, 0),
                c("1 MB field (masked)", GP, gpFile(gp(1).replace("R74", huge)), 1,
                        "data row 1 (line 2), field icpc2: invalid_code ('QQ***')", 1, 1, 0, 1,
                        0),
                c("3 MB line (over DuckDB's line limit; the line is not quoted)", GP, gpFile(gp(1).replace("R74",
                        "Z".repeat(3_000_000)), gp(2)), 1, "CSV error on line 2 (data row 1): Maximum line size of 2000000 bytes "
                        + "exceeded.", 2, 0, 2, 0, 1),
                c("empty file", GP, new byte[0], 1, "empty file (no header line)", 0, 0, 0, 0, 1),
                c("header only", GP, gpFile(), 0, "stored as kpr_gp_contact", 0, 0, 0, 1, 0),
                c("binary bytes", GP, binary, 1, "REJECTED", binaryLines(binary), 0, binaryLines(binary), 0, 1),
                c("gzip under a .csv name", GP, gz.toByteArray(), 1, "REJECTED", binaryLines(gz.toByteArray()), 0,
                        binaryLines(gz.toByteArray()), 0, 1),
                // a NUL inside a key is flagged (control_character): the row is marked, the file's other rows stored
                c("NUL bytes in a field", GP, gpFile(gp(1), gp(2).replace("G1", "G\0" + "1")), 1,
                        "control_character", 2, 2, 0, 1, 0),
                c("CR-only line ends, read with their row numbers", GP, (GP_HEADER + "\r" + IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> i == 7 ? gp(i).replace("R74", "ZZZ") : gp(i)).collect(Collectors.joining("\r"))
                        + "\r").getBytes(StandardCharsets.UTF_8), 1, "data row 7 (line 8), field icpc2: invalid_code ('Z***')", 20, 20, 0,
                        1, 0),
                c("CR-only line ends, latin-1", "npr_somatic_2021.csv", (somaticHeader + "\r" + somatic1 + "\r"
                        + Extracts.somatic("E2", "P\u00d82", 2)).getBytes(StandardCharsets.ISO_8859_1), 0,
                        "stored as npr_somatic", 2, 2, 0, 1, 0),
                c("CRLF line ends", GP, (GP_HEADER + "\r\n" + gp(1) + "\r\n" + gp(2) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8), 0, "stored as kpr_gp_contact", 2, 2, 0, 1, 0),
                c("file name matching no contract", "lab_results_2021.csv", gpFile(gp(1)), 1,
                        "no contract matches the file name", 1, 0, 1, 0, 1),
                c("odd file name: spaces, quote, semicolon, non-ASCII", "kpr_gp_contact_2021 'kopi'; \u00e6\u00f8\u00e5.csv",
                        gpFile(gp(1)), 0, "stored as kpr_gp_contact", 1, 1, 0, 1, 0));
    }

    /** Physical lines after the first (what a rejected file is counted as). */
    static long binaryLines(byte[] bytes) {
        long lf = 0;
        long cr = 0;
        for (byte b : bytes) {
            if (b == '\n') lf++;
            else if (b == '\r') cr++;
        }
        boolean crOnly = lf == 0 && cr > 0;
        long lines = crOnly ? cr : lf;
        if (bytes.length > 0 && bytes[bytes.length - 1] != (crOnly ? '\r' : '\n')) lines++;
        return Math.max(0, lines - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusCase(Case c) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path file = in.resolve(c.fileName());
        Files.write(file, c.bytes());
        Path store = tmp.resolve("store");
        KvikCli r = KvikCli.run("ingest", file.toString(), "--store", store.toString());
        assertEquals(c.exit(), r.exitCode(), r.all());
        assertTrue(r.out().contains(c.message()), r.all().length() > 4000 ? r.all().substring(0, 4000) : r.all());
        assertArrayEquals(new long[] {c.read(), c.stored(), c.rejected()}, r.balance(), r.out());
        assertStore(store, c.liveAfter(), c.rejectedAfter());
        assertTrue(r.all().length() < 4000, "output stays short: " + r.all().length() + " characters");
        assertFalse(r.all().contains("P41"), "a patient id of the file is printed");
    }

    /** The store holds exactly the Parquet files its live deliveries list, and the given numbers of deliveries. */
    static void assertStore(Path store, int live, int rejected) throws IOException {
        StoreManifest m = StoreManifest.read(store);
        assertEquals(live, m.deliveries().size(), m.toString());
        assertEquals(rejected, m.rejected().size(), m.toString());
        Set<Path> listed = new HashSet<>();
        m.deliveries().forEach(d -> d.files().forEach(f -> listed.add(store.resolve(f.path()).normalize())));
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            assertEquals(listed, s.filter(Files::isRegularFile).map(Path::normalize).collect(Collectors.toSet()));
        }
        if (Files.isDirectory(store.resolve(".spill"))) {
            try (Stream<Path> s = Files.walk(store.resolve(".spill"))) {
                assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "temporary files left behind");
            }
        }
        for (StoreManifest.Delivery d : m.deliveries()) {
            assertEquals(d.rowsRead(), d.rowsStored(), d.sourceFile());
        }
    }

    private KvikCli ingest(Path file) {
        return KvikCli.run("ingest", file.toString(), "--store", tmp.resolve("store").toString());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        return Files.write(in.resolve(name), bytes);
    }

    @Test
    void resendUnchangedIsANoOp() throws Exception {
        Path f = write(GP, gpFile(gp(1), gp(2)));
        assertEquals(0, ingest(f).exitCode());
        KvikCli again = ingest(f);
        assertEquals(ExitCodes.OK, again.exitCode(), again.all());
        assertTrue(again.out().contains("unchanged"), again.out());
        assertArrayEquals(new long[] {2, 2, 0}, again.balance());
        assertStore(tmp.resolve("store"), 1, 0);
    }

    @Test
    void resendUnderANewNameIsRejected() throws Exception {
        assertEquals(0, ingest(write(GP, gpFile(gp(1), gp(2)))).exitCode());
        KvikCli copy = ingest(write("kpr_gp_contact_2021_resend.csv", gpFile(gp(1), gp(2))));
        assertEquals(ExitCodes.DATA_ERRORS, copy.exitCode());
        assertTrue(copy.out().contains("same content (SHA-256) as the live delivery " + GP), copy.out());
        assertArrayEquals(new long[] {2, 0, 2}, copy.balance());
        KvikCli overlap = ingest(write("kpr_gp_contact_2021_b.csv", gpFile(gp(2), gp(3))));
        assertEquals(ExitCodes.DATA_ERRORS, overlap.exitCode());
        // the repeated key is named masked (C2 is too short to show any of it)
        assertTrue(overlap.out().contains("1 usable row(s) repeat the primary key (contact_id) of rows in the live "
                + "delivery " + GP + " (e.g. ***)"), overlap.out());
        assertStore(tmp.resolve("store"), 1, 2);
    }

    @Test
    void changedFileUnderTheSameNameReplacesTheDelivery() throws Exception {
        assertEquals(0, ingest(write(GP, gpFile(gp(1), gp(2)))).exitCode());
        KvikCli r = ingest(write(GP, gpFile(gp(1), gp(2), gp(3))));
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.out().contains("replaced as kpr_gp_contact"), r.out());
        assertStore(tmp.resolve("store"), 1, 0);
        assertEquals(3, StoreManifest.read(tmp.resolve("store")).deliveries().get(0).rowsStored());
    }

    @Test
    void symlinkIsIngestedUnderItsOwnName() throws Exception {
        Path target = write("contacts.txt", gpFile(gp(1)));
        Path link = Files.createSymbolicLink(tmp.resolve("in").resolve(GP), target);
        KvikCli r = ingest(link);
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertEquals(GP, StoreManifest.read(tmp.resolve("store")).deliveries().get(0).sourceFile());
        Path dangling = Files.createSymbolicLink(tmp.resolve("in").resolve("kpr_gp_contact_2022.csv"),
                tmp.resolve("nowhere.csv"));
        KvikCli broken = ingest(dangling);
        assertEquals(ExitCodes.USAGE, broken.exitCode(), broken.all());
        assertTrue(broken.err().contains("no such file or folder"), broken.err());
        assertStore(tmp.resolve("store"), 1, 0);
    }

    @Test
    void missingInputsAreUsageErrors() throws Exception {
        KvikCli none = ingest(tmp.resolve("nope.csv"));
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.err().contains("no such file or folder: " + tmp.resolve("nope.csv")), none.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        KvikCli noCsv = ingest(empty);
        assertEquals(ExitCodes.USAGE, noCsv.exitCode());
        assertTrue(noCsv.err().contains("no *.csv files in"), noCsv.err());
    }

    @Test
    void concurrentIngestExitsStoreBusyAndChangesNothing() throws Exception {
        Path store = tmp.resolve("store");
        assertEquals(0, ingest(write(GP, gpFile(gp(1)))).exitCode());
        byte[] manifest = Files.readAllBytes(store.resolve(StoreManifest.FILE_NAME));
        try (Ingester holder = Ingester.open(store, IngesterTest.HOME, null)) {
            KvikCli busy = ingest(write("kpr_gp_contact_2022.csv", gpFile(gp(7))));
            assertEquals(ExitCodes.STORE_BUSY, busy.exitCode(), busy.all());
            assertTrue(busy.err().contains("busy: another ingest or store command holds the store lock"), busy.err());
            KvikCli retire = KvikCli.run("store", "retire", GP, "--store", store.toString());
            assertEquals(ExitCodes.STORE_BUSY, retire.exitCode(), retire.all());
        }
        assertArrayEquals(manifest, Files.readAllBytes(store.resolve(StoreManifest.FILE_NAME)));
        assertStore(store, 1, 0);
    }

    @Test
    void injectionThroughParamIsAValueNotSql() throws Exception {
        Path rx = write("prescription_2021.csv", ("dispensing_id;patient_id;dispensing_date;atc;ddd;prescriber_category;"
                + "residence_municipality;age;sex\nD1;P1;2021-03-01;J01CA04;1,5;GP;0301;40;1\n"
                + "D2;P2;2021-04-01;C09AA05;1;GP;0301;50;2\n").getBytes(StandardCharsets.ISO_8859_1));
        Path store = tmp.resolve("store");
        assertEquals(ExitCodes.OK, ingest(rx).exitCode());
        byte[] manifest = Files.readAllBytes(store.resolve(StoreManifest.FILE_NAME));
        for (String value : List.of("J01' OR '1'='1", "J01'; DROP VIEW prescription; --")) {
            Path out = tmp.resolve("out-" + value.length());
            KvikCli r = KvikCli.run("-q", "run", "--store", store.toString(), "--indicator",
                    "antibiotic_prescriptions_per_1000", "--period", "2021", "--param", "atc_prefix=" + value,
                    "--out", out.toString(), "--format", "CSV", "--no-analysis");
            assertEquals(ExitCodes.OK, r.exitCode(), r.all());
            // bound as a value, the prefix matches no ATC code: no case, no result row (as SQL, it would match all)
            assertEquals(1, Files.readAllLines(out.resolve("results.csv")).size(), r.all());
        }
        assertArrayEquals(manifest, Files.readAllBytes(store.resolve(StoreManifest.FILE_NAME)));
        Path out = tmp.resolve("out-default");
        KvikCli plain = KvikCli.run("-q", "run", "--store", store.toString(), "--indicator",
                "antibiotic_prescriptions_per_1000", "--period", "2021", "--out", out.toString(), "--format", "CSV",
                "--no-analysis");
        assertEquals(ExitCodes.OK, plain.exitCode(), plain.all());
        assertTrue(Files.readAllLines(out.resolve("results.csv")).size() > 1, "the prescription view is still there");
    }

    /** The raw HTTP response of kvik serve to a request line sent as is (an HTTP client would normalise it). */
    static String rawGet(int port, String target) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pathTraversalAgainstServeIsRefusedAsJson() throws Exception {
        Path releases = Files.createDirectories(tmp.resolve("releases"));
        Files.writeString(tmp.resolve("secret.json"), "{\"secret\": \"P12345678901\"}");
        try (no.kvik.release.ApiServer server = no.kvik.release.ApiServer.start(releases, 0)) {
            for (String target : List.of("/api/releases/..%2F..%2Fsecret.json", "/api/releases/%2e%2e/secret.json",
                    "/api/releases/../../secret.json", "/api/releases/2024-1/indicators/..%2F..%2F..%2Fsecret",
                    "/../secret.json")) {
                String response = rawGet(server.port(), target);
                assertFalse(response.startsWith("HTTP/1.1 200"), target + ": " + response);
                assertTrue(response.contains("application/json"), target + ": " + response);
                assertFalse(response.contains("P12345678901"), target + ": " + response);
            }
        }
    }

    @Test
    void malformedEscapeGetsAJson400() throws Exception {
        try (no.kvik.release.ApiServer server = no.kvik.release.ApiServer.start(
                Files.createDirectories(tmp.resolve("releases")), 0)) {
            for (String target : List.of("/api/releases/%zz", "/api/releases?unit=%zz")) {
                String response = rawGet(server.port(), target);
                assertTrue(response.startsWith("HTTP/1.1 400"), response);
                assertTrue(response.contains("application/json"), response);
            }
        }
    }

    @Test
    void implausibleDatesAreFlagged() throws Exception {
        KvikCli r = ingest(write(GP, gpFile(gp(1).replace("2021-05-03", "1850-05-03"),
                gp(2).replace("2021-05-03", "2099-05-03"), gp(3))));
        assertEquals(ExitCodes.DATA_ERRORS, r.exitCode(), r.all());
        assertTrue(r.out().contains("data row 1 (line 2), field contact_date: date_before_1900 ('18***')"), r.out());
        assertTrue(r.out().contains("data row 2 (line 3), field contact_date: after_period_end ('20***')"), r.out());
        assertTrue(r.out().contains("stored 3, flagged 2"), r.out());
        assertArrayEquals(new long[] {3, 3, 0}, r.balance());
    }

    @Test
    void paddedKeysAreTheSameKey() throws Exception {
        KvikCli r = ingest(write(GP, gpFile(gp(1), gp(1).replaceFirst("^C1,", " C1 ,"))));
        assertEquals(ExitCodes.DATA_ERRORS, r.exitCode(), r.all());
        assertTrue(r.out().contains("data row 2 (line 3), field contact_id: duplicate_key"), r.out());
        assertArrayEquals(new long[] {2, 2, 0}, r.balance());
    }

    @Test
    void aReaderKeepsItsSnapshotAcrossAReplacingIngest() throws Exception {
        Path store = tmp.resolve("store");
        assertEquals(ExitCodes.OK, ingest(write(GP, gpFile(gp(1), gp(2)))).exitCode());
        try (java.sql.Connection c = Store.open(store, IngesterTest.HOME); java.sql.Statement st = c.createStatement()) {
            assertEquals(ExitCodes.OK, ingest(write(GP, gpFile(gp(1), gp(2), gp(3)))).exitCode());
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM kpr_gp_contact_all")) {
                rs.next();
                assertEquals(2, rs.getLong(1), "the reader still sees the delivery it opened");
            }
        }
        try (java.sql.Connection c = Store.open(store, IngesterTest.HOME); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM kpr_gp_contact_all")) {
            rs.next();
            assertEquals(3, rs.getLong(1));
        }
    }

    @Test
    void idleConnectionsDoNotStarveServe() throws Exception {
        try (no.kvik.release.ApiServer server = no.kvik.release.ApiServer.start(
                Files.createDirectories(tmp.resolve("releases")), 0)) {
            List<java.net.Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) idle.add(new java.net.Socket("127.0.0.1", server.port()));
                for (java.net.Socket s : idle) s.getOutputStream().write("GET /api HTTP/1.1\r\n".getBytes());
                long t0 = System.nanoTime();
                String response = rawGet(server.port(), "/api/releases");
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered within 5 s");
            } finally {
                for (java.net.Socket s : idle) s.close();
            }
        }
    }
}
