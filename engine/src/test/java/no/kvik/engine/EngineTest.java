package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.PeriodRules;
import no.kvik.catalog.Suppression;
import no.kvik.catalog.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    private Connection c;

    @BeforeEach
    void open() throws Exception {
        c = TinyStore.open();
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    private void cases(String valuesSql) throws Exception {
        TinyStore.insertCases(c, valuesSql);
    }

    /** "period level unit" → "numerator/denominator" (or the suppression reason). */
    private static Map<String, String> cells(List<IndicatorResult> results) {
        Map<String, String> m = new LinkedHashMap<>();
        for (IndicatorResult r : results) {
            String v = r.suppressed() != null ? r.suppressed()
                    : fmt(r.numerator()) + "/" + fmt(r.denominator());
            m.put(r.periodLabel() + " " + r.level() + " " + r.unitId(), v);
        }
        return m;
    }

    private static String fmt(Double d) {
        return d == null ? "null" : d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    @Test
    void groupsToEveryLevelInOnePassWithMergersMappedForwardAndUnknownsKept() throws Exception {
        cases("""
                (DATE '2024-02-01', 'o1', '0301', NULL, NULL, 10, 20, NULL),
                (DATE '2024-03-01', 'o2', '0101', NULL, NULL, 5, 10, NULL),
                (DATE '2024-06-01', 'o3', '3103', NULL, NULL, 3, 30, NULL),
                (DATE '2024-01-15', 'o4', NULL, '31', NULL, 8, 8, NULL),
                (DATE '2024-02-02', 'o5', '9999', NULL, NULL, 1, 4, NULL),
                (DATE '2024-04-30', 'o_not_in_table', '0301', NULL, NULL, 2, 2, NULL),
                (DATE '2024-09-01', 'o1', '0301', NULL, NULL, 1, 1, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL, Level.COUNTY, Level.MUNICIPALITY),
                Frequency.TERTIAL, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
        List<IndicatorResult> results = new Engine(c).run(ind, RunRequest.between(LocalDate.parse("2024-01-01"),
                LocalDate.parse("2024-09-01")));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2024-T1 nation nation", "26/44");
        expected.put("2024-T1 rhf 1", "15/30");
        expected.put("2024-T1 rhf 2", "9/12");
        expected.put("2024-T1 rhf unknown", "2/2");
        expected.put("2024-T1 hf 10", "15/30");
        expected.put("2024-T1 hf 20", "9/12");
        expected.put("2024-T1 hf unknown", "2/2");
        expected.put("2024-T1 hospital 101", "10/20");
        expected.put("2024-T1 hospital 102", "5/10");
        expected.put("2024-T1 hospital 201", "8/8");
        expected.put("2024-T1 hospital unknown", "3/6");
        expected.put("2024-T1 county 03", "12/22");
        expected.put("2024-T1 county 31", "13/18");
        expected.put("2024-T1 county unknown", "1/4");
        expected.put("2024-T1 municipality 0301", "12/22");
        expected.put("2024-T1 municipality 3101", "5/10");
        expected.put("2024-T1 municipality unknown", "9/12");
        expected.put("2024-T2 nation nation", "3/30");
        expected.put("2024-T2 rhf 1", "3/30");
        expected.put("2024-T2 hf 11", "3/30");
        expected.put("2024-T2 hospital 111", "3/30");
        expected.put("2024-T2 county 31", "3/30");
        expected.put("2024-T2 municipality 3103", "3/30");
        assertEquals(expected, cells(results));

        IndicatorResult halden = results.stream().filter(r -> r.unitId().equals("3101")).findFirst().orElseThrow();
        assertEquals("Halden", halden.unitName());
        assertEquals(0.5, halden.value(), 1e-12);
        assertEquals(0.236593090512564, halden.ciLow(), 1e-9); // R: prop.test(5, 10, correct = FALSE)
        assertEquals(0.763406909487436, halden.ciHigh(), 1e-9);
        assertEquals(LocalDate.parse("2024-01-01"), halden.periodStart());
        assertEquals(LocalDate.parse("2024-05-01"), halden.periodEnd());
        assertEquals("tiny", halden.indicatorId());
        assertEquals("1.2.3", halden.indicatorVersion());
        IndicatorResult hf = results.stream().filter(r -> r.level().equals("hf") && r.unitId().equals("10")).findFirst().orElseThrow();
        assertEquals("HF Ti", hf.unitName());
        assertEquals("Norge", results.get(0).unitName());
        assertTrue(results.stream().allMatch(r -> r.expected() == null && r.funnelFlag() == null && r.goalLevel() == null));
    }

    @Test
    void primaryAndSecondarySuppressionKeepSuppressedUnitsInTheTotals() throws Exception {
        cases("""
                (DATE '2024-02-01', 'o1', NULL, NULL, NULL, 1, 3, NULL),
                (DATE '2024-02-01', 'o2', NULL, NULL, NULL, 20, 50, NULL),
                (DATE '2024-02-01', 'o3', NULL, NULL, NULL, 0, 4, NULL),
                (DATE '2024-02-01', 'o4', NULL, NULL, NULL, 30, 100, NULL),
                (DATE '2024-02-01', 'o4', NULL, NULL, NULL, 10, 60, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.TERTIAL,
                new Suppression(5, List.of(1, 4)), null, Direction.HIGHER_IS_BETTER);
        List<IndicatorResult> results = new Engine(c).run(ind, RunRequest.allYears());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2024-T1 nation nation", "61/217");
        expected.put("2024-T1 rhf 1", "21/57");
        expected.put("2024-T1 rhf 2", "40/160");
        // HF 11 alone hidden under RHF 1 would be RHF 1 - HF 10: HF 10 (53) is smaller than RHF 1 (57) and goes.
        // Hospital 101 then stays safe with 102 visible: HF 10 = 101 + 102 has two hidden terms, and
        // RHF 1 = 101 + 102 + HF 11 only gives the sum 101 + HF 11 (1/7).
        expected.put("2024-T1 hf 10", "secondary");
        expected.put("2024-T1 hf 11", "primary_denominator");
        expected.put("2024-T1 hf 20", "40/160");
        expected.put("2024-T1 hospital 101", "primary_denominator");
        expected.put("2024-T1 hospital 102", "20/50");
        expected.put("2024-T1 hospital 111", "primary_denominator");
        expected.put("2024-T1 hospital 201", "40/160");
        assertEquals(expected, cells(results));
    }

    @Test
    void theUnknownUnitsShareUnderAParentIsProtectedToo() throws Exception {
        // o5 is under HF 20 without a hospital: hospital 'unknown' (3 cases) = HF 20 - hospital 201, so 201 must go
        cases("""
                (DATE '2024-02-01', 'o4', NULL, NULL, NULL, 30, 100, NULL),
                (DATE '2024-02-01', 'o5', NULL, NULL, NULL, 0, 3, NULL),
                (DATE '2024-02-01', 'o1', NULL, NULL, NULL, 9, 40, NULL),
                (DATE '2024-02-01', 'o2', NULL, NULL, NULL, 9, 41, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.TERTIAL,
                new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        Map<String, String> got = cells(new Engine(c).run(ind, RunRequest.allYears()));
        // the share is HF 20's people (0/3): hidden, so the unknown unit equal to it goes first, then 201
        assertEquals("secondary", got.get("2024-T1 hospital unknown"));
        assertEquals("secondary", got.get("2024-T1 hospital 201"));
        assertEquals("30/103", got.get("2024-T1 hf 20"));
        assertEquals("9/40", got.get("2024-T1 hospital 101"));
        assertEquals("9/41", got.get("2024-T1 hospital 102"));
    }

    @Test
    void ratesPerThousandWithPoissonIntervalAndGoalLevel() throws Exception {
        cases("""
                (DATE '2024-01-01', NULL, '0301', NULL, NULL, 0, 1000, NULL),
                (DATE '2024-01-01', NULL, '3101', NULL, NULL, 0, 200, NULL),
                (DATE '2024-01-01', NULL, '3103', NULL, NULL, 0, 300, NULL)""");
        for (int i = 0; i < 6; i++) cases("(DATE '2024-03-01', NULL, '0301', NULL, NULL, 1, 0, NULL)");
        for (int i = 0; i < 4; i++) cases("(DATE '2024-05-05', NULL, '3101', NULL, NULL, 1, 0, NULL)");
        for (int i = 0; i < 5; i++) cases("(DATE '2024-05-05', NULL, '0101', NULL, NULL, 1, 0, NULL)");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.RATE, 1000.0, null),
                List.of(Level.NATION, Level.COUNTY, Level.MUNICIPALITY), Frequency.YEAR,
                new Suppression(1, List.of(1, 4)), new Target(20.0, null, null), Direction.LOWER_IS_BETTER);
        List<IndicatorResult> results = new Engine(c).run(ind, RunRequest.allYears());
        Map<String, IndicatorResult> byUnit = results.stream().collect(Collectors.toMap(r -> r.level() + " " + r.unitId(), r -> r));
        IndicatorResult halden = byUnit.get("municipality 3101"); // 0101 mapped forward: 9 dispensings / 200
        assertEquals(45.0, halden.value(), 1e-12);
        assertEquals("low", halden.goalLevel());
        // R: poisson.test(9)$conf.int / 200 * 1000
        assertEquals(20.5768654868917, halden.ciLow(), 1e-9);
        assertEquals(85.4240172570959, halden.ciHigh(), 1e-9);
        IndicatorResult ostfold = byUnit.get("county 31");
        assertEquals(9.0, ostfold.numerator());
        assertEquals(500.0, ostfold.denominator());
        assertEquals(18.0, ostfold.value(), 1e-12);
        assertEquals("high", ostfold.goalLevel());
        assertEquals(6.0, byUnit.get("municipality 0301").value(), 1e-12);
        assertEquals(0.0, byUnit.get("municipality 3103").value(), 1e-12);
        assertEquals(0.0, byUnit.get("municipality 3103").ciLow(), 1e-12);
        IndicatorResult nation = byUnit.get("nation nation");
        assertEquals(15.0, nation.numerator());
        assertEquals(1500.0, nation.denominator());
        assertEquals(10.0, nation.value(), 1e-12);
        assertEquals("2024", nation.periodLabel());
        assertEquals(6, results.size());
        assertTrue(results.stream().allMatch(r -> r.suppressed() == null));
    }

    @Test
    void medianWithOrderStatisticIntervalAndMeanWithTInterval() throws Exception {
        // 7 waits at hospital 101: sorted 3 7 12 19 22 30 45; 3 more at 111 with values 10 20 30
        String v = "(DATE '2024-02-01', 'o1', NULL, NULL, NULL, 1, 1, %s)";
        for (int x : new int[] {12, 30, 7, 45, 3, 19, 22}) cases(v.formatted(x));
        for (int x : new int[] {10, 20, 30}) cases(v.formatted(x).replace("'o1'", "'o3'"));
        Indicator median = TinyStore.indicator(new Measure(MeasureKind.MEDIAN, null, null),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, TinyStore.none(), null, Direction.LOWER_IS_BETTER);
        Map<String, IndicatorResult> m = new Engine(c).run(median, RunRequest.allYears()).stream()
                .collect(Collectors.toMap(r -> r.level() + " " + r.unitId(), r -> r));
        IndicatorResult h101 = m.get("hospital 101");
        assertEquals(19.0, h101.value(), 1e-12);       // R: median(x)
        assertEquals(3.0, h101.ciLow(), 1e-12);        // n = 7: ranks qbinom(0.025, 7, 0.5) = 1 and
        assertEquals(45.0, h101.ciHigh(), 1e-12);      // qbinom(0.975, 7, 0.5) + 1 = 7 (R)
        IndicatorResult h111 = m.get("hospital 111");  // n = 3: ranks 0 and 4, both sides unbounded
        assertNull(h111.ciLow());
        assertNull(h111.ciHigh());
        IndicatorResult nation = m.get("nation nation"); // 10 values: 3 7 10 12 19 20 22 30 30 45
        assertEquals(19.5, nation.value(), 1e-12);
        assertEquals(7.0, nation.ciLow(), 1e-12);      // ranks 2 and 9 (R qbinom, n = 10)
        assertEquals(30.0, nation.ciHigh(), 1e-12);
        assertEquals(10.0, nation.numerator());
        assertEquals(20.0, m.get("hospital 111").value(), 1e-12);

        Indicator p90 = TinyStore.indicator(new Measure(MeasureKind.PERCENTILE, null, 0.9),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, TinyStore.none(), null, Direction.LOWER_IS_BETTER);
        IndicatorResult q = new Engine(c).run(p90, RunRequest.allYears()).stream()
                .filter(r -> r.unitId().equals("101")).findFirst().orElseThrow();
        assertEquals(36.0, q.value(), 1e-12);          // R: quantile(x, 0.9, type = 7)

        Indicator mean = TinyStore.indicator(new Measure(MeasureKind.MEAN, null, null),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, TinyStore.none(), new Target(20.0, null, null),
                Direction.LOWER_IS_BETTER);
        IndicatorResult avg = new Engine(c).run(mean, RunRequest.allYears()).stream()
                .filter(r -> r.unitId().equals("101")).findFirst().orElseThrow();
        assertEquals(19.714285714285715, avg.value(), 1e-12);  // R: t.test(x)
        assertEquals(6.357661349544145, avg.ciLow(), 1e-9);
        assertEquals(33.070910079027286, avg.ciHigh(), 1e-9);
        assertEquals("high", avg.goalLevel());
    }

    @Test
    void zeroDenominatorGivesNullValueNotNaN() {
        Period p = Periods.parse("2024");
        UnitAggregate zero = new UnitAggregate(p, Level.NATION, "nation", "Norge", null, 0, 0, 0, null, null, null, null, null);
        Indicator prop = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION),
                Frequency.YEAR, new Suppression(1, null), new Target(0.5, null, null), Direction.HIGHER_IS_BETTER);
        double[] v = Reporting.valueAndInterval(prop.meta().measure(), zero);
        assertTrue(Double.isNaN(v[0]) && Double.isNaN(v[1]) && Double.isNaN(v[2]));
        // a mean over 10 cases none of which has a value: value, interval and goal are null, counts are kept
        UnitAggregate noValues = new UnitAggregate(p, Level.NATION, "nation", "Norge", null, 10, 10, 0, null, null, null, null, null);
        Indicator mean = TinyStore.indicator(new Measure(MeasureKind.MEAN, null, null), List.of(Level.NATION),
                Frequency.YEAR, new Suppression(1, null), new Target(5.0, null, null), Direction.LOWER_IS_BETTER);
        IndicatorResult r = Reporting.report(mean.meta(), List.of(noValues)).get(0);
        assertNull(r.value());
        assertNull(r.ciLow());
        assertNull(r.goalLevel());
        assertEquals(10.0, r.denominator());
        assertNull(r.suppressed());
    }

    @Test
    void rollingWindowsAndHalfYearsOverAllYears() throws Exception {
        cases("""
                (DATE '2022-03-01', 'o1', NULL, NULL, NULL, 1, 10, NULL),
                (DATE '2023-08-01', 'o1', NULL, NULL, NULL, 2, 10, NULL),
                (DATE '2024-12-31', 'o1', NULL, NULL, NULL, 3, 10, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION),
                Frequency.YEAR, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
        Map<String, String> got = cells(new Engine(c).run(ind, RunRequest.allYears().withRollingYears(2)));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2022 nation nation", "1/10");
        expected.put("2022-2023 nation nation", "3/20");
        expected.put("2023 nation nation", "2/10");
        expected.put("2023-2024 nation nation", "5/20");
        expected.put("2024 nation nation", "3/10");
        assertEquals(expected, got);
        got = cells(new Engine(c).run(ind, RunRequest.between(LocalDate.parse("2023-01-01"), LocalDate.parse("2025-01-01"))
                .withFrequency(Frequency.HALF_YEAR)));
        assertEquals(Map.of("2023-H2 nation nation", "2/10", "2024-H2 nation nation", "3/10"), got);
    }

    @Test
    void smallUnitsAreReportedForTheWindowOfYearsEndingInTheYearTheyAreSmall() throws Exception {
        // hospital 102 is small (denominator < 30) every year, 111 only in 2024 (and so is its HF 11)
        cases("""
                (DATE '2021-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2022-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2023-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2024-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2021-05-01', 'o2', NULL, NULL, NULL, 3, 20, NULL),
                (DATE '2022-05-01', 'o2', NULL, NULL, NULL, 2, 20, NULL),
                (DATE '2023-05-01', 'o2', NULL, NULL, NULL, 4, 25, NULL),
                (DATE '2024-05-01', 'o2', NULL, NULL, NULL, 5, 20, NULL),
                (DATE '2022-05-01', 'o3', NULL, NULL, NULL, 6, 40, NULL),
                (DATE '2023-05-01', 'o3', NULL, NULL, NULL, 5, 40, NULL),
                (DATE '2024-05-01', 'o3', NULL, NULL, NULL, 3, 10, NULL),
                (DATE '2021-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2022-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2023-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2024-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.YEAR,
                new PeriodRules(null, 3, 30, null), new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        Map<String, String> expected = new LinkedHashMap<>();
        // 2021 and 2022 have no complete window in the data: their small units are reported for the year alone
        expected.put("2021 nation nation", "33/320");
        expected.put("2021 rhf 1", "13/120");
        expected.put("2021 rhf 2", "20/200");
        expected.put("2021 hf 10", "13/120");
        expected.put("2021 hf 20", "20/200");
        expected.put("2021 hospital 101", "10/100");
        expected.put("2021 hospital 102", "3/20");
        expected.put("2021 hospital 201", "20/200");
        // the windows run for the rule alone publish only the units small in their last year
        expected.put("2021-2023 hospital 102", "9/65");
        expected.put("2022 nation nation", "38/360");
        expected.put("2022 rhf 1", "18/160");
        expected.put("2022 rhf 2", "20/200");
        expected.put("2022 hf 10", "12/120");
        expected.put("2022 hf 11", "6/40");
        expected.put("2022 hf 20", "20/200");
        expected.put("2022 hospital 101", "10/100");
        expected.put("2022 hospital 102", "2/20"); // no complete window 2020-2022 either
        expected.put("2022 hospital 111", "6/40");
        expected.put("2022 hospital 201", "20/200");
        expected.put("2022-2024 hf 11", "14/90");
        expected.put("2022-2024 hospital 102", "11/65");
        expected.put("2022-2024 hospital 111", "14/90");
        expected.put("2023 nation nation", "39/365");
        expected.put("2023 rhf 1", "19/165");
        expected.put("2023 rhf 2", "20/200");
        expected.put("2023 hf 10", "14/125");
        expected.put("2023 hf 11", "5/40");
        expected.put("2023 hf 20", "20/200");
        expected.put("2023 hospital 101", "10/100");
        expected.put("2023 hospital 102", "pooled");
        expected.put("2023 hospital 111", "5/40");
        expected.put("2023 hospital 201", "20/200");
        expected.put("2024 nation nation", "38/330");
        expected.put("2024 rhf 1", "18/130");
        expected.put("2024 rhf 2", "20/200");
        expected.put("2024 hf 10", "15/120");
        expected.put("2024 hf 11", "pooled");
        expected.put("2024 hf 20", "20/200");
        expected.put("2024 hospital 101", "10/100");
        expected.put("2024 hospital 102", "pooled");
        expected.put("2024 hospital 111", "pooled");
        expected.put("2024 hospital 201", "20/200");
        List<IndicatorResult> results = new Engine(c).run(ind, RunRequest.allYears());
        assertEquals(expected, cells(results));
        IndicatorResult pooled = results.stream().filter(r -> r.periodLabel().equals("2024") && r.unitId().equals("102"))
                .findFirst().orElseThrow();
        assertNull(pooled.value());
        assertNull(pooled.numerator());
        IndicatorResult window = results.stream().filter(r -> r.periodLabel().equals("2022-2024") && r.unitId().equals("102"))
                .findFirst().orElseThrow();
        assertEquals(11.0 / 65, window.value(), 1e-12);
        assertEquals(LocalDate.parse("2022-01-01"), window.periodStart());
        assertEquals(LocalDate.parse("2025-01-01"), window.periodEnd());

        // a range wider than the data gives the same windows: none reaches into the years without data
        Map<String, String> wide = cells(new Engine(c).run(ind, RunRequest.between(LocalDate.parse("2018-01-01"),
                LocalDate.parse("2026-01-01"))));
        assertEquals(expected, wide);

        // when every unit gets the three-year windows (poolYears 3), their rows are all published
        Indicator pooledForAll = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.YEAR,
                new PeriodRules(3, 3, 30, null), new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        Map<String, String> all = cells(new Engine(c).run(pooledForAll, RunRequest.allYears()));
        assertEquals("41/365", all.get("2022-2024 hf 10")); // 12/120 + 14/125 + 15/120
        assertEquals("115/1055", all.get("2022-2024 nation nation")); // 38/360 + 39/365 + 38/330
        assertEquals("pooled", all.get("2024 hospital 111"));
        assertEquals("10/100", all.get("2024 hospital 101"));
    }

    @Test
    void aWindowMinusVisibleYearsCannotRevealAHiddenYear() throws Exception {
        // 2024 of hospital 101 is primary-suppressed; with the 2022-2024 window published, 2022 and 2023 of
        // 101 would give it away: 2022 of 101 goes (the smaller of 2022/2023 by position), and then 2022 of 102,
        // as the nation minus 102 would reveal 101 again. Left: four unknowns linked by equations of rank three.
        cases("""
                (DATE '2022-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2023-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2024-05-01', 'o1', NULL, NULL, NULL, 1, 3, NULL),
                (DATE '2022-05-01', 'o2', NULL, NULL, NULL, 5, 50, NULL),
                (DATE '2023-05-01', 'o2', NULL, NULL, NULL, 5, 50, NULL),
                (DATE '2024-05-01', 'o2', NULL, NULL, NULL, 5, 50, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, new Suppression(5, null), null,
                Direction.HIGHER_IS_BETTER);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2022 nation nation", "15/150");
        expected.put("2022 hospital 101", "secondary");
        expected.put("2022 hospital 102", "secondary");
        expected.put("2022-2024 nation nation", "36/353");
        expected.put("2022-2024 hospital 101", "21/203");
        expected.put("2022-2024 hospital 102", "15/150");
        expected.put("2023 nation nation", "15/150");
        expected.put("2023 hospital 101", "10/100");
        expected.put("2023 hospital 102", "5/50");
        expected.put("2024 nation nation", "6/53");
        expected.put("2024 hospital 101", "primary_denominator");
        expected.put("2024 hospital 102", "secondary");
        assertEquals(expected, cells(new Engine(c).run(ind, RunRequest.allYears().withRollingYears(3))));
    }

    @Test
    void aPooledYearThatIsAlsoPrivateKeepsItsPrimaryReasonAndStaysProtected() throws Exception {
        // 2024 of 102 is small (4 < 30) and private (4 < 5). Its 2023-2024 window (3/44) minus its visible 2023
        // would reveal it: 2023 of 102 goes, then 2023 of 101 (nation - 101 = 102); in 2024 101 goes (nation - 101).
        cases("""
                (DATE '2023-05-01', 'o1', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2024-05-01', 'o1', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2023-05-01', 'o2', NULL, NULL, NULL, 2, 40, NULL),
                (DATE '2024-05-01', 'o2', NULL, NULL, NULL, 1, 4, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.HOSPITAL), Frequency.YEAR, new PeriodRules(null, 2, 30, null),
                new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2023 nation nation", "22/240");
        expected.put("2023 hospital 101", "secondary");
        expected.put("2023 hospital 102", "secondary");
        expected.put("2023-2024 hospital 102", "3/44");
        expected.put("2024 nation nation", "21/204");
        expected.put("2024 hospital 101", "secondary");
        expected.put("2024 hospital 102", "primary_denominator");
        assertEquals(expected, cells(new Engine(c).run(ind, RunRequest.allYears())));
    }

    @Test
    void centralLevelWithAnUnknownCentralKeptInTheNationTotal() throws Exception {
        cases("""
                (DATE '2024-02-01', NULL, NULL, NULL, 'AMK01', 9, 10, NULL),
                (DATE '2024-02-01', NULL, NULL, NULL, 'AMK02', 7, 10, NULL),
                (DATE '2024-02-01', NULL, NULL, NULL, 'AMK99', 5, 6, NULL),
                (DATE '2024-02-01', NULL, NULL, NULL, NULL, 1, 1, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.CENTRAL), Frequency.HALF_YEAR, TinyStore.none(),
                new Target(null, 0.9, 0.8), Direction.HIGHER_IS_BETTER);
        List<IndicatorResult> results = new Engine(c).run(ind, RunRequest.allYears());
        assertEquals(Map.of("2024-H1 nation nation", "22/27", "2024-H1 central AMK01", "9/10",
                "2024-H1 central AMK02", "7/10", "2024-H1 central unknown", "6/7"), cells(results));
        Map<String, String> goal = results.stream().collect(Collectors.toMap(IndicatorResult::unitId, IndicatorResult::goalLevel));
        assertEquals(Map.of("nation", "medium", "AMK01", "high", "AMK02", "low", "unknown", "medium"), goal);
        assertEquals("AMK En", results.stream().filter(r -> r.unitId().equals("AMK01")).findFirst().orElseThrow().unitName());
    }

    @Test
    void caseRowsCanBeMaterialisedForRiskModels() throws Exception {
        cases("""
                (DATE '2023-12-31', 'o1', NULL, NULL, NULL, 1, 1, NULL),
                (DATE '2024-01-01', 'o1', NULL, NULL, NULL, 0, 1, NULL),
                (DATE '2024-12-31', 'o2', NULL, NULL, NULL, 1, 1, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION),
                Frequency.YEAR, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
        long n = new Engine(c).createCaseTable(ind, RunRequest.between(LocalDate.parse("2024-01-01"),
                LocalDate.parse("2025-01-01")), "risk_cases");
        assertEquals(2, n);
        try (Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT sum(numerator), min(provider_org) FROM risk_cases")) {
            rs.next();
            assertEquals(1.0, rs.getDouble(1));
            assertEquals("o1", rs.getString(2));
        }
    }

    @Test
    void aPeriodShorterThanAnIndicatorsYearlyRowsIsRefused() {
        Indicator yearlyCells = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION), Frequency.YEAR, new PeriodRules(null, null, null, Frequency.YEAR),
                new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        RunRequest byTertial = RunRequest.allYears().withFrequency(Frequency.TERTIAL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engine.frequency(yearlyCells.meta(), byTertial));
        assertEquals(yearlyCells.id() + " cannot be reported by tertial: its rows are yearly (periodRules.finestFrequency year)",
                e.getMessage());
        assertEquals(Frequency.YEAR, Engine.frequency(yearlyCells.meta(), RunRequest.allYears()));
        // case rows (no finest frequency) may be reported by any length
        Indicator cases = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION),
                Frequency.YEAR, null, new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        assertEquals(Frequency.TERTIAL, Engine.frequency(cases.meta(), byTertial));
    }

    @Test
    void aFunnelWhoseUnitsAreAllPooledSaysWhyAndNamesTheWindowThatReportsThem() throws Exception {
        // every hospital is small (denominator < 30) in 2024: all four are reported for 2022-2024 instead
        cases("""
                (DATE '2022-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2023-05-01', 'o1', NULL, NULL, NULL, 10, 100, NULL),
                (DATE '2024-05-01', 'o1', NULL, NULL, NULL, 2, 20, NULL),
                (DATE '2022-05-01', 'o2', NULL, NULL, NULL, 3, 20, NULL),
                (DATE '2023-05-01', 'o2', NULL, NULL, NULL, 3, 20, NULL),
                (DATE '2024-05-01', 'o2', NULL, NULL, NULL, 3, 20, NULL),
                (DATE '2022-05-01', 'o3', NULL, NULL, NULL, 6, 40, NULL),
                (DATE '2023-05-01', 'o3', NULL, NULL, NULL, 5, 40, NULL),
                (DATE '2024-05-01', 'o3', NULL, NULL, NULL, 3, 10, NULL),
                (DATE '2022-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2023-05-01', 'o4', NULL, NULL, NULL, 20, 200, NULL),
                (DATE '2024-05-01', 'o4', NULL, NULL, NULL, 5, 25, NULL)""");
        Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.YEAR,
                new PeriodRules(null, 3, 30, null), new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
        no.kvik.analysis.AnalysedIndicator a = new no.kvik.analysis.Analysis(c).run(ind, RunRequest.allYears());
        no.kvik.analysis.FunnelSummary year = a.funnel("hospital", "2024");
        assertEquals(4, year.unitsUsed(), "the pooled units still shape phi and tau2");
        assertEquals(0, year.unitsPublished());
        assertEquals("all 4 hospital units of 2024 suppressed (4 pooled: fewer than 30 cases in the year, reported for "
                + "3 years together); the pooled 2022-2024 window has 4 reportable hospital units", year.emptyReason());
        // nation 2024: (2 + 3 + 3 + 5) / (20 + 20 + 10 + 25) = 13/75 = 17.33 %
        assertEquals(13.0 / 75, year.target(), 1e-15);
        assertEquals("centre: national value 17.3 %", year.centre());
        no.kvik.analysis.FunnelSummary window = a.funnel("hospital", "2022-2024");
        assertEquals(4, window.unitsPublished());
        assertEquals("", window.emptyReason());
        // nation 2022-2024: 39/360 + 38/360 + 13/75 = 90/795 = 11.32 %, not the mean of the units shown
        assertEquals(90.0 / 795, window.target(), 1e-15);
        assertEquals("centre: national value 11.3 %", window.centre());
        // the HF level keeps HF 10 (40 cases in 2024) for the year: its funnel is not empty
        assertEquals(1, a.funnel("hf", "2024").unitsPublished());
        assertEquals("", a.funnel("hf", "2024").emptyReason());
        // kvik run's charts/: the funnel data says why, and a notice takes the empty plot's place
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kvik-empty-funnel");
        no.kvik.report.AnalysisFiles.write(a, dir);
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("tiny").resolve("hospital_2024_funnel.json").toFile());
        assertEquals(0, data.get("units_published").asInt());
        assertEquals(4, data.get("units_in_funnel").asInt());
        assertEquals(year.emptyReason(), data.get("empty_reason").asText());
        String svg = java.nio.file.Files.readString(dir.resolve("tiny").resolve("hospital_2024_funnel.svg"));
        assertTrue(svg.contains("No funnel plot: all 4 hospital units of 2024 suppressed"), svg);
        assertTrue(java.nio.file.Files.exists(dir.resolve("tiny").resolve("hospital_2022-2024_funnel.svg")));
    }
}
