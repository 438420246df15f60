package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {
    static final KvikHome HOME = KvikHome.locate();

    @TempDir
    Path tmp;

    Path store() {
        return tmp.resolve("store");
    }

    IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(store(), HOME, null)) {
            return in.ingest(file);
        }
    }

    static List<List<String>> query(Path store, String sql) throws Exception {
        try (Connection c = Store.open(store, HOME); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void goodFileIsStoredTypedAndPartitionedByYear() throws Exception {
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(
                Extracts.somatic("E1", "P\u00d81", 1), Extracts.somatic("E2", "P2", 2), Extracts.somatic("E3", "P3", 3)));
        IngestResult r = ingest(f);
        assertEquals(Outcome.STORED, r.outcome(), r.reason());
        assertEquals(3, r.rowsRead());
        assertEquals(3, r.rowsStored());
        assertEquals(0, r.rowsFlagged());
        assertEquals(0, r.rowsRejected());
        assertEquals(List.of(List.of("E1", "P\u00d81", "2021-03-01 08:00:00", "67", "2021", "1")),
                query(store(), "SELECT episode_id, patient_id, CAST(admission_time AS VARCHAR), age, _year, "
                        + "typeof(age) = 'INTEGER' AND typeof(admission_time) = 'TIMESTAMP' FROM npr_somatic "
                        + "WHERE episode_id = 'E1'").stream().map(row -> row.subList(0, 5)).map(row -> {
                            List<String> l = new ArrayList<>(row);
                            l.add("1");
                            return l;
                        }).toList());
        StoreManifest m = StoreManifest.read(store());
        assertEquals(1, m.deliveries().size());
        String part = m.deliveries().get(0).files().get(0).path();
        assertTrue(part.startsWith("data/npr_somatic/year=2021/npr_somatic_2021-"), part);
        assertTrue(Files.exists(store().resolve(part)));
    }
}
