package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's {@link EngineRun#aggregates} after {@link EngineRun#results} are the counts the results were built from,
 * not a second aggregation (issue #17: the analysis asked for them again, as long as the results themselves took),
 * and they equal a fresh aggregation of the reduced table. The kept case rows of the run's own request are a view.
 */
class AggregatesReuseTest {
    @TempDir
    static Path tmp;
    static Path store;
    static Catalogue catalogue;

    @BeforeAll
    static void ingest() throws Exception {
        KvikHome home = KvikHome.locate();
        Path extracts = SyntheticExtracts.small2022To2024();
        store = tmp.resolve("store");
        try (Ingester ingester = Ingester.open(store, home, null)) {
            ingester.ingestAll(SyntheticExtracts.files(extracts, "npr_somatic|death|population|prescription"));
        }
        catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
    }

    @Test
    void aggregatesAfterResultsAreTheirCounts() throws Exception {
        try (Connection c = Store.open(store, KvikHome.locate())) {
            Engine engine = new Engine(c);
            for (String id : List.of("antibiotic_users_share", "ami_30d_survival", "readmission_67_30d")) {
                Indicator i = catalogue.get(id);
                try (EngineRun run = engine.prepare(i, RunRequest.allYears())) {
                    assertFalse(run.results().isEmpty(), id);
                    List<UnitAggregate> kept = run.aggregates();
                    assertSame(kept, run.aggregates(), id + ": asked twice, aggregated once");
                    assertEquals(sorted(run.reaggregate(run.table("reduced"))), sorted(kept), id);
                }
            }
        }
    }

    @Test
    void keptCasesOfTheRunsOwnRequestAreAViewNotACopy() throws Exception {
        // the model's case rows for the run's own range filter the kept rows (CaseTableReuseTest: the same rows)
        try (Connection c = Store.open(store, KvikHome.locate());
             EngineRun run = new Engine(c).prepare(catalogue.get("ami_30d_survival"), RunRequest.allYears());
             java.sql.Statement st = c.createStatement()) {
            String cases = run.cases();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_views() WHERE view_name = '" + cases + "'")) {
                rs.next();
                assertEquals(1, rs.getLong(1), cases + " is a view");
            }
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM " + cases)) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "AMI cases in the small synthetic store");
            }
        }
    }

    private static List<UnitAggregate> sorted(List<UnitAggregate> a) {
        return a.stream().sorted(Comparator.comparing((UnitAggregate u) -> u.period().start()).thenComparing(u -> u.period().end())
                .thenComparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId)).toList();
    }
}
