package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * A quantile's order statistics taken from counts per distinct value (issue #17: large samples of repeating values,
 * e.g. waiting days) are the ones indexing the sorted value lists gives: the same results at every level and
 * period, to the last bit.
 */
class QuantileByValueCountsTest {
    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
        // repeated and fractional values at two hospitals and municipalities over two years
        String row = "(DATE '%s', '%s', '%s', NULL, NULL, 1, 1, %s)";
        StringBuilder values = new StringBuilder();
        for (double x : new double[] {5, 5, 5, 12, 12, 30, 45}) values.append(",").append(row.formatted("2024-02-01", "o1", "0301", x));
        for (double x : new double[] {10, 20, 20, 2.5}) values.append(",").append(row.formatted("2024-05-01", "o3", "3103", x));
        for (double x : new double[] {7, 7, 7}) values.append(",").append(row.formatted("2025-03-01", "o1", "0301", x));
        TinyStore.insertCases(c, values.substring(1));
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private List<IndicatorResult> run(Indicator indicator, Engine.QuantileMethod method) throws Exception {
        return new Engine(c, method).run(indicator, RunRequest.allYears());
    }

    @Test
    void medianAndPercentileByValueCountsEqualTheSortedLists() throws Exception {
        List<Level> levels = List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY, Level.MUNICIPALITY);
        for (Measure measure : List.of(new Measure(MeasureKind.MEDIAN, null, null), new Measure(MeasureKind.PERCENTILE, null, 0.9))) {
            Indicator indicator = TinyStore.indicator(measure, levels, Frequency.YEAR, TinyStore.none(), null,
                    Direction.LOWER_IS_BETTER);
            List<IndicatorResult> lists = run(indicator, Engine.QuantileMethod.SORTED_LISTS);
            List<IndicatorResult> counts = run(indicator, Engine.QuantileMethod.VALUE_COUNTS);
            assertTrue(lists.size() > 10, "results at every level and both years: " + lists.size());
            assertEquals(lists, counts);
        }
        Indicator median = TinyStore.indicator(new Measure(MeasureKind.MEDIAN, null, null), levels, Frequency.YEAR,
                TinyStore.none(), null, Direction.LOWER_IS_BETTER);
        Map<String, IndicatorResult> m = run(median, Engine.QuantileMethod.VALUE_COUNTS).stream()
                .collect(Collectors.toMap(r -> r.periodLabel() + " " + r.level() + " " + r.unitId(), r -> r));
        // hospital 101, 2024: sorted 5 5 5 12 12 30 45, median the 4th; n = 7: CI ranks 1 and 7 (R qbinom, EngineTest)
        assertEquals(12.0, m.get("2024 hospital 101").value());
        assertEquals(5.0, m.get("2024 hospital 101").ciLow());
        assertEquals(45.0, m.get("2024 hospital 101").ciHigh());
        // nation 2024: 2.5 5 5 5 10 12 12 20 20 30 45, the 6th; hospital 111: 2.5 10 20 20, (10 + 20) / 2
        assertEquals(12.0, m.get("2024 nation nation").value());
        assertEquals(15.0, m.get("2024 hospital 111").value());
        assertEquals(7.0, m.get("2025 hospital 101").value());
    }
}
