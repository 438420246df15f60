package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import no.kvik.catalog.Frequency;
import org.junit.jupiter.api.Test;

class PeriodsTest {
    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void tertialBoundaries() {
        assertEquals(new Period(d("2024-01-01"), d("2024-05-01"), "2024-T1"), Periods.containing(Frequency.TERTIAL, d("2024-04-30")));
        assertEquals(new Period(d("2024-05-01"), d("2024-09-01"), "2024-T2"), Periods.containing(Frequency.TERTIAL, d("2024-05-01")));
        assertEquals(new Period(d("2024-09-01"), d("2025-01-01"), "2024-T3"), Periods.containing(Frequency.TERTIAL, d("2024-12-31")));
        assertEquals(new Period(d("2024-09-01"), d("2025-01-01"), "2024-T3"), Periods.containing(Frequency.TERTIAL, d("2024-09-01")));
    }

    @Test
    void halfYearAndYearBoundaries() {
        assertEquals(new Period(d("2024-01-01"), d("2024-07-01"), "2024-H1"), Periods.containing(Frequency.HALF_YEAR, d("2024-06-30")));
        assertEquals(new Period(d("2024-07-01"), d("2025-01-01"), "2024-H2"), Periods.containing(Frequency.HALF_YEAR, d("2024-07-01")));
        assertEquals(new Period(d("2023-01-01"), d("2024-01-01"), "2023"), Periods.containing(Frequency.YEAR, d("2023-12-31")));
    }

    @Test
    void periodsWithinARangeAreWhole() {
        assertEquals(List.of("2023-T3", "2024-T1"),
                Periods.within(Frequency.TERTIAL, d("2023-08-15"), d("2024-06-01")).stream().map(Period::label).toList());
        assertEquals(List.of("2022", "2023"),
                Periods.within(Frequency.YEAR, d("2022-01-01"), d("2024-01-01")).stream().map(Period::label).toList());
    }

    @Test
    void periodsCoveringData() {
        assertEquals(List.of("2023-H2", "2024-H1", "2024-H2"),
                Periods.covering(Frequency.HALF_YEAR, d("2023-12-31"), d("2024-07-01")).stream().map(Period::label).toList());
    }

    @Test
    void rollingWindows() {
        List<Period> w = Periods.rolling(3, 2022, 2024);
        assertEquals(List.of("2020-2022", "2021-2023", "2022-2024"), w.stream().map(Period::label).toList());
        assertEquals(new Period(d("2022-01-01"), d("2025-01-01"), "2022-2024"), w.get(2));
    }

    @Test
    void labelsParseBack() {
        for (String label : List.of("2024-T2", "2024-H1", "2024", "2022-2024")) assertEquals(label, Periods.parse(label).label());
        assertEquals(d("2024-09-01"), Periods.parse("2024-T2").end());
        assertThrows(IllegalArgumentException.class, () -> Periods.parse("2024-T4"));
        assertThrows(IllegalArgumentException.class, () -> Periods.parse("2024-2022"));
    }
}
