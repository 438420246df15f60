package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.RiskModel;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.synth.Synthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine runs own their tables (issue #14): runs of different indicators open at once on one connection, or on two
 * threads with a connection each, give exactly what the same runs give one after the other: the analysed rows (risk
 * model, funnels, trends) and the unit counts re-aggregated with each run's own periods. The reference is the
 * serial run of the same code on the same synthetic store (scale 0.002, 2022-2024), compared value for value.
 */
class EngineRunIT {
    static final KvikHome HOME = KvikHome.locate();
    /** Two risk-adjusted indicators (own expected tables) and a median (quantile tables), with different periods. */
    static final List<String> IDS = List.of("all_cause_30d_survival", "readmission_67_30d", "waiting_time_tsb_median");

    @TempDir
    static Path root;
    static Connection connection;
    static Catalogue catalogue;

    @BeforeAll
    static void store() throws Exception {
        Contracts contracts = Contracts.load(HOME.contracts());
        Path extracts = root.resolve("extracts");
        new Synthesizer(new Synthesizer.Settings(0.002, 2022, 2024, 11, extracts, 2), HOME.reference(), contracts).generate();
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(p -> p.getFileName().toString().matches("(npr_somatic|npr_mental|death)_\\d{4}\\.csv"))
                    .sorted().toList();
        }
        Path store = root.resolve("store");
        try (Ingester in = Ingester.open(store, HOME, null)) {
            in.ingestAll(files);
        }
        connection = Store.open(store, HOME);
        catalogue = Catalogue.load(HOME.indicators(), contracts);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    /** What a run shows: analysed rows, crude counts, observed/expected counts (risk-adjusted only), left-out periods. */
    record Seen(List<IndicatorResult> rows, List<UnitAggregate> crude, List<UnitAggregate> observedExpected,
                List<Engine.LeftOutPeriod> leftOut) {
    }

    private static final Comparator<UnitAggregate> UNIT_ORDER = Comparator.comparing((UnitAggregate u) -> u.period().start())
            .thenComparing(u -> u.period().end()).thenComparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId);

    static Seen seen(EngineRun run) throws SQLException {
        AnalysedIndicator a = Analysis.analyse(run, AnalysisOptions.defaults());
        boolean adjusted = RiskModel.of(run.indicator().meta()) != null && a.crudeReason() == null && !a.results().isEmpty();
        List<UnitAggregate> crude = run.aggregates().stream().sorted(UNIT_ORDER).toList();
        List<UnitAggregate> oe = adjusted ? Analysis.unitCounts(run, true).stream().sorted(UNIT_ORDER).toList() : List.of();
        return new Seen(a.results(), crude, oe, run.leftOut());
    }

    private static RunRequest request(String id) {
        // the readmissions by tertial: its periods differ from the others', so a re-aggregation with another
        // run's periods would show
        return id.equals("readmission_67_30d") ? RunRequest.allYears().withFrequency(Frequency.TERTIAL) : RunRequest.allYears();
    }

    private static List<Seen> oneAfterTheOther(Engine engine) throws SQLException {
        List<Seen> out = new ArrayList<>();
        for (String id : IDS) {
            try (EngineRun run = engine.prepare(catalogue.get(id), request(id))) {
                out.add(seen(run));
            }
        }
        return out;
    }

    @Test
    void runsOpenAtOnceOnOneConnectionGiveTheResultsOfRunsOneAfterTheOther() throws Exception {
        Engine engine = new Engine(connection);
        List<Seen> serial = oneAfterTheOther(engine);
        for (Seen s : serial) {
            assertFalse(s.rows().isEmpty());
            assertFalse(s.crude().isEmpty());
        }
        assertFalse(serial.get(0).observedExpected().isEmpty(), "all_cause_30d_survival is risk-adjusted");
        assertFalse(serial.get(1).observedExpected().isEmpty(), "readmission_67_30d is risk-adjusted");
        assertTrue(serial.get(1).rows().stream().anyMatch(r -> r.periodLabel().endsWith("-T1")), "tertials");

        // every run prepared (reduced, periods written) before any is analysed, and analysed in reverse order
        List<EngineRun> open = new ArrayList<>();
        try {
            for (String id : IDS) open.add(engine.prepare(catalogue.get(id), request(id)));
            assertEquals(IDS.size(), open.stream().map(r -> r.table("reduced")).distinct().count(), "tables of their own");
            Seen[] atOnce = new Seen[IDS.size()];
            for (int k = IDS.size() - 1; k >= 0; k--) atOnce[k] = seen(open.get(k));
            assertEquals(serial, List.of(atOnce));
        } finally {
            for (EngineRun r : open) r.close();
        }
    }

    @Test
    void runsInTwoThreadsOnConnectionsOfTheirOwnGiveTheResultsOfRunsOneAfterTheOther() throws Exception {
        List<Seen> serial = oneAfterTheOther(new Engine(connection));
        List<Indicator> indicators = new ArrayList<>();
        // each indicator twice, so both workers run while the other does
        for (int k = 0; k < 2; k++) for (String id : IDS) indicators.add(catalogue.get(id));
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> order = new ArrayList<>();
        List<ParallelRuns.Outcome<Seen>> outcomes = ParallelRuns.run(connection, 2, indicators, (engine, indicator) -> {
            assertNotEquals(connection, engine.connection(), "a connection of the worker's own");
            threads.add(Thread.currentThread().getName());
            try (EngineRun run = engine.prepare(indicator, request(indicator.id()))) {
                return seen(run);
            }
        }, o -> order.add(o.indicator().id()));
        assertEquals(indicators.stream().map(Indicator::id).toList(), order, "handed on in the indicators' order");
        assertEquals(2, threads.stream().distinct().count(), threads.toString());
        for (int k = 0; k < indicators.size(); k++) {
            ParallelRuns.Outcome<Seen> o = outcomes.get(k);
            assertFalse(o.failed(), String.valueOf(o.failure()));
            assertEquals(serial.get(k % IDS.size()), o.value(), indicators.get(k).id());
        }
    }

    @Test
    void aFailingIndicatorIsAnOutcomeAndTheOthersRun() throws Exception {
        List<Indicator> indicators = IDS.stream().map(catalogue::get).toList();
        List<ParallelRuns.Outcome<Integer>> outcomes = ParallelRuns.run(connection, 2, indicators, (engine, indicator) -> {
            if (indicator.id().equals(IDS.get(0))) throw new IllegalStateException("planted failure");
            return engine.run(indicator, request(indicator.id())).size();
        }, o -> { });
        assertEquals("planted failure", outcomes.get(0).failure().getMessage());
        assertTrue(outcomes.get(1).value() > 0);
        assertTrue(outcomes.get(2).value() > 0);
    }

    @Test
    void closingARunDropsItsOwnTablesOnly() throws Exception {
        Engine engine = new Engine(connection);
        EngineRun adjusted = engine.prepare(catalogue.get(IDS.get(0)), request(IDS.get(0)));
        try (EngineRun other = engine.prepare(catalogue.get(IDS.get(2)), request(IDS.get(2)))) {
            Seen before = seen(adjusted);
            String prefix = adjusted.table("reduced").replace("reduced", "");
            // the model's case table, recode table, model view and expected table, besides the reduced and period tables
            List<String> made = objects(prefix);
            assertTrue(made.containsAll(List.of(prefix + "reduced", prefix + "periods", prefix + "months", prefix + "cases",
                    prefix + "expected", prefix + "recode", prefix + "model_cases")), made.toString());
            adjusted.close();
            assertEquals(List.of(), objects(prefix));
            assertThrows(IllegalStateException.class, adjusted::results);
            assertFalse(objects(other.table("reduced").replace("reduced", "")).isEmpty());
            assertEquals(seen(other), seenAgain(engine, IDS.get(2)));
            assertFalse(before.rows().isEmpty());
        } finally {
            adjusted.close();
        }
    }

    private static Seen seenAgain(Engine engine, String id) throws SQLException {
        try (EngineRun run = engine.prepare(catalogue.get(id), request(id))) {
            return seen(run);
        }
    }

    /** Temp tables and views of the connection whose names start with {@code prefix}. */
    private static List<String> objects(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM duckdb_tables() WHERE temporary UNION ALL "
                     + "SELECT view_name FROM duckdb_views() WHERE temporary ORDER BY 1")) {
            while (rs.next()) if (rs.getString(1).startsWith(prefix)) out.add(rs.getString(1));
        }
        return out;
    }
}
