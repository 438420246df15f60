package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarTest {
    @TempDir
    Path dir;

    @Test
    void projectCalendarDueIndicators() {
        Calendar cal = ReleaseFixture.calendar();
        Catalogue catalogue = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()));
        Calendar.Edition june = cal.get("2024-3");
        assertEquals(LocalDate.of(2024, 6, 20), june.published());
        List<Indicator> due = june.dueIndicators(catalogue);
        // the June edition: every yearly municipal and dental indicator of the catalogue, nothing else
        long expected = catalogue.all().stream().filter(i -> i.meta().frequency().code().equals("year")
                && (i.meta().area().equals("municipal") || i.meta().area().equals("dental"))).count();
        assertEquals(expected, due.size());
        // 45 yearly municipal (surveys included) + 4 dental (sql/indicators/catalogue.csv)
        assertEquals(49, due.size());
        // every catalogue indicator is due in at least one 2024 edition
        for (Indicator i : catalogue.all()) {
            assertEquals(true, cal.editions().stream().filter(e -> e.id().startsWith("2024-")).anyMatch(e -> e.carries(i)), i.id());
        }
        assertEquals("2024-2", cal.previous("2024-3").orElseThrow().id());
        assertEquals(java.util.Optional.empty(), cal.previous("2024-1"));
    }

    @Test
    void badRowsNameFileRowAndField() throws Exception {
        String header = "edition,published,data_end,frequency,area,basis\n";
        assertEquals(dir.resolve("c.csv") + " row 2, field frequency: unknown frequency 'weekly' (expected tertial, half_year or year)",
                error(header + "2024-1,2024-03-20,2024-01-01,weekly,somatic,found\n"));
        assertEquals(dir.resolve("c.csv") + " row 3, field published: '2024-13-01' is not a yyyy-mm-dd date",
                error(header + "2024-1,2024-03-20,2024-01-01,year,somatic,found\n2024-2,2024-13-01,2024-01-01,year,somatic,found\n"));
        assertEquals(dir.resolve("c.csv") + " row 2, field data_end: 2024-05-01 is after the publication date",
                error(header + "2024-1,2024-03-20,2024-05-01,year,somatic,found\n"));
        assertEquals(dir.resolve("c.csv") + " row 3: edition 2024-1 has other dates in an earlier row",
                error(header + "2024-1,2024-03-20,2024-01-01,year,somatic,found\n2024-1,2024-03-21,2024-01-01,year,mental,found\n"));
        assertEquals("edition 2030-1 is not in the calendar (known: [2024-1])", assertThrows(IllegalArgumentException.class,
                () -> load(header + "2024-1,2024-03-20,2024-01-01,year,somatic,found\n").get("2030-1")).getMessage());
    }

    private Calendar load(String text) throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, text);
        return Calendar.load(f);
    }

    private String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> load(text)).getMessage();
    }
}
