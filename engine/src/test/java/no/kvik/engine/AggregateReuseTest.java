package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analysis reads a run's counts ({@link EngineRun#aggregates}) right after its results, which aggregated the same
 * counts with the same query: without a quantile the run keeps them instead of aggregating a second time (issue #17).
 * The kept counts equal a fresh aggregation of the reduced table; a quantile run aggregates afresh.
 */
class AggregateReuseTest {
    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, residence_municipality, residence_county, central_id, "
                    + "numerator, denominator, value) VALUES "
                    + "(DATE '2024-02-01', 'o1', '0301', NULL, NULL, 1, 1, 12), (DATE '2024-03-01', 'o2', '3101', NULL, NULL, 0, 1, 30), "
                    + "(DATE '2024-06-01', 'o4', '3103', NULL, NULL, 1, 1, 7), (DATE '2024-07-01', 'o4', NULL, '31', NULL, 1, 1, 9)");
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private static List<UnitAggregate> sorted(List<UnitAggregate> a) {
        return a.stream().sorted(Comparator.comparing((UnitAggregate u) -> u.period().start())
                .thenComparing(UnitAggregate::level).thenComparing(UnitAggregate::unitId)).toList();
    }

    private static Indicator indicator(Measure measure) {
        return TinyStore.indicator(measure, List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY,
                Level.MUNICIPALITY), Frequency.YEAR, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
    }

    @Test
    void theCountsOfTheResultsAreKeptAndEqualAFreshAggregation() throws Exception {
        RunRequest year = RunRequest.between(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01"));
        try (EngineRun run = new Engine(c).prepare(indicator(new Measure(MeasureKind.PROPORTION, null, null)), year)) {
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
        try (EngineRun run = new Engine(c).prepare(indicator(new Measure(MeasureKind.MEDIAN, null, null)), year)) {
            run.results();
            assertEquals(sorted(run.reaggregate(run.table("reduced"))), sorted(run.aggregates()));
        }
    }
}
