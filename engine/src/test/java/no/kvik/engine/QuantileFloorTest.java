package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The benchmark floor of a quantile indicator ({@link EngineRun#floorSql}, issue #17 qfloor) does the quantile: DuckDB's
 * quantile_cont over the case rows gives, in every period and unit at every level, the same quantile and number of
 * values as the engine's own aggregation (sorted lists or value counts), so the floor is of the same work, not of less.
 */
class QuantileFloorTest {
    private static final List<Level> LEVELS = List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY,
            Level.MUNICIPALITY);
    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
        // repeated, fractional and missing values at two hospitals, an unmapped provider and two municipalities over
        // two years (the same layout as QuantileByValueCountsTest, plus a null value and an unknown unit)
        String row = "(DATE '%s', '%s', '%s', NULL, NULL, 1, 1, %s)";
        StringBuilder values = new StringBuilder();
        for (String x : new String[] {"5", "5", "5", "12", "12", "30", "45", "NULL"}) values.append(",").append(row.formatted("2024-02-01", "o1", "0301", x));
        for (String x : new String[] {"10", "20", "20", "2.5"}) values.append(",").append(row.formatted("2024-05-01", "o3", "3103", x));
        for (String x : new String[] {"8", "3"}) values.append(",").append(row.formatted("2024-07-01", "not-a-provider", "3103", x));
        for (String x : new String[] {"7", "7", "7"}) values.append(",").append(row.formatted("2025-03-01", "o1", "0301", x));
        TinyStore.insertCases(c, values.substring(1));
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    /** One cell's quantile (null without values) and number of values. */
    private record Cell(Double quantile, long nValues) {
        @Override
        public String toString() {
            return quantile + " of " + nValues;
        }
    }

    /** Quantile (the reported value) and number of values per "period level unit", as the engine computes them. */
    private static Map<String, Cell> engineCells(EngineRun run) throws Exception {
        Map<String, Double> values = new TreeMap<>();
        for (IndicatorResult r : run.results()) values.put(r.periodLabel() + " " + r.level() + " " + r.unitId(), r.value());
        Map<String, Cell> cells = new TreeMap<>();
        for (UnitAggregate a : run.aggregates()) {
            String cell = a.period().label() + " " + a.level().code() + " " + a.unitId();
            cells.put(cell, new Cell(values.get(cell), a.nValues()));
        }
        return cells;
    }

    /** The same, read from the floor's rows (which must carry the quantile as column quant). */
    private static Map<String, Cell> floorCells(EngineRun run) throws Exception {
        List<Level> keyed = LEVELS.stream().filter(l -> l != Level.NATION).sorted().toList();
        Map<String, Cell> cells = new TreeMap<>();
        try (PreparedStatement ps = run.prepareStatement(run.floorSql()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Level level = Level.NATION;
                for (Level l : keyed) {
                    if (rs.getInt("g_" + l.code()) == 0) level = l;
                }
                String unit = level == Level.NATION ? ResultSchema.NATION_ID : rs.getString("key_" + level.code());
                Object quant = rs.getObject("quant");
                cells.put(rs.getString("period_label") + " " + level.code() + " " + unit,
                        new Cell(quant == null ? null : ((Number) quant).doubleValue(), rs.getLong("n_values")));
            }
        }
        return cells;
    }

    @Test
    void medianAndPercentileFloorsComputeTheEnginesQuantilesInEveryCell() throws Exception {
        for (Measure measure : List.of(new Measure(MeasureKind.MEDIAN, null, null), new Measure(MeasureKind.PERCENTILE, null, 0.9))) {
            Indicator indicator = TinyStore.indicator(measure, LEVELS, Frequency.YEAR, TinyStore.none(), null,
                    Direction.LOWER_IS_BETTER);
            for (Engine.QuantileMethod method : List.of(Engine.QuantileMethod.SORTED_LISTS, Engine.QuantileMethod.VALUE_COUNTS)) {
                Engine engine = new Engine(c, method);
                try (EngineRun run = engine.prepare(indicator, RunRequest.allYears())) {
                    Map<String, Cell> expected = engineCells(run);
                    Map<String, Cell> floor = floorCells(run);
                    assertTrue(expected.size() > 10, "cells at every level and both years: " + expected.size());
                    assertEquals(expected.keySet(), floor.keySet(), measure.kind() + " " + method);
                    for (String cell : expected.keySet()) {
                        Cell e = expected.get(cell);
                        Cell f = floor.get(cell);
                        String what = measure.kind() + " " + method + " " + cell;
                        assertEquals(e.nValues(), f.nValues(), what);
                        // the same order statistics; DuckDB interpolates between them in another arithmetic form, so
                        // a percentile may differ in its last digit (p90 of 7 values: 36.00000000000001 against 36.0)
                        assertEquals(e.quantile(), f.quantile(), Math.ulp(e.quantile()) * 4, what);
                    }
                }
            }
        }
    }

    @Test
    void medianFloorMatchesHandComputedMedians() throws Exception {
        Indicator median = TinyStore.indicator(new Measure(MeasureKind.MEDIAN, null, null), LEVELS, Frequency.YEAR,
                TinyStore.none(), null, Direction.LOWER_IS_BETTER);
        try (EngineRun run = new Engine(c).prepare(median, RunRequest.allYears())) {
            Map<String, Cell> floor = floorCells(run);
            // hospital 101, 2024: 5 5 5 12 12 30 45 (the null left out), the 4th of 7
            assertEquals(new Cell(12.0, 7), floor.get("2024 hospital 101"));
            // hospital 111, 2024: 2.5 10 20 20, (10 + 20) / 2
            assertEquals(new Cell(15.0, 4), floor.get("2024 hospital 111"));
            // the unmapped provider: 3 8, (3 + 8) / 2
            assertEquals(new Cell(5.5, 2), floor.get("2024 hospital unknown"));
            // nation 2024: 2.5 3 5 5 5 8 10 12 12 20 20 30 45, the 7th of 13
            assertEquals(new Cell(10.0, 13), floor.get("2024 nation nation"));
            assertEquals(new Cell(7.0, 3), floor.get("2025 nation nation"));
        }
    }
}
