package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each validation check passes on a consistent delivery and fails, with a message naming the cell, on a fault. */
class DeliveryChecksTest {
    static final AcuteIndicator AMI = AcuteIndicator.ALL.get(1);
    static final String ID = AMI.id();

    /** A consistent delivery: M 45-49 2/20, M 85+ 3/9, F 45-49 1/10, F 85+ 4/8 (weights on those two groups). */
    private static IndicatorCounts counts() {
        return OecdFixtures.cube(AMI, 2023, List.of(new StratumCounts("M", "45-49", 20, 2),
                new StratumCounts("M", "85+", 9, 3), new StratumCounts("F", "45-49", 10, 1),
                new StratumCounts("F", "85+", 8, 4)));
    }

    private static List<DeliveryRow> rows() {
        return DeliveryTable.rows(counts(), OecdFixtures.unisex("TWO", 1, 0, 0, 0, 0, 0, 0, 0, 1));
    }

    /** The rows with the one row of {@code sex}/{@code age} replaced. */
    private static List<DeliveryRow> change(String sex, String age, UnaryOperator<DeliveryRow> f) {
        List<DeliveryRow> out = new ArrayList<>();
        for (DeliveryRow r : rows()) out.add(r.sex().equals(sex) && r.ageGroup().equals(age) ? f.apply(r) : r);
        return out;
    }

    private static DeliveryRow withCounts(DeliveryRow r, Double cases, Double deaths) {
        return new DeliveryRow(r.indicatorId(), r.indicatorName(), r.condition(), r.dataType(), r.year(), r.sex(),
                r.ageGroup(), cases, deaths, r.crudeRate(), r.stdRate(), r.stdLow(), r.stdHigh(), r.standard(), r.note());
    }

    private static DeliveryRow withRates(DeliveryRow r, Double crude, Double std) {
        return new DeliveryRow(r.indicatorId(), r.indicatorName(), r.condition(), r.dataType(), r.year(), r.sex(),
                r.ageGroup(), r.cases(), r.deaths(), crude, std, r.stdLow(), r.stdHigh(), r.standard(), r.note());
    }

    @Test
    void aConsistentDeliveryPassesEveryCheck() {
        List<CheckResult> checks = DeliveryChecks.all(rows(), List.of(counts()), List.of());
        assertEquals(List.of("year_coverage", "counts_valid", "sex_totals", "age_totals", "rates_in_range",
                "engine_counts", "ages_in_range", "std_within_strata", "same_cohort", "linked_at_least_in_hospital",
                "nested_windows", "medication_linked"),
                checks.stream().map(CheckResult::name).toList());
        checks.forEach(c -> assertTrue(c.passed(), c.name() + ": " + c.failures()));
    }

    @Test
    void sexTotalsFailWhenMenAndWomenDoNotAddUpToBoth() {
        List<DeliveryRow> rows = change("T", "45-49", r -> withCounts(r, 31.0, 3.0));
        assertEquals(List.of(ID + " 2023, age group 45-49: cases M 20 + F 10 = 30 but T 31"),
                DeliveryChecks.sexTotals(rows).failures());
    }

    @Test
    void ageTotalsFailWhenTheAgeGroupsDoNotAddUpToTheTotal() {
        List<DeliveryRow> rows = change("F", "85+", r -> withCounts(r, 8.0, 5.0));
        assertEquals(List.of(ID + " 2023, sex F, age group total: deaths of the age groups sum to 6 but the total is 5"),
                DeliveryChecks.ageTotals(rows).failures());
    }

    @Test
    void ratesOutsideZeroToOneFail() {
        List<DeliveryRow> rows = change("M", "total", r -> withRates(r, 1.25, -0.5));
        assertEquals(List.of(ID + " 2023, sex M, age group total: crude rate 1.25 is outside [0, 1]",
                ID + " 2023, sex M, age group total: standardised rate -0.5 is outside [0, 1]"),
                DeliveryChecks.ratesInRange(rows).failures());
    }

    @Test
    void countsMustBeWholeNonNegativePresentAndEachCellOnce() {
        List<DeliveryRow> rows = change("F", "50-54", r -> withCounts(r, null, -1.0));
        rows = new ArrayList<>(rows);
        rows.set(0, withCounts(rows.get(0), 20.5, 2.0)); // M 45-49
        rows.remove(rows.size() - 1); // T total
        rows.add(rows.get(5));        // M 70-74 twice
        assertEquals(List.of(
                ID + " 2023, sex M, age group 45-49: cases 20.5 is not a whole number >= 0",
                ID + " 2023, sex F, age group 50-54: cases missing",
                ID + " 2023, sex F, age group 50-54: deaths -1.0 is not a whole number >= 0",
                ID + " 2023, sex M, age group 70-74: row present 2 times, expected once",
                ID + " 2023, sex T, age group total: row present 0 times, expected once"),
                DeliveryChecks.countsValid(rows, List.of(counts())).failures());
    }

    @Test
    void deathsAboveCasesAndCasesWithoutAPlaceInTheTemplateFail() {
        List<DeliveryRow> rows = change("M", "85+", r -> withCounts(r, 9.0, 10.0));
        IndicatorCounts c = counts();
        List<StratumCounts> cells = new ArrayList<>(c.cells());
        cells.add(new StratumCounts("[9]", "60-64", 2, 0));
        cells.add(new StratumCounts("M", null, 1, 1));
        IndicatorCounts odd = new IndicatorCounts(c.indicator(), c.name(), c.version(), c.year(), cells, c.engine());
        assertEquals(List.of(
                ID + " 2023, sex [9], age group 60-64: 2 case(s) the template has no place for (sex is not 1 or 2)",
                ID + " 2023, sex M, age group null: 1 case(s) the template has no place for (no OECD age group)",
                ID + " 2023, sex M, age group 85+: deaths 10 exceed cases 9"),
                DeliveryChecks.countsValid(rows, List.of(odd)).failures());
    }

    @Test
    void countsMustEqualTheEnginesNationResult() {
        IndicatorCounts c = counts();
        IndicatorCounts other = new IndicatorCounts(c.indicator(), c.name(), c.version(), c.year(), c.cells(),
                new IndicatorCounts.EngineCount(9, 48));
        assertEquals(List.of(
                ID + " 2023, sex T, age group total: cases 47 but the engine's nation result has denominator 48",
                ID + " 2023, sex T, age group total: deaths 10 but the engine's nation result has numerator 9"),
                DeliveryChecks.engineCounts(rows(), List.of(other)).failures());
    }

    @Test
    void coverageProblemsFailTheCoverageCheck() {
        List<CheckResult> checks = DeliveryChecks.all(rows(), List.of(counts()), List.of("death has no deaths in 2024-01"));
        assertEquals(List.of("death has no deaths in 2024-01"), checks.get(0).failures());
        assertTrue(checks.subList(1, checks.size()).stream().allMatch(CheckResult::passed));
    }
}
