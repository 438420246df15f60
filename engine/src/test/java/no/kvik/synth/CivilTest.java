package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The allocation-free calendar code agrees with java.time on every day from 1890 to 2110. */
class CivilTest {

    @Test
    void epochDaysYearsAgesAndTertialsAgreeWithJavaTime() {
        LocalDate birth = LocalDate.of(1944, 2, 29);
        for (long d = LocalDate.of(1890, 1, 1).toEpochDay(); d <= LocalDate.of(2110, 12, 31).toEpochDay(); d++) {
            LocalDate x = LocalDate.ofEpochDay(d);
            int ymd = Civil.ymd((int) d);
            assertEquals(x.getYear() * 10000 + x.getMonthValue() * 100 + x.getDayOfMonth(), ymd);
            assertEquals(d, Civil.epochDay(x.getYear(), x.getMonthValue(), x.getDayOfMonth()));
            assertEquals((x.getMonthValue() - 1) / 4 + 1, Civil.tertial((int) d));
            if (!x.isBefore(birth)) {
                assertEquals(ChronoUnit.YEARS.between(birth, x), Civil.age((int) birth.toEpochDay(), (int) d), x.toString());
            }
        }
        assertEquals(366, Civil.daysInYear(2024));
        assertEquals(365, Civil.daysInYear(2100));
    }

    @Test
    void patternRendersTheContractFormats() {
        LocalDateTime t = LocalDateTime.of(2021, 3, 7, 9, 5, 4);
        long s = t.toEpochSecond(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder();
        new Pattern("%Y-%m-%d %H:%M:%S").render(sb, s);
        assertEquals(t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), sb.toString());
        sb.setLength(0);
        new Pattern("%d.%m.%Y %H:%M").render(sb, s);
        assertEquals("07.03.2021 09:05", sb.toString());
    }
}
