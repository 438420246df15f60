package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.store.IngestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second delivery of a contract with a column named {@code year} (registry_aggregate) beside deliveries of several
 * years: the check of its keys against the other live deliveries reads their Parquet files across the store's
 * {@code year=YYYY} folders, whose names DuckDB would otherwise take for a BIGINT partition column {@code year}
 * clashing with the contract's INTEGER one ("Expected vector of type INT32, but found vector of type INT64": the
 * ingest failed, so synth's registry_aggregate_quality_YYYY.csv could not be stored).
 */
class SecondDeliveryKeyCheckTest {
    static final String HEADER = "registry,indicator_id,unit_org,year,period,numerator,denominator,coverage";

    @TempDir
    Path tmp;

    IngestResult ingest(Path file) {
        try (Ingester in = Ingester.open(tmp.resolve("store"), IngesterTest.HOME, null)) {
            return in.ingest(file);
        }
    }

    Path file(String name, List<String> rows) throws Exception {
        return Extracts.write(Files.createDirectories(tmp.resolve("in")), name, StandardCharsets.UTF_8, HEADER, rows);
    }

    @Test
    void aSecondDeliveryWithNewKeysIsStoredBesideDeliveriesOfSeveralYears() throws Exception {
        assertEquals(Outcome.STORED, ingest(file("registry_aggregate_2022.csv",
                List.of("NHR,hjerneslag_beh_enhet,974589095,2022,Y,9,10,0.900"))).outcome());
        assertEquals(Outcome.STORED, ingest(file("registry_aggregate_2023.csv",
                List.of("NHR,hjerneslag_beh_enhet,974589095,2023,Y,8,10,0.900"))).outcome());

        IngestResult second = ingest(file("registry_aggregate_quality_2023.csv",
                List.of("NHR,hjerneslag_inn_enhet,974589095,2023,Y,7,10,0.900",
                        "NOIS,piahs_prevalens,974795930,2023,T2,2,60,0.900")));
        assertEquals(Outcome.STORED, second.outcome(), second.reason());
        assertEquals(List.of(List.of("2022", "1"), List.of("2023", "3")), IngesterTest.query(tmp.resolve("store"),
                "SELECT year, count(*) FROM registry_aggregate GROUP BY 1 ORDER BY 1"));

        // the check still finds a repeated key across the folders: the 2022 row again, under another file name
        IngestResult repeat = ingest(file("registry_aggregate_quality_2022.csv",
                List.of("NHR,hjerneslag_beh_enhet,974589095,2022,Y,9,10,0.900",
                        "NHR,hjerneslag_inn_enhet,974589095,2022,Y,6,10,0.900")));
        assertEquals(Outcome.REJECTED, repeat.outcome());
        assertTrue(repeat.reason().startsWith("1 usable row(s) repeat the primary key (registry, indicator_id, unit_org,"
                + " year, period) of rows in the live delivery registry_aggregate_2022.csv"), repeat.reason());
    }
}
