package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npr_mh_contact contract (contacts of the mental-health episodes, branch mh2, issue #16): its row rules and
 * column checks flag rows by field, and a flagged residence or unit leaves the row usable (onInvalid: value).
 */
class MentalHealthContactContractTest {
    @TempDir
    Path tmp;

    @Test
    void dischargeRulesAndColumnChecksFlagRowsByField() throws Exception {
        // 983974880 is Finnmarkssykehuset HF in the behandler table
        Path f = Extracts.write(tmp, "npr_mh_contact_2023.csv", StandardCharsets.ISO_8859_1,
                "contact_id;episode_id;patient_id;provider_org;sector;care_level;contact_date;discharge_date;acute;direct;"
                        + "residence_municipality;age;sex",
                List.of("K1;M1;P1;983974880;PHV_V;1;2023-03-01;2023-03-10;true;true;5601;40;1",
                        "K2;M1;P1;983974880;PHV_V;1;2023-03-20;2023-03-19;false;true;5601;40;1",
                        "K3;M1;P1;983974880;PHV_V;3;2023-03-25;2023-03-25;;true;5601;40;1",
                        "K4;M2;P2;123456789;TSB;3;2023-04-01;;;false;9999;30;2",
                        "K5;M3;P3;983974880;PHV_X;4;2023-04-01;;;true;5601;30;2",
                        "K6;M3;P3;983974880;PHV_BU;3;2024-03-05;;;true;5601;15;2"));
        Path store = tmp.resolve("store");
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            IngestResult r = in.ingest(f);
            assertEquals(IngestResult.Outcome.STORED, r.outcome(), r.reason());
            assertEquals(r.rowsRead(), r.rowsStored());
        }
        assertEquals(List.of(
                Arrays.asList("1", null),
                Arrays.asList("2", "discharge_before_contact:discharge_date"),
                Arrays.asList("3", "discharge_without_admission:discharge_date"),
                Arrays.asList("4", "unknown_reference:provider_org; unknown_reference:residence_municipality"),
                Arrays.asList("5", "not_allowed:sector; not_allowed:care_level"),
                Arrays.asList("6", "after_period_end:contact_date")),
                IngesterTest.query(store, "SELECT _row, _errors FROM npr_mh_contact_all ORDER BY _row"));
        // the usable rows: a flagged unit or residence only places the case (stored NULL), any other fault removes it
        assertEquals(List.of(Arrays.asList("K1"), Arrays.asList("K4")),
                IngesterTest.query(store, "SELECT contact_id FROM npr_mh_contact ORDER BY contact_id"));
    }
}
