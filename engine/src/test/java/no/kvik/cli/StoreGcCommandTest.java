package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** kvik store gc deletes superseded files once no reader holds them, and leaves held ones. */
class StoreGcCommandTest {
    private static final KvikHome HOME = KvikHome.locate();

    @TempDir
    Path dir;

    /** One year of a corridor extract (one Parquet file) with {@code patients} corridor patients a day. */
    private Path extract(String folder, int patients) throws Exception {
        Path extract = Files.createDirectories(dir.resolve(folder)).resolve("trust_corridor_2024.csv");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT '974795930' AS provider_org, strftime(d, '%Y-%m-%d') AS report_date, "
                    + patients + " AS corridor_patients, 50 AS occupied_beds "
                    + "FROM range(DATE '2024-01-01', DATE '2024-02-01', INTERVAL 1 DAY) r(d) ORDER BY d) TO '"
                    + extract.toString().replace("'", "''") + "' (HEADER, DELIMITER ';')");
        }
        return extract;
    }

    private void ingest(Path store, Path file, IngestResult.Outcome expected) {
        try (Ingester in = Ingester.open(store, HOME, null)) {
            IngestResult r = in.ingest(file);
            assertEquals(expected, r.outcome(), r.reason());
        }
    }

    private static List<Path> dataFiles(Path store) throws Exception {
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String gc(Path store) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, new CommandLine(new StoreGcCommand()).execute("--store", store.toString()), buf.toString());
        } finally {
            System.setOut(old);
        }
        return buf.toString().strip();
    }

    @Test
    void deletesSupersededFilesOnceNoReaderHoldsThem() throws Exception {
        Path store = dir.resolve("store");
        ingest(store, extract("v1", 1), IngestResult.Outcome.STORED);
        List<Path> v1 = dataFiles(store);
        assertEquals(1, v1.size());
        try (Connection reader = Store.open(store, HOME)) {
            ingest(store, extract("v2", 2), IngestResult.Outcome.REPLACED);
            assertEquals("deleted 0 superseded file(s); 1 still held by running readers; 1 live", gc(store));
            assertTrue(Files.exists(v1.get(0)));
            try (Statement st = reader.createStatement();
                 var rs = st.executeQuery("SELECT sum(corridor_patients) FROM trust_corridor")) {
                rs.next();
                assertEquals(31, rs.getLong(1), "the reader still reads v1: 1 patient on each of 31 days");
            }
        }
        // the reader closed between two ingests: the file waits for gc
        assertTrue(Files.exists(v1.get(0)));
        assertEquals("deleted 1 superseded file(s); 0 still held by running readers; 1 live", gc(store));
        assertFalse(Files.exists(v1.get(0)));
        assertEquals(1, dataFiles(store).size());
    }

    @Test
    void aFolderWithoutManifestIsAUsageError() {
        // as the kvik command line would run it (the lead wires gc into the kvik store group)
        CommandLine kvik = Kvik.commandLine();
        kvik.addSubcommand("gc", new StoreGcCommand());
        int code = kvik.execute("gc", "--store", dir.toString());
        assertEquals(ExitCodes.USAGE, code);
        assertFalse(Files.exists(dir.resolve("data")), "gc does not make a store out of any folder");
    }
}
