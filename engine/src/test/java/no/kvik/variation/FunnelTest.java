package no.kvik.variation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelTest {

    private static List<UnitCount> ratioUnits() {
        return List.of(new UnitCount("low", 10, 40), new UnitCount("mid", 40, 40), new UnitCount("high", 70, 40),
                new UnitCount("edge", 57, 40), new UnitCount("none", 0, 0));
    }

    @Test
    void zeroExpectedIsReportedNotComputableAndLeftOutOfEveryStep() {
        FunnelResult r = Funnel.compute(ratioUnits(), FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE));
        assertEquals(List.of(new NotComputable("none", "expected count is 0")), r.notComputable());
        assertEquals(4, r.units().size());
        assertEquals(4, r.unitsInDispersion());
    }

    @Test
    void fiveLevelFlagsFollowLimitsAndDirection() {
        // normal limits for E = 40: 1 ± z·sqrt(1/40); z95 → [0.690, 1.310], z99.8 → [0.511, 1.489]
        FunnelResult r = Funnel.compute(ratioUnits(), FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE).withDirection(Direction.HIGHER_IS_BETTER));
        FunnelUnit low = unit(r, "low");     // 0.25 < 0.511
        FunnelUnit high = unit(r, "high");   // 1.75 > 1.489
        FunnelUnit edge = unit(r, "edge");   // 1.425: between 1.310 and 1.489
        assertEquals(FunnelFlag.LOW_OUTER, low.funnelFlag());
        assertEquals(FunnelFlag.HIGH_OUTER, high.funnelFlag());
        assertEquals(FunnelFlag.HIGH_INNER, edge.funnelFlag());
        assertEquals(FunnelFlag.AS_EXPECTED, unit(r, "mid").funnelFlag());
        assertTrue(low.alarm());      // higher is better: low is the bad side
        assertFalse(high.alarm());
        assertEquals(-0.75 / Math.sqrt(1.0 / 40), low.z(), 1e-12);
    }

    @Test
    void valueOnALimitIsInside() {
        Limits inner = new Limits(0.5, 1.5);
        Limits outer = new Limits(0.2, 2.0);
        assertEquals(FunnelFlag.AS_EXPECTED, FunnelFlag.classify(1.5, inner, outer));
        assertEquals(FunnelFlag.HIGH_INNER, FunnelFlag.classify(2.0, inner, outer));
        assertEquals(FunnelFlag.HIGH_OUTER, FunnelFlag.classify(Math.nextUp(2.0), inner, outer));
        assertEquals(FunnelFlag.LOW_INNER, FunnelFlag.classify(0.2, inner, outer));
    }

    @Test
    void fdrFlagUsesBenjaminiHochbergOnTwoSidedPValues() {
        FunnelResult r = Funnel.compute(ratioUnits(), FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE));
        double[] p = r.units().stream().mapToDouble(FunnelUnit::pValue).toArray();
        double[] q = BenjaminiHochberg.adjust(p);
        for (int i = 0; i < p.length; i++) {
            assertEquals(q[i], r.units().get(i).fdrQ(), 0);
        }
        assertEquals("low", unit(r, "low").fdrFlag());
        assertEquals("high", unit(r, "high").fdrFlag());
        assertEquals("", unit(r, "mid").fdrFlag());
    }

    @Test
    void numeratorAboveDenominatorIsRejectedForProportions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Funnel.compute(
                List.of(new UnitCount("A", 5, 4), new UnitCount("B", 1, 4)),
                FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT, Overdispersion.NONE)));
        assertTrue(e.getMessage().contains("unit A"));
    }

    @Test
    void logScaleWithZeroEventsCannotBeWinsorised() {
        List<UnitCount> units = List.of(new UnitCount("Z", 0, 5), new UnitCount("A", 5, 5),
                new UnitCount("B", 6, 5), new UnitCount("C", 4, 5));
        FunnelOptions o = FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.SHMI, Overdispersion.ADDITIVE)
                .withTrim(Trim.WINSOR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Funnel.compute(units, o));
        assertTrue(e.getMessage().startsWith("units [Z] have an infinite z-score"), e.getMessage());
    }

    @Test
    void userLevelsAreSortedAndUsed() {
        FunnelResult r = Funnel.compute(ratioUnits(), FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE).withLevels(0.99, 0.9));
        assertEquals(0.9, r.levels()[0]);
        double h = FunnelModel.zFor(0.9) * Math.sqrt(1.0 / 40);
        assertEquals(1 - h, unit(r, "mid").limits().get(0).lower(), 1e-15);
    }

    private static FunnelUnit unit(FunnelResult r, String id) {
        return r.units().stream().filter(u -> u.unit().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void singleUnitGetsLimitsButNoOverdispersion() {
        List<UnitCount> one = List.of(new UnitCount("A", 12, 10));
        FunnelResult r = Funnel.compute(one, FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL,
                Overdispersion.NONE));
        assertTrue(Double.isNaN(r.phi()));
        assertEquals(1 + FunnelModel.zFor(0.95) * Math.sqrt(0.1), r.units().get(0).limits().get(0).upper(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Funnel.compute(one,
                FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.NORMAL, Overdispersion.ADDITIVE)));
        assertTrue(e.getMessage().startsWith("too few units"), e.getMessage());
    }

    @Test
    void shmiExpectedBelowHalfACentIsNotComputableLikeZero() {
        // SHMI rounds E to 2 dp: E = 0.004 becomes 0. Kept, its SE 1/sqrt(0) made z = 0 and it moved the ranks
        // and φ; it must leave the analysis before any step, like E = 0 (FunnelPlotR gives NaN, statistics.md §11)
        List<UnitCount> base = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            base.add(new UnitCount("U" + i, 10 + 3 * i, 12 + 2.5 * i));
        }
        List<UnitCount> withTiny = new java.util.ArrayList<>(base);
        withTiny.add(new UnitCount("TINY", 0, 0.004));
        withTiny.add(new UnitCount("HALF", 1, 0.005));   // rounds to 0.01: kept
        FunnelOptions o = FunnelOptions.of(IndicatorKind.RATIO, LimitMethod.SHMI, Overdispersion.ADDITIVE);
        FunnelResult r = Funnel.compute(withTiny, o);
        assertEquals(List.of(new NotComputable("TINY", "expected count rounds to 0.00 (SHMI rounds E to 2 dp)")),
                r.notComputable());
        List<UnitCount> withHalf = new java.util.ArrayList<>(base);
        withHalf.add(new UnitCount("HALF", 1, 0.005));
        assertEquals(Funnel.compute(withHalf, o).phi(), r.phi(), 0);
        assertEquals(21, r.units().size());
    }

    @Test
    void phsTrimReplacesOnlyTheSingleMostExtremeZAtEachEnd() {
        // hand: z = {−3, −1, 0, 2, 5} → {−1, −1, 0, 2, 2}; ties keep one of the pair
        assertArrayEquals(new double[] {-1, -1, 0, 2, 2}, Dispersion.replaceExtremes(new double[] {-3, -1, 0, 2, 5}));
        assertArrayEquals(new double[] {4, 4, 1, 1}, Dispersion.replaceExtremes(new double[] {4, 4, 1, 1}));
        assertArrayEquals(new double[] {1, 2}, Dispersion.replaceExtremes(new double[] {1, 2}));
    }
}
