package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column rules of the other contracts: decimal comma, areas, ATC and ICPC-2 forms, centrals, booleans, bounds. */
class ContractRulesTest {
    @TempDir
    Path tmp;

    List<List<String>> ingestAndQuery(Path file, String sql) throws Exception {
        Path store = tmp.resolve("store");
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            IngestResult r = in.ingest(file);
            assertEquals(Outcome.STORED, r.outcome(), r.reason());
            assertEquals(r.rowsRead(), r.rowsStored());
        }
        return IngesterTest.query(store, sql);
    }

    @Test
    void kostraDecimalCommaAndAreas() throws Exception {
        // area: a municipality in force, a county in force, a historical municipality (0707 Larvik, 1988),
        // the historical county of that number (07), an unknown number; value: decimal comma, a dot, negative
        Path f = Extracts.write(tmp, "kostra_2021.csv", Extracts.LATIN1, "area;year;variable;value", List.of(
                "0301;2021;NH_RESIDENTS;1234,5", "03;2021;NH_RESIDENTS;7", "0707;2021;NH_ROOMS;3,25",
                "07;2021;NH_ROOMS;2", "9999;2021;NH_ROOMS;1", "0301;2021;NH_ROOMS;1.500", "0301;2021;GP_TOTAL;-1",
                "0301;1989;NH_ROOMS;1", "0301;2021;BEDS;1"));
        assertEquals(List.of(
                Arrays.asList("1", "0301", "1234.5", null),
                Arrays.asList("2", "03", "7.0", null),
                Arrays.asList("3", "0707", "3.25", null),
                Arrays.asList("4", "07", "2.0", null),
                Arrays.asList("5", null, "1.0", "unknown_reference:area"),
                Arrays.asList("6", "0301", null, "type:value"),
                Arrays.asList("7", "0301", null, "out_of_range:value"),
                Arrays.asList("8", "0301", "1.0", "out_of_range:year"),
                Arrays.asList("9", "0301", "1.0", "not_allowed:variable")),
                ingestAndQuery(f, "SELECT _row, area, CAST(value AS VARCHAR), _errors FROM kostra_all ORDER BY _row"));
    }

    @Test
    void prescriptionAtcByForm() throws Exception {
        Path f = Extracts.write(tmp, "prescription_2021.csv", Extracts.LATIN1,
                "dispensing_id;patient_id;dispensing_date;atc;ddd;prescriber_category;residence_municipality;age;sex",
                List.of("D1;P1;2021-01-05;J01CE02;2,5;GP;0301;40;1", "D2;P1;2021-01-06;J01;1;GP;0301;40;1",
                        "D3;P2;2021-13-01;j01ce02;1;GP;0301;40;1"));
        assertEquals(List.of(
                Arrays.asList("1", "2.5", "2021", null),
                Arrays.asList("2", "1.0", "2021", "invalid_code:atc"),
                Arrays.asList("3", "1.0", null, "type:dispensing_date; invalid_code:atc")),
                ingestAndQuery(f, "SELECT _row, CAST(ddd AS VARCHAR), _year, _errors FROM prescription_all ORDER BY _row"));
    }

    @Test
    void gpContactIcpc2BooleanAndAbsentOptionalColumn() throws Exception {
        // icpc2 is optional and absent from the second file's header: stored as NULL, not flagged
        Path f = Extracts.write(tmp, "kpr_gp_contact_2021.csv", StandardCharsets.UTF_8,
                "contact_id,patient_id,municipality,contact_date,gp_id,own_gp,icpc2,age,sex", List.of(
                        "C1,P1,0301,2021-05-03,G1,true,R74,34,1", "C2,P2,0301,2021-05-03,G1,0,C74,34,2",
                        "C3,P3,0301,2021-05-03,G1,ja,,34,2", "C4,P4,0301,2021-05-03,G1,false,A1,12.5,2"));
        assertEquals(List.of(
                Arrays.asList("1", "true", "R74", null),
                Arrays.asList("2", "false", null, "invalid_code:icpc2"),
                Arrays.asList("3", null, null, "type:own_gp"),
                Arrays.asList("4", "false", null, "invalid_code:icpc2; type:age")),
                ingestAndQuery(f, "SELECT _row, CAST(own_gp AS VARCHAR), icpc2, _errors FROM kpr_gp_contact_all ORDER BY _row"));
        Path g = Extracts.write(tmp.resolve("store").getParent(), "kpr_gp_contact_2022.csv", StandardCharsets.UTF_8,
                "contact_id,patient_id,municipality,contact_date,gp_id,own_gp,age,sex",
                List.of("C9,P1,0301,2022-05-03,G1,true,34,1"));
        assertEquals(List.of(Arrays.asList("C9", null, null)), ingestAndQuery(g,
                "SELECT contact_id, icpc2, _errors FROM kpr_gp_contact_all WHERE _year = 2022"));
    }

    @Test
    void emergencyCallCentralAndTimestampsWithSeconds() throws Exception {
        Path f = Extracts.write(tmp, "amk_call_2021.csv", StandardCharsets.UTF_8,
                "call_id,line,central_id,municipality,call_time,answer_time,urgency,ambulance_dispatched,arrival_time,area_type",
                List.of("K1,113,AMK01,0301,2021-02-01 10:00:00,2021-02-01 10:00:09,A,true,2021-02-01 10:11:00,URBAN",
                        "K2,113,AMK99,0301,2021-02-01 10:00:00,2021-02-01 09:59:00,A,true,,URBAN",
                        "K3,113,AMK01,0301,2021-02-01 10:00,,,false,,RURAL"));
        assertEquals(List.of(
                Arrays.asList("1", null),
                Arrays.asList("2", "unknown_reference:central_id; answer_before_call:answer_time"),
                Arrays.asList("3", "type:call_time")),
                ingestAndQuery(f, "SELECT _row, _errors FROM amk_call_all ORDER BY _row"));
    }

    @Test
    void utf8FileMayStartWithAByteOrderMark() throws Exception {
        Path f = tmp.resolve("death_2021.csv");
        java.nio.file.Files.write(f, "\ufeffpatient_id,death_date\nP1,2021-04-01\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(Arrays.asList("P1", "2021-04-01", null)),
                ingestAndQuery(f, "SELECT patient_id, CAST(death_date AS VARCHAR), _errors FROM death_all"));
    }

    @Test
    void windowsLineEndsAndQuotedFields() throws Exception {
        Path f = tmp.resolve("death_2021.csv");
        java.nio.file.Files.write(f, "patient_id,death_date,underlying_cause\r\nP1,2021-04-01,I219\r\n\"P,2\",2021-04-02,\"I10\"\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(Arrays.asList("1", "P1", "I219", null), Arrays.asList("2", "P,2", "I10", null)),
                ingestAndQuery(f, "SELECT _row, patient_id, underlying_cause, _errors FROM death_all ORDER BY _row"));
    }
}
