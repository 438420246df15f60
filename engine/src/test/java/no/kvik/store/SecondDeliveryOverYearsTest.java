package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second file of a contract under a new name, beside deliveries of several years (issue #16: the KOSTRA service
 * figures come as kostra_services_YEAR.csv beside kostra_YEAR.csv). The check for repeated primary keys read the
 * stored Parquet with DuckDB's hive partitioning on, so the folder key year=YYYY (BIGINT) met the contract's INTEGER
 * column `year` and every such ingest failed ("Expected vector of type INT32, but found vector of type INT64").
 */
class SecondDeliveryOverYearsTest {
    @TempDir
    Path tmp;

    private IngestResult ingest(Path store, Path file) {
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    private Path kostra(String name, int year, String variable, String value) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "area;year;variable;value\n0301;" + year + ";" + variable + ";" + value + "\n",
                StandardCharsets.ISO_8859_1);
        return f;
    }

    @Test
    void aSecondFileOfAYearColumnContractIsStoredBesideThreeYears() throws Exception {
        Path store = tmp.resolve("store");
        for (int year = 2022; year <= 2024; year++) {
            assertEquals(Outcome.STORED, ingest(store, kostra("kostra_" + year + ".csv", year, "NH_RESIDENTS", "50")).outcome());
        }
        IngestResult second = ingest(store, kostra("kostra_services_2022.csv", 2022, "GP_LISTS", "13"));
        assertEquals(Outcome.STORED, second.outcome(), second.reason());

        // the same key again under yet another name is still caught
        IngestResult repeated = ingest(store, kostra("kostra_extra_2022.csv", 2022, "GP_LISTS", "14"));
        assertEquals(Outcome.REJECTED, repeated.outcome());
        assertTrue(repeated.reason().startsWith("1 usable row(s) repeat the primary key (area, year, variable) of rows in "
                + "the live delivery kostra_services_2022.csv"), repeated.reason());
    }
}
