package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import no.kvik.catalog.Frequency;
import org.junit.jupiter.api.Test;

/**
 * The project calendar (sql/calendar/publications.csv) follows the NKI rhythm its README describes, for every year
 * it lists: five editions (March, May, June, September, November); tertial indicators in March (the full previous
 * year, data to 1 January), September (T1, data to 1 May) and November (T1+T2, data to 1 September); half-year
 * indicators twice (May and November); yearly specialist-care indicators in March, emergency and medicines in May;
 * the June edition yearly and mostly municipal; data-quality indicators in every tertial edition.
 */
class CalendarRhythmTest {
    private final Calendar calendar = ReleaseFixture.calendar();

    private Map<Integer, List<Calendar.Edition>> byYear() {
        return calendar.editions().stream().collect(Collectors.groupingBy(e -> e.published().getYear(), TreeMap::new,
                Collectors.toList()));
    }

    @Test
    void fiveEditionsAYearInMarchMayJuneSeptemberAndNovember() {
        assertEquals(List.of(2024, 2025), List.copyOf(byYear().keySet()));
        for (Map.Entry<Integer, List<Calendar.Edition>> y : byYear().entrySet()) {
            assertEquals(List.of(Month.MARCH, Month.MAY, Month.JUNE, Month.SEPTEMBER, Month.NOVEMBER),
                    y.getValue().stream().map(e -> e.published().getMonth()).toList(), "editions of " + y.getKey());
            for (int n = 0; n < 5; n++) assertEquals(y.getKey() + "-" + (n + 1), y.getValue().get(n).id());
        }
    }

    @Test
    void tertialsInMarchSeptemberAndNovemberEachWithItsTertialsData() {
        for (Map.Entry<Integer, List<Calendar.Edition>> y : byYear().entrySet()) {
            int year = y.getKey();
            for (Calendar.Edition e : y.getValue()) {
                boolean tertial = e.due().stream().anyMatch(d -> d.frequency() == Frequency.TERTIAL);
                LocalDate expectedEnd = switch (e.published().getMonth()) {
                    case MARCH, MAY, JUNE -> LocalDate.of(year, 1, 1);
                    case SEPTEMBER -> LocalDate.of(year, 5, 1);
                    case NOVEMBER -> LocalDate.of(year, 9, 1);
                    default -> throw new AssertionError(e.id() + " in " + e.published().getMonth());
                };
                assertEquals(expectedEnd, e.dataEnd(), e.id() + " data_end");
                Month m = e.published().getMonth();
                assertEquals(m == Month.MARCH || m == Month.SEPTEMBER || m == Month.NOVEMBER, tertial, e.id() + " tertial");
                boolean halfYear = e.due().stream().anyMatch(d -> d.frequency() == Frequency.HALF_YEAR);
                assertEquals(m == Month.MAY || m == Month.NOVEMBER, halfYear, e.id() + " half-year");
                if (tertial) {
                    for (String area : List.of("somatic", "mental", "data_quality")) {
                        assertTrue(e.due().stream().anyMatch(d -> d.frequency() == Frequency.TERTIAL && d.area().equals(area)),
                                e.id() + " carries tertial " + area);
                    }
                }
            }
        }
    }

    @Test
    void yearlyIndicatorsOnlyWithFullYearDataAndJuneMostlyMunicipal() {
        for (List<Calendar.Edition> editions : byYear().values()) {
            for (Calendar.Edition e : editions) {
                boolean yearly = e.due().stream().anyMatch(d -> d.frequency() == Frequency.YEAR);
                if (yearly) assertEquals(1, e.dataEnd().getDayOfYear(), e.id() + ": a yearly indicator needs the whole year");
                Month m = e.published().getMonth();
                if (m == Month.MARCH) {
                    assertTrue(e.due().stream().anyMatch(d -> d.frequency() == Frequency.YEAR && d.area().equals("somatic")), e.id());
                    assertTrue(e.due().stream().anyMatch(d -> d.frequency() == Frequency.YEAR && d.area().equals("mental")), e.id());
                }
                if (m == Month.MAY) {
                    assertTrue(e.due().stream().anyMatch(d -> d.frequency() == Frequency.YEAR && d.area().equals("emergency")), e.id());
                    assertTrue(e.due().stream().anyMatch(d -> d.frequency() == Frequency.YEAR && d.area().equals("medicines")), e.id());
                }
                if (m == Month.JUNE) {
                    assertTrue(e.due().stream().allMatch(d -> d.frequency() == Frequency.YEAR), e.id() + " is yearly only");
                    long municipal = e.due().stream().filter(d -> d.area().equals("municipal")).count();
                    assertTrue(e.due().stream().anyMatch(d -> d.area().equals("municipal")), e.id() + " carries municipal");
                    assertTrue(e.due().stream().noneMatch(d -> List.of("somatic", "mental", "emergency", "medicines")
                            .contains(d.area())), e.id() + " carries no specialist-care, emergency or medicines rows");
                    assertEquals(1, municipal);
                }
            }
        }
    }
}
