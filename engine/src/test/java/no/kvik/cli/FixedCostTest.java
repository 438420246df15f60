package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #17: how kvik bench reads a child run's timing line and splits its wall time (figures worked by hand). */
class FixedCostTest {
    private static final List<String> STDERR = List.of("some warning",
            "kvik-timings: jvm=88 command_line=382 catalogue=1091 store_open=1 indicators=635 write=404 main=2539");

    @Test
    void theFixedCostIsTheWallTimeLessTheIndicatorsOwn() {
        Map<String, Double> phases = FixedCost.phases(STDERR);
        assertEquals(List.of("jvm", "command_line", "catalogue", "store_open", "indicators", "write", "main"),
                List.copyOf(phases.keySet()));
        FixedCost.Sample s = new FixedCost.Sample(2700, phases);
        assertEquals(635, s.indicatorMs());
        assertEquals(2065, s.fixedMs()); // 2700 - 635
        // process exit = wall - jvm - main = 2700 - 88 - 2539 = 73
        assertEquals("jvm 88, command_line 382, catalogue 1091, store_open 1, write 404, process exit 73",
                FixedCost.split(s));
    }

    @Test
    void theMedianRunIsTheOneOfMedianFixedCost() {
        Map<String, Double> phases = Map.of("indicators", 500.0);
        FixedCost.Sample a = new FixedCost.Sample(3000, phases);
        FixedCost.Sample b = new FixedCost.Sample(1800, phases);
        FixedCost.Sample c = new FixedCost.Sample(2200, phases);
        assertEquals(c, FixedCost.median(List.of(a, b, c)));
        assertEquals(2200, FixedCost.medianWall(List.of(a, b, c)));
    }

    @Test
    void aRunWithoutTimingsIsAnError() {
        assertThrows(IllegalStateException.class, () -> FixedCost.phases(List.of("no timings here")));
    }
}
