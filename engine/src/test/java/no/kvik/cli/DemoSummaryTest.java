package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's closing summary: every value in one column (the "release 2025-1:" line stood two columns out). */
class DemoSummaryTest {
    @Test
    void everyValueStartsInOneColumn() {
        Path data = Path.of("data");
        List<String> lines = DemoCommand.doneLines(data.resolve("extracts"), data.resolve("store"), data.resolve("results"),
                "2025-1", 2023, "kvik");
        // the summary as the README's demo prints it, written out by hand: values from column 27 (index 26)
        assertEquals(List.of(
                "  extracts and truth.json: data/extracts",
                "  store:                   data/store",
                "  data quality:            data/results/quality",
                "  indicator results:       data/results/indicators",
                "  release 2025-1:          data/results/releases/2025-1/report.html",
                "  OECD delivery 2023:      data/results/oecd",
                "  browse the release:      kvik serve --releases data/results/releases",
                "  then open:               http://127.0.0.1:8080/releases/2025-1/ (statistics views; JSON API under /api)"),
                lines);
    }

    @Test
    void aLongerEditionMovesEveryValueAlike() {
        Path data = Path.of("d");
        List<String> lines = DemoCommand.doneLines(data.resolve("e"), data.resolve("s"), data.resolve("r"),
                "2025-1-special-run", 2023, "kvik");
        // "release 2025-1-special-run:" is the longest label (27 characters): every value after it and one space
        for (String line : lines) {
            int value = line.indexOf(':') + 1;
            while (line.charAt(value) == ' ') value++;
            assertEquals(30, value, line);
        }
        assertEquals("  release 2025-1-special-run: d/r/releases/2025-1-special-run/report.html", lines.get(4));
    }
}
