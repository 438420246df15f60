package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench-release names an edition's slowest indicators, slowest first, each beside its floor when one was measured. */
class BenchReleaseSlowestTest {

    @Test
    void theSlowestComeFirstWithTheirFloorAndRatio() {
        List<String> lines = BenchReleaseCommand.slowestIndicators(Map.of("a", 1.0, "b", 3.0, "c", 2.0, "d", 2.0),
                Map.of("b", 1.5, "a", 0.5), 3);
        // b: 3.00 / 1.50 = 2.00; c and d tie at 2.00 s and come in id order; a (the fastest) is past the limit
        assertEquals(List.of(
                String.format("  %-45s engine   3.00 s, floor   1.50 s, 2.00×", "b"),
                String.format("  %-45s engine   2.00 s", "c"),
                String.format("  %-45s engine   2.00 s", "d")), lines);
    }

    @Test
    void aLimitOfZeroListsEveryIndicator() {
        List<String> lines = BenchReleaseCommand.slowestIndicators(Map.of("a", 1.0, "b", 3.0, "c", 2.0), Map.of(), 0);
        assertEquals(List.of(
                String.format("  %-45s engine   3.00 s", "b"),
                String.format("  %-45s engine   2.00 s", "c"),
                String.format("  %-45s engine   1.00 s", "a")), lines);
    }
}
