package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.contract.Contracts;
import no.kvik.store.SqlDependencies;
import org.junit.jupiter.api.Test;

/** The sources whose data-quality caveats a release attaches: those its indicators read, through macros too. */
class ContractsReadByTest {

    @Test
    void anIndicatorReadsTheContractsItsMacrosRead() throws Exception {
        Catalogue catalogue = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()));
        Indicator ami = catalogue.get("ami_30d_survival");
        // its query only calls a reference macro: no contract is named outside the file's comments
        String query = ami.sql().text().replaceAll("--[^\n]*", "");
        assertTrue(!query.contains("npr_somatic") && !query.contains("death"), query);
        SqlDependencies dependencies = SqlDependencies.of(ReleaseFixture.HOME.sql().resolve("reference"));
        List<String> qualityRowContracts = Arrays.asList("npr_somatic", "death", "prescription", "kpr_gp_contact", null);
        assertEquals(Set.of("npr_somatic", "death"), Release.contractsReadBy(qualityRowContracts, List.of(ami), dependencies));
        Indicator antibiotics = catalogue.get("antibiotic_users_share");
        assertEquals(Set.of("npr_somatic", "death", "prescription"),
                Release.contractsReadBy(qualityRowContracts, List.of(ami, antibiotics), dependencies));
    }
}
