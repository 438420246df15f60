package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.sql.SqlTemplate;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range none of whose periods the store covers with the indicator's follow-up (issue #17): `kvik run --period 2024`
 * of a 30-day survival indicator on a store that ends with 2024 reports nothing whatever its cases, so its case query
 * is not run; the run names the left-out period with the same reason as a run that did query its cases
 * (CoverageTest: the 2024 of an all-years run). Store: synthetic 2022-2024, scale 0.002.
 */
class UnreportableRangeTest {
    static final KvikHome HOME = KvikHome.locate();
    /** The reason CoverageTest has for 2024 of all_cause_30d_survival, where the case query runs. */
    static final String REASON_2024 = "its 30-day follow-up needs data through 2025-01-30; death (DAR), npr_mental (NPR), "
            + "npr_somatic (NPR) covered through 2024-12-31";

    @TempDir
    static Path root;
    static Connection connection;
    static Catalogue catalogue;

    @BeforeAll
    static void store() throws Exception {
        List<Path> files = SyntheticExtracts.files(SyntheticExtracts.small2022To2024(), "npr_somatic|npr_mental|death");
        Path store = root.resolve("store");
        try (Ingester in = Ingester.open(store, HOME, null)) {
            in.ingestAll(files);
        }
        connection = Store.open(store, HOME);
        catalogue = Catalogue.load(HOME.indicators(), Contracts.load(HOME.contracts()));
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    private static RunRequest period(String label) {
        Period p = Periods.parse(label);
        return RunRequest.between(p.start(), p.end());
    }

    /** all_cause_30d_survival whose case query fails once it reads a row: it must not run where nothing is reported. */
    private static Indicator failingWhenQueried() {
        Indicator survival = catalogue.get("all_cause_30d_survival");
        String sql = "SELECT * FROM (\n" + survival.sql().text() + "\n) AS q\n"
                + "WHERE CASE WHEN q.denominator IS NOT NULL THEN error('the case query ran') END IS NULL";
        return new Indicator(survival.meta(), SqlTemplate.parse(sql), survival.sqlFile());
    }

    @Test
    void aYearBeyondTheFollowUpIsLeftOutWithoutRunningTheCaseQuery() throws Exception {
        Engine engine = new Engine(connection);
        Indicator guarded = failingWhenQueried();
        // the guard works: 2023 is covered with its follow-up, so its cases are queried
        SQLException ran = assertThrows(SQLException.class, () -> engine.run(guarded, period("2023")));
        assertTrue(ran.getMessage().contains("the case query ran"), ran.getMessage());
        try (EngineRun run = engine.prepare(guarded, period("2024"))) {
            assertEquals(List.of(), run.results());
            assertEquals(List.of(), run.aggregates());
            assertEquals(List.of(new Engine.LeftOutPeriod("2024", REASON_2024)), run.leftOut());
        }
    }

    @Test
    void theRealIndicatorLeavesOutTheSameYearWithTheSameReason() throws Exception {
        Engine engine = new Engine(connection);
        try (EngineRun run = engine.prepare(catalogue.get("all_cause_30d_survival"), period("2024"))) {
            assertEquals(List.of(), run.results());
            assertEquals(List.of(new Engine.LeftOutPeriod("2024", REASON_2024)), run.leftOut());
        }
        // a range with one covered year still runs its cases: 2023 reported, 2024 left out
        try (EngineRun run = engine.prepare(catalogue.get("all_cause_30d_survival"),
                RunRequest.between(Periods.parse("2023").start(), Periods.parse("2024").end()))) {
            assertEquals(List.of("2023"), run.results().stream().map(IndicatorResult::periodLabel).distinct().toList());
            assertEquals(List.of(new Engine.LeftOutPeriod("2024", REASON_2024)), run.leftOut());
        }
    }
}
