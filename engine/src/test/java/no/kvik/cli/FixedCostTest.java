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
    void eachPhaseIsItsOwnMedianAndTheCpuTimeIsNotAPhase() {
        FixedCost.Sample a = new FixedCost.Sample(3000, FixedCost.phases(List.of(
                "kvik-timings: jvm=100 catalogue=50 indicators=400 main=2800 cpu=2500")));
        FixedCost.Sample b = new FixedCost.Sample(2000, FixedCost.phases(List.of(
                "kvik-timings: jvm=80 catalogue=70 store_reference_csv=30 indicators=600 main=1850 cpu=1900")));
        FixedCost.Sample c = new FixedCost.Sample(2500, FixedCost.phases(List.of(
                "kvik-timings: jvm=90 catalogue=60 indicators=500 main=2300 cpu=2100")));
        FixedCost.Sample m = FixedCost.medians(List.of(a, b, c));
        assertEquals(2500, m.wallMs());
        assertEquals(90, m.phases().get("jvm"));
        assertEquals(60, m.phases().get("catalogue"));
        // printed by one run only: 0, 0, 30
        assertEquals(0, m.phases().get("store_reference_csv"));
        assertEquals(500, m.indicatorMs());
        assertEquals(2100, m.cpuMs());
        // process exit = 2500 - 90 - 2300 = 110; cpu is printed apart
        assertEquals("jvm 90, catalogue 60, store_reference_csv 0, process exit 110", FixedCost.split(m));
        // an even count: the mean of the middle two
        assertEquals(2250, FixedCost.medians(List.of(b, c)).wallMs());
    }

    @Test
    void aRunWithoutTimingsIsAnError() {
        assertThrows(IllegalStateException.class, () -> FixedCost.phases(List.of("no timings here")));
    }
}
