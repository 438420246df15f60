package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import no.kvik.risk.IndirectResult;
import org.junit.jupiter.api.Test;

class UnitResultTest {

    @Test
    void collectsTheSchemaColumnsAndLeavesAbsentOnesNull() {
        FunnelResult f = Funnel.compute(List.of(new UnitCount("A", 30, 10), new UnitCount("B", 10, 10),
                new UnitCount("C", 9, 10)), FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE));
        IndirectResult ind = new IndirectResult("A", 30, 200, 10, 3, 2.02, 4.28, 0.45, 0.3, 0.64);
        UnitResult r = UnitResult.of("A", 30, 200, 0.15).withAdjustment(ind).withFunnel(f.units().get(0));
        assertEquals(10.0, r.expected());
        assertEquals(3.0, r.oE());
        assertEquals(0.45, r.adjustedValue());
        assertEquals(20 / Math.sqrt(10), r.z(), 1e-12);   // (3 − 1)/sqrt(1/10)
        assertEquals("high_outer", r.funnelFlag());
        assertNull(r.trendFlag());
        assertNull(r.ciLow());
        assertNull(UnitResult.of("B", 10, 10, 1).withFunnel(f.units().get(1)).fdrFlag());
    }
}
