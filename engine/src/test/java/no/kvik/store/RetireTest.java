package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvik store retire: one live delivery leaves the store atomically, with a record; unknown names are refused. */
class RetireTest {
    @TempDir
    Path tmp;

    static String contacts(Path store) throws Exception {
        try (Connection c = Store.open(store, IngesterTest.HOME); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(contact_id, ',' ORDER BY contact_id) FROM kpr_gp_contact_all")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void retiresOneDeliveryAndRefusesUnknownNames() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("kpr_gp_contact_2021.csv"), BadInputCorpusTest.gpFile(BadInputCorpusTest.gp(1),
                BadInputCorpusTest.gp(2)));
        Files.write(in.resolve("kpr_gp_contact_2022.csv"), BadInputCorpusTest.gpFile(BadInputCorpusTest.gp(3)));
        Path store = tmp.resolve("store");
        assertEquals(ExitCodes.OK, KvikCli.run("ingest", in.toString(), "--store", store.toString()).exitCode());
        assertEquals("C1,C2,C3", contacts(store));
        StoreManifest.Delivery retired = StoreManifest.read(store).delivery("kpr_gp_contact", "kpr_gp_contact_2021.csv")
                .orElseThrow();

        KvikCli r = KvikCli.run("store", "retire", "kpr_gp_contact_2021.csv", "--store", store.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.all());
        assertTrue(r.out().contains("kpr_gp_contact_2021.csv: retired from " + store + " (kpr_gp_contact, 2 rows, "
                + "1 Parquet file(s) deleted)"), r.out());
        assertEquals("C3", contacts(store));
        StoreManifest m = StoreManifest.read(store);
        assertEquals(List.of("kpr_gp_contact_2022.csv"), m.deliveries().stream().map(StoreManifest.Delivery::sourceFile)
                .toList());
        for (StoreManifest.PartFile f : retired.files()) assertFalse(Files.exists(store.resolve(f.path())), f.path());
        BadInputCorpusTest.assertStore(store, 1, 0);
        try (Stream<Path> s = Files.list(store.resolve("ingests"))) {
            List<Path> records = s.filter(p -> p.toString().endsWith(".retired.json")).toList();
            assertEquals(1, records.size());
            Retirement rec = StoreManifest.JSON.readValue(records.get(0).toFile(), Retirement.class);
            assertEquals(new Retirement("kpr_gp_contact_2021.csv", "kpr_gp_contact", retired.contractVersion(),
                    retired.sha256(), retired.id(), 2, 1, "RETIRED", rec.retiredAt()), rec);
        }

        // the name is no longer live: refused, naming the live ones; the store is unchanged
        byte[] manifest = Files.readAllBytes(store.resolve(StoreManifest.FILE_NAME));
        KvikCli again = KvikCli.run("store", "retire", "kpr_gp_contact_2021.csv", "--store", store.toString());
        assertEquals(ExitCodes.USAGE, again.exitCode(), again.all());
        // the prefix names the whole command as typed (not "kvik retire:")
        assertTrue(again.err().contains("kvik store retire: kpr_gp_contact_2021.csv is not a live delivery of " + store
                + " (live: kpr_gp_contact_2022.csv)"), again.err());
        assertEquals(new String(manifest), Files.readString(store.resolve(StoreManifest.FILE_NAME)));
        KvikCli notAStore = KvikCli.run("store", "retire", "x.csv", "--store", tmp.resolve("nowhere").toString());
        assertEquals(ExitCodes.USAGE, notAStore.exitCode());
        assertTrue(notAStore.err().contains("not a store (no manifest.json)"), notAStore.err());
        KvikCli gcNowhere = KvikCli.run("store", "gc", "--store", tmp.resolve("nowhere").toString());
        assertEquals(ExitCodes.USAGE, gcNowhere.exitCode(), gcNowhere.all());
        assertTrue(gcNowhere.err().startsWith("kvik store gc: "), gcNowhere.err());

        // retired, the same file can be ingested again: it is a new delivery, not a resend
        KvikCli back = KvikCli.run("ingest", in.resolve("kpr_gp_contact_2021.csv").toString(), "--store", store.toString());
        assertEquals(ExitCodes.OK, back.exitCode(), back.all());
        assertTrue(back.out().contains("stored as kpr_gp_contact"), back.out());
        assertEquals("C1,C2,C3", contacts(store));
    }
}
