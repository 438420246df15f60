package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store covers is read once per store connection's database and registry, not once per worker connection
 * (issue #17: on six scale-1 years each worker of each edition scanned every registry's year column again), and a
 * new store connection reads it afresh, so it is never another store's.
 */
class CoverageSharedTest {
    static final KvikHome HOME = KvikHome.locate();

    @TempDir
    static Path root;

    @Test
    void theWorkerConnectionsOfOneStoreConnectionScanEachRegistryOnce() throws Exception {
        Contracts contracts = Contracts.load(HOME.contracts());
        List<Path> files = SyntheticExtracts.files(SyntheticExtracts.small2022To2024(), "npr_somatic|death");
        Path store = root.resolve("store");
        try (Ingester in = Ingester.open(store, HOME, null)) {
            in.ingestAll(files);
        }
        IndicatorMeta meta = Catalogue.load(HOME.indicators(), contracts).get("ami_30d_survival").meta();
        assertEquals(List.of("NPR", "DAR"), List.copyOf(meta.sources()), "the registries this test counts");
        try (Connection connection = Store.open(store, HOME)) {
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            try (Connection first = duck.duplicate(); Connection second = duck.duplicate()) {
                int before = Engine.coverageScans();
                Engine.DataCoverage a = new Engine(first).coverage(meta);
                assertEquals(2, Engine.coverageScans() - before, "the first worker scans both registries");
                Engine.DataCoverage b = new Engine(second).coverage(meta);
                assertEquals(2, Engine.coverageScans() - before, "the second worker reads what the first scanned");
                assertEquals(a, b);
                // the synthetic extracts are 2022-2024 for both registries: covered from 1 January 2022 through 2024
                assertEquals(LocalDate.of(2025, 1, 1), a.end());
                assertEquals(LocalDate.of(2022, 1, 1), a.start());
            }
        }
        try (Connection again = Store.open(store, HOME)) {
            int before = Engine.coverageScans();
            Engine.DataCoverage c = new Engine(again).coverage(meta);
            assertEquals(2, Engine.coverageScans() - before, "a new store connection scans afresh");
            assertEquals(LocalDate.of(2025, 1, 1), c.end());
        }
    }
}
