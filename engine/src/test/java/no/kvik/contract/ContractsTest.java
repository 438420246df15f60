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
        assertEquals(14, contracts.all().size());
        Contract npr = contracts.byId("npr_somatic").orElseThrow();
        assertEquals(";", npr.format().delimiter());
        assertEquals("ISO-8859-1", npr.format().encoding());
        assertEquals(ColumnType.TIMESTAMP, npr.column("admission_time").orElseThrow().type());
        assertEquals(CodeSystem.ICD10, npr.column("secondary_diagnoses").orElseThrow().codeSystem());
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
