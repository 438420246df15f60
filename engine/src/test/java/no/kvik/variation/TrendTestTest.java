package no.kvik.variation;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;

/** Trend tests against R glm(binomial) and glm(poisson, offset log E) (fixtures/stats/risk_reference.R). */
class TrendTestTest {

    @Test
    void slopesStandardErrorsAndPValuesMatchRGlm() {
        List<Map<String, String>> series = Fixtures.csv("trend_series.csv");
        for (Map<String, String> e : Fixtures.csv("trend_expected.csv")) {
            IndicatorKind kind = IndicatorKind.valueOf(e.get("kind").toUpperCase());
            List<TrendPoint> pts = series.stream().filter(r -> r.get("unit").equals(e.get("unit")))
                    .map(r -> new TrendPoint(num(r.get("period")), num(r.get("O")),
                            num(r.get(kind == IndicatorKind.PROPORTION ? "n" : "E")))).toList();
            TrendResult t = TrendTest.test(e.get("unit"), pts, kind, Direction.LOWER_IS_BETTER, 6, 0.05);
            String w = e.get("unit") + " " + kind;
            assertClose(num(e.get("slope")), t.slope(), 1e-8, w + " slope");
            assertClose(num(e.get("se")), t.standardError(), 1e-8, w + " se");
            assertClose(num(e.get("z")), t.z(), 1e-8, w + " z");
            assertEquals(num(e.get("p")), t.p(), 1e-8 * num(e.get("p")), w + " p");
            assertEquals(Math.exp(t.slope()), t.changePerPeriod(), 1e-15);
            String expectedFlag = num(e.get("p")) < 0.05 ? (t.slope() > 0 ? "deteriorating" : "improving") : "";
            assertEquals(expectedFlag, t.trendFlag(), w + " flag");
        }
    }

    @Test
    void directionDecidesWhatDeterioratesAndShortSeriesAreRefused() {
        // rate doubles each period: clearly significant increase
        List<TrendPoint> pts = List.of(new TrendPoint(1, 10, 100), new TrendPoint(2, 20, 100),
                new TrendPoint(3, 40, 100), new TrendPoint(4, 80, 100), new TrendPoint(5, 0, 0));
        assertEquals("improving", TrendTest.test("A", pts, IndicatorKind.RATE, Direction.HIGHER_IS_BETTER, 10, 0.05)
                .trendFlag());
        assertEquals("deteriorating", TrendTest.test("A", pts, IndicatorKind.RATE, Direction.LOWER_IS_BETTER, 10,
                0.05).trendFlag());
        assertEquals(2, TrendTest.test("A", pts, IndicatorKind.RATE, Direction.NONE, 10, 0.05).changePerPeriod(),
                1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> TrendTest.test("A", pts, IndicatorKind.RATE, Direction.NONE, 2, 0.05));
    }

    @Test
    void unitWithoutEventsGetsANoteInsteadOfAnError() {
        List<TrendPoint> pts = List.of(new TrendPoint(1, 0, 50), new TrendPoint(2, 0, 60), new TrendPoint(3, 0, 40));
        TrendResult t = TrendTest.test("Z", pts, IndicatorKind.PROPORTION, Direction.LOWER_IS_BETTER, 5, 0.05);
        assertEquals("", t.trendFlag());
        assertEquals("no events in the periods tested", t.note());
        assertEquals(Double.NaN, t.p());
        // events only in the last period: separation in time, reported by the GLM, not thrown
        List<TrendPoint> late = List.of(new TrendPoint(1, 0, 50), new TrendPoint(2, 0, 60), new TrendPoint(3, 40, 40));
        TrendResult s = TrendTest.test("S", late, IndicatorKind.PROPORTION, Direction.LOWER_IS_BETTER, 5, 0.05);
        assertEquals("", s.trendFlag());
        org.junit.jupiter.api.Assertions.assertTrue(s.note().startsWith("separation") || s.note().startsWith("IRLS"),
                s.note());
    }
}
