package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis reads a run's counts ({@link EngineRun#aggregates}) right after its results, which aggregated the same
 * counts with the same query: without a quantile the run keeps them instead of aggregating a second time (issue #17).
 * Both sides: on a tiny store of four hand-made cases, the kept counts are the hand-counted ones and equal a fresh
 * aggregation of the reduced table, and a quantile run aggregates afresh; on a small synthetic store, the same holds
 * for catalogue indicators (with a risk model and without), and the kept case rows of the run's own request are a
 * view, not a copy.
 */
class AggregateReuseTest {
    @TempDir
    static Path tmp;
    static Path store;
    static Catalogue catalogue;

    @BeforeAll
    static void ingest() throws Exception {
        KvikHome home = KvikHome.locate();
        store = TestStores.ingest(SyntheticExtracts.small2022To2024(), "npr_somatic|death|population|prescription",
                tmp.resolve("store"));
        catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
    }

    /** The tiny store with four cases in 2024 (nation 3 of 4). */
    private static Connection tinyStoreWithFourCases() throws Exception {
        Connection c = TinyStore.open();
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, residence_municipality, residence_county, central_id, "
                    + "numerator, denominator, value) VALUES "
                    + "(DATE '2024-02-01', 'o1', '0301', NULL, NULL, 1, 1, 12), (DATE '2024-03-01', 'o2', '3101', NULL, NULL, 0, 1, 30), "
                    + "(DATE '2024-06-01', 'o4', '3103', NULL, NULL, 1, 1, 7), (DATE '2024-07-01', 'o4', NULL, '31', NULL, 1, 1, 9)");
        }
        return c;
    }

    private static List<UnitAggregate> sorted(List<UnitAggregate> a) {
        return a.stream().sorted(Comparator.comparing((UnitAggregate u) -> u.period().start()).thenComparing(u -> u.period().end())
                .thenComparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId)).toList();
    }

    private static Indicator tinyIndicator(Measure measure) {
        return TinyStore.indicator(measure, List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY,
                Level.MUNICIPALITY), Frequency.YEAR, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
    }

    @Test
    void theCountsOfTheResultsAreKeptAndEqualAFreshAggregation() throws Exception {
        RunRequest year = RunRequest.between(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"));
        try (Connection c = tinyStoreWithFourCases();
             EngineRun run = new Engine(c).prepare(tinyIndicator(new Measure(MeasureKind.PROPORTION, null, null)), year)) {
            run.results();
            List<UnitAggregate> kept = run.aggregates();
            assertSame(kept, run.aggregates(), "aggregated once");
            List<UnitAggregate> fresh = run.reaggregate(run.table("reduced"));
            assertEquals(sorted(fresh), sorted(kept));
            // nation 3/4; 14 units: nation, RHF 1 and 2, HF 10 and 20, hospitals 101, 102, 201, counties 03 and 31,
            // municipalities 0301, 3101, 3103 and unknown (the case with only a county)
            UnitAggregate nation = kept.stream().filter(u -> u.level() == Level.NATION).findFirst().orElseThrow();
            assertEquals(3.0, nation.numerator());
            assertEquals(4.0, nation.denominator());
            assertEquals(14, kept.size(), kept.toString());
        }
    }

    @Test
    void aQuantileRunAggregatesItsCountsAfresh() throws Exception {
        RunRequest year = RunRequest.between(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"));
        try (Connection c = tinyStoreWithFourCases();
             EngineRun run = new Engine(c).prepare(tinyIndicator(new Measure(MeasureKind.MEDIAN, null, null)), year)) {
            run.results();
            assertEquals(sorted(run.reaggregate(run.table("reduced"))), sorted(run.aggregates()));
        }
    }

    @Test
    void catalogueIndicatorsKeepTheCountsOfTheirResults() throws Exception {
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
             Statement st = c.createStatement()) {
            String cases = run.cases();
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_views() WHERE view_name = '" + cases + "'")) {
                rs.next();
                assertEquals(1, rs.getLong(1), cases + " is a view");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + cases)) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "AMI cases in the small synthetic store");
            }
        }
    }
}
