package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cardiac_arrest contract (Norsk hjertestansregister, branch levels, issue #16): its checks flag rows by field. */
class CardiacArrestContractTest {
    @TempDir
    Path tmp;

    private List<List<String>> ingestAndQuery(Path file, String sql) throws Exception {
        Path store = tmp.resolve("store");
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            IngestResult r = in.ingest(file);
            assertEquals(IngestResult.Outcome.STORED, r.outcome(), r.reason());
            assertEquals(r.rowsRead(), r.rowsStored());
        }
        return IngesterTest.query(store, sql);
    }

    @Test
    void bystanderCprInTheAmbulancesPresenceAnUnknownTrustAndAnUnknownCentralAreFlaggedByField() throws Exception {
        // 983974880 is Finnmarkssykehuset HF in the behandler table, AMK01 a central of emergency_centrals.csv
        Path f = Extracts.write(tmp, "cardiac_arrest_2021.csv", StandardCharsets.UTF_8,
                "arrest_id,patient_id,ambulance_org,central_id,municipality,arrest_time,ems_witnessed,bystander_cpr,rosc,age,sex",
                List.of("H1,P1,983974880,AMK01,5601,2021-02-01 10:00:00,false,true,false,70,1",
                        "H2,P2,983974880,AMK01,5601,2021-02-01 11:00:00,true,true,true,70,2",
                        "H3,P3,123456789,AMK99,5601,2021-02-01 12:00:00,false,false,false,,",
                        "H4,P4,983974880,,5601,2021-02-01 13:00:00,true,false,true,130,3"));
        assertEquals(List.of(
                Arrays.asList("1", null),
                Arrays.asList("2", "bystander_cpr_in_ems_presence:bystander_cpr"),
                Arrays.asList("3", "unknown_reference:ambulance_org; unknown_reference:central_id"),
                Arrays.asList("4", "out_of_range:age; not_allowed:sex")),
                ingestAndQuery(f, "SELECT _row, _errors FROM cardiac_arrest_all ORDER BY _row"));
    }
}
