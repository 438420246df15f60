package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No periods beyond the data (issue #12): a synthetic 2022-2024 store (scale 0.002) whose cases reach into
 * 2025 (stays and episodes started in 2024 that end in 2025, nursing-home stays reviewed in 2025) reports no
 * 2025 period, and periods whose follow-up the store does not cover are left out with the reason.
 */
class CoverageTest {
    static final KvikHome HOME = KvikHome.locate();
    static final LocalDate DATA_END = LocalDate.of(2025, 1, 1);

    @TempDir
    static Path root;
    static Connection connection;
    static Catalogue catalogue;

    @BeforeAll
    static void store() throws Exception {
        Contracts contracts = Contracts.load(HOME.contracts());
        List<Path> files = SyntheticExtracts.files(SyntheticExtracts.small2022To2024(), "npr_somatic|npr_mental|death|kpr_nursing_home");
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

    /** A run's results and the periods it left out. */
    private record Ran(List<IndicatorResult> rows, List<Engine.LeftOutPeriod> leftOut) {
    }

    private static Ran ran(Engine engine, Indicator indicator, RunRequest request) throws Exception {
        try (EngineRun run = engine.prepare(indicator, request)) {
            return new Ran(run.results(), run.leftOut());
        }
    }

    @Test
    void aStoreOf2022To2024ReportsNo2025Period() throws Exception {
        Engine engine = new Engine(connection);
        List<String> ids = catalogue.all().stream().map(Indicator::id)
                .filter(id -> id.matches("nursing_home_.*_12m|tsb_.*|epicrisis_(phv_adults|tsb)_.*")).toList();
        assertEquals(9, ids.size(), ids.toString());
        int leftOut2025 = 0;
        for (String id : ids) {
            Ran ran = ran(engine, catalogue.get(id), RunRequest.allYears());
            List<IndicatorResult> rows = ran.rows();
            assertFalse(rows.isEmpty(), id);
            for (IndicatorResult r : rows) {
                assertFalse(r.periodEnd().isAfter(DATA_END), id + " reports " + r.periodLabel());
            }
            assertTrue(rows.stream().anyMatch(r -> r.periodEnd().equals(DATA_END)), id + ": its last covered period is kept");
            for (Engine.LeftOutPeriod l : ran.leftOut()) {
                assertTrue(l.periodLabel().startsWith("2025"), id + " " + l);
                assertTrue(l.reason().startsWith("beyond the data: ") && l.reason().endsWith("covered through 2024-12-31"),
                        id + " " + l);
                leftOut2025++;
            }
        }
        // the cases do reach into 2025: without the coverage rule these periods were reported
        assertTrue(leftOut2025 >= 5, "2025 periods left out: " + leftOut2025);
    }

    @Test
    void aThirtyDaySurvivalYearEndingOnTheLastCoveredDayIsLeftOut() throws Exception {
        // cases admitted on 2024-12-31 are followed up to 2025-01-30; death and NPR end on 2024-12-31
        Engine engine = new Engine(connection);
        Ran ran = ran(engine, catalogue.get("all_cause_30d_survival"), RunRequest.allYears());
        List<IndicatorResult> rows = ran.rows();
        assertEquals(List.of("2022", "2023"), rows.stream().map(IndicatorResult::periodLabel).distinct().sorted().toList());
        List<Engine.LeftOutPeriod> leftOut = ran.leftOut();
        assertEquals(List.of("2024", "2022-2024"), leftOut.stream().map(Engine.LeftOutPeriod::periodLabel).toList());
        assertEquals("its 30-day follow-up needs data through 2025-01-30; death (DAR), npr_mental (NPR), npr_somatic (NPR) "
                + "covered through 2024-12-31", leftOut.get(0).reason());
    }

    @Test
    void byTertialTheLastTertialIsLeftOutAndTheOneBeforeKept() throws Exception {
        // reportable end = 2025-01-01 - 30 days = 2024-12-02: 2024-T2 ends 2024-09-01 (its follow-up runs to
        // 2024-09-30, covered), 2024-T3 ends 2025-01-01 (follow-up to 2025-01-30, not covered)
        Engine engine = new Engine(connection);
        Ran ran = ran(engine, catalogue.get("readmission_67_30d"), RunRequest.allYears().withFrequency(Frequency.TERTIAL));
        List<IndicatorResult> rows = ran.rows();
        List<String> labels = rows.stream().map(IndicatorResult::periodLabel).distinct().sorted().toList();
        assertEquals("2024-T2", labels.get(labels.size() - 1), labels.toString());
        assertEquals(List.of("2024-T3"), ran.leftOut().stream().map(Engine.LeftOutPeriod::periodLabel).toList());
        // the follow-up is the run's parameter value: 130 days give 2025-01-01 - 130 days = 2024-08-24, before the
        // end of 2024-T2 (2024-09-01), so 2024-T2 goes too
        rows = engine.run(catalogue.get("readmission_67_30d"),
                RunRequest.allYears().withFrequency(Frequency.TERTIAL).withParameters(Map.of("readmission_days", 130)));
        assertEquals("2024-T1", rows.stream().map(IndicatorResult::periodLabel).distinct().sorted()
                .reduce((a, b) -> b).orElseThrow());
    }

    /**
     * Referrals not assessed within 10 workdays are dated by the referral, so 2022 episodes carry 2021 referrals back:
     * a 2021 period would count only those, a truncated figure. No period starts before the first year every source
     * covers, and the run says why (found by review: 2021-T2 and 2021-T3 reported from a 2022-2024 store).
     */
    @Test
    void noPeriodStartsBeforeTheFirstCoveredYear() throws Exception {
        Engine engine = new Engine(connection);
        Indicator referrals = catalogue.get("referrals_not_assessed_10_workdays_phv_adults");
        Ran ran = ran(engine, referrals, RunRequest.allYears());
        List<IndicatorResult> rows = ran.rows();
        assertFalse(rows.isEmpty());
        for (IndicatorResult r : rows) {
            assertFalse(r.periodStart().isBefore(LocalDate.of(2022, 1, 1)), "reports " + r.periodLabel());
        }
        List<Engine.LeftOutPeriod> before = ran.leftOut().stream()
                .filter(l -> l.periodLabel().startsWith("2021")).toList();
        assertFalse(before.isEmpty(), "the store's cases reach into 2021: " + ran.leftOut());
        for (Engine.LeftOutPeriod l : before) {
            assertEquals("before the data: npr_mental (NPR), npr_somatic (NPR) covered from 2022-01-01", l.reason(), l.toString());
        }
    }

    @Test
    void coverageStartsWithTheLatestFirstYear() {
        Engine.DataCoverage c = Engine.DataCoverage.of(Map.of("death (DAR)", 2025, "npr_somatic (NPR)", 2024),
                Map.of("death (DAR)", 2019, "npr_somatic (NPR)", 2021));
        assertEquals(LocalDate.of(2021, 1, 1), c.start());
        assertEquals(List.of("npr_somatic (NPR)"), c.startLimiting());
        assertEquals(LocalDate.of(2025, 1, 1), c.end());
    }

    @Test
    void reportableEndIsTheCoveredEndLessTheFollowUp() {
        Engine.DataCoverage c = Engine.DataCoverage.of(Map.of("death (DAR)", 2025, "npr_somatic (NPR)", 2024));
        assertEquals(LocalDate.of(2025, 1, 1), c.end());
        assertEquals(List.of("npr_somatic (NPR)"), c.limiting());
        assertEquals(LocalDate.of(2024, 12, 2), c.reportableEnd(30));
        assertEquals(LocalDate.of(2025, 1, 1), c.reportableEnd(0));
    }

    /** Coverage reads only the registries an indicator names: an unreadable death file does not stop a KPR indicator. */
    @Test
    void anUnreadableContractOfAnotherRegistryDoesNotStopAnIndicator() throws Exception {
        Path copy = root.resolve("store-corrupt");
        Path store = root.resolve("store");
        try (Stream<Path> s = Files.walk(store)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(store.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
            }
        }
        try (Stream<Path> s = Files.walk(copy.resolve("data").resolve("death"))) {
            // the data pages are overwritten, the footer (schema) kept: the store opens, reading the rows fails
            for (Path f : s.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (int i = 8; i < bytes.length / 2; i++) bytes[i] = (byte) 0xAB;
                Files.write(f, bytes);
            }
        }
        try (Connection c = Store.open(copy, HOME)) {
            Engine engine = new Engine(c);
            List<IndicatorResult> rows = engine.run(catalogue.get("nursing_home_medication_review_12m"), RunRequest.allYears());
            assertEquals(List.of("2022", "2023", "2024"), rows.stream().map(IndicatorResult::periodLabel).distinct().sorted().toList());
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> engine.run(catalogue.get("all_cause_30d_survival"), RunRequest.allYears()));
            assertTrue(e.getMessage() != null, String.valueOf(e));
        }
    }
}
