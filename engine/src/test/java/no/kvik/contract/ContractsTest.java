package no.kvik.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.kvik.config.KvikHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {

    @Test
    void projectContractsLoadAndCoverEveryExtractType() {
        Contracts contracts = Contracts.load(KvikHome.locate().contracts());
        // 14, + (issue #16) trust_specialty_postponed, npr_coercion, npr_mh_pathway, sysvak, place_of_death,
        // patient_survey, cardiac_arrest, npr_private_specialist; + (branch som2) cancer_registry, amk_mission;
        // + npr_mh_contact (branch mh2)
        assertEquals(14 + 8 + 2 + 1, contracts.all().size());
        Contract npr = contracts.byId("npr_somatic").orElseThrow();
        assertEquals(";", npr.format().delimiter());
        assertEquals("ISO-8859-1", npr.format().encoding());
        assertEquals(ColumnType.TIMESTAMP, npr.column("admission_time").orElseThrow().type());
        assertEquals(CodeSystem.ICD10, npr.column("secondary_diagnoses").orElseThrow().codeSystem());
    }

    @Test
    void deathContractListsItsKeysUsableFieldsAndPlausibilityRules() {
        Contract death = Contracts.load(KvikHome.locate().contracts()).byId("death").orElseThrow();
        assertEquals(java.util.List.of(
                "death                DAR      Cause of death registry (4 columns)",
                "    keys: patient_id; key and code fields: blanks trimmed, control characters flagged",
                "    an invalid value is stored NULL; the row stays usable only when the value is in: residence_municipality",
                "    rule date_before_1900 (death_date): death_date is before 1900-01-01: not a plausible date  "
                        + "[death_date < DATE '1900-01-01']",
                "    rule after_period_end (death_date): death_date is more than 31 days after the end of the delivery's "
                        + "period  [CAST(death_date AS DATE) > ${period_end} + 31]"),
                ContractListing.lines(death));
    }

    @Test
    void aPrimaryKeyCannotBeOnInvalidValueAndOnInvalidIsAClosedSet() {
        Contract death = Contracts.load(KvikHome.locate().contracts()).byId("death").orElseThrow();
        java.util.List<ContractColumn> cols = new java.util.ArrayList<>(death.columns());
        ContractColumn id = cols.get(0);
        cols.set(0, new ContractColumn(id.name(), id.type(), id.required(), id.codeSystem(), id.allowed(), id.min(),
                id.max(), id.listSeparator(), id.description(), id.key(), "value"));
        ContractColumn cause = cols.get(2);
        cols.set(2, new ContractColumn(cause.name(), cause.type(), cause.required(), cause.codeSystem(), cause.allowed(),
                cause.min(), cause.max(), cause.listSeparator(), cause.description(), cause.key(), "drop"));
        Contract bad = new Contract(death.id(), death.version(), death.registry(), death.title(), death.description(),
                death.fileNamePattern(), death.format(), death.yearColumn(), death.primaryKey(),
                death.reportingUnitColumn(), cols, death.rowRules(), true);
        assertEquals(java.util.List.of("column 'underlying_cause': onInvalid must be 'row' or 'value', got 'drop'",
                        "primary key column 'patient_id' cannot be onInvalid 'value': a row without its key is unusable"),
                Contracts.validate(bad, "death.json"));
    }

    @Test
    void fileNamePicksTheContract() {
        Contracts contracts = Contracts.load(KvikHome.locate().contracts());
        assertEquals("npr_mental", contracts.forFileName("npr_mental_2021.csv").orElseThrow().id());
        assertTrue(contracts.forFileName("unknown_2021.csv").isEmpty());
    }

    @Test
    void badContractIsRejectedWithFileAndReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.json"), """
                {"id":"bad","version":"1","registry":"X","title":"t","description":"d",
                 "fileNamePattern":"bad_*.csv",
                 "format":{"delimiter":",","encoding":"UTF-8","decimalSeparator":".","header":true,
                           "dateFormat":"%Y-%m-%d","timestampFormat":"%Y-%m-%d %H:%M"},
                 "yearColumn":"year","primaryKey":["id"],
                 "columns":[{"name":"id","type":"VARCHAR","required":true}],"rowRules":[]}
                """);
        ContractException e = assertThrows(ContractException.class, () -> Contracts.load(dir));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        assertTrue(e.getMessage().contains("yearColumn 'year' is not a column"), e.getMessage());
    }
}
