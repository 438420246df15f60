package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.kvik.variation.Direction;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.TrendPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A kept disclosure verdict is reused for the same inputs only: a key equal in every component reuses it, a key
 * that differs in any one component is checked anew. (SmallUnitTrendTest#aVerdictIsNotReusedForOtherPValuesOrLevel
 * checks the same through Analysis.)
 */
class DisclosureVerdictsTest {
    private static final List<TrendPoint> POINTS = List.of(new TrendPoint(0, 6, 12), new TrendPoint(1, 6, 12),
            new TrendPoint(2, 1, 12));
    private static final List<TrendDisclosure.HiddenCell> HIDDEN = List.of(new TrendDisclosure.HiddenCell(2, 1, 4));
    private static final List<TrendDisclosure.WindowTotal> WINDOWS = List.of(new TrendDisclosure.WindowTotal(List.of(1, 2), 7));

    @AfterEach
    void forget() {
        DisclosureVerdicts.clear();
    }

    private static DisclosureVerdicts.Key key(List<TrendPoint> points, List<TrendDisclosure.HiddenCell> hidden,
                                              List<TrendDisclosure.WindowTotal> windows, IndicatorKind kind,
                                              Direction direction, int lastPeriods, double alpha, List<Double> others) {
        return new DisclosureVerdicts.Key(points, hidden, windows, kind, direction, lastPeriods, alpha, others);
    }

    @Test
    void sameInputsReuseTheVerdictAndAnyChangedInputIsCheckedAgain() {
        DisclosureVerdicts.Key base = key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER,
                3, 0.05, List.of(1e-6, 0.5));
        AtomicInteger checks = new AtomicInteger();
        TrendDisclosure.Verdict first = DisclosureVerdicts.of(base, () -> {
            checks.incrementAndGet();
            return new TrendDisclosure.Verdict(false, false);
        });
        // an equal key built from copies of the same values: reused, not checked
        DisclosureVerdicts.Key same = key(List.copyOf(POINTS), List.of(new TrendDisclosure.HiddenCell(2, 1, 4)),
                List.of(new TrendDisclosure.WindowTotal(List.of(1, 2), 7)), IndicatorKind.PROPORTION,
                Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5));
        assertSame(first, DisclosureVerdicts.of(same, () -> {
            checks.incrementAndGet();
            return new TrendDisclosure.Verdict(true, true);
        }));
        assertEquals(1, checks.get());
        List<DisclosureVerdicts.Key> changed = List.of(
                key(List.of(POINTS.get(0), POINTS.get(1), new TrendPoint(2, 1, 13)), HIDDEN, WINDOWS,
                        IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5)),
                key(List.of(POINTS.get(0), new TrendPoint(1, 5, 12), POINTS.get(2)), HIDDEN, WINDOWS,
                        IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5)),
                key(POINTS, List.of(new TrendDisclosure.HiddenCell(2, 0, 4)), WINDOWS, IndicatorKind.PROPORTION,
                        Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, List.of(new TrendDisclosure.WindowTotal(List.of(1, 2), 8)), IndicatorKind.PROPORTION,
                        Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, List.of(), IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05,
                        List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.RATE, Direction.HIGHER_IS_BETTER, 3, 0.05, List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.LOWER_IS_BETTER, 3, 0.05,
                        List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 4, 0.05,
                        List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.1,
                        List.of(1e-6, 0.5)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05,
                        List.of(1e-6, 0.6)),
                key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05,
                        List.of(1e-6)));
        for (DisclosureVerdicts.Key k : changed) {
            int before = checks.get();
            TrendDisclosure.Verdict v = DisclosureVerdicts.of(k, () -> {
                checks.incrementAndGet();
                return new TrendDisclosure.Verdict(true, true);
            });
            assertEquals(before + 1, checks.get(), "not checked again for " + k);
            assertEquals(new TrendDisclosure.Verdict(true, true), v);
        }
    }

    @Test
    void theLeastRecentlyUsedVerdictIsDroppedBeyondTheBound() {
        AtomicInteger checks = new AtomicInteger();
        for (int i = 0; i <= DisclosureVerdicts.KEPT; i++) {
            DisclosureVerdicts.of(key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.NONE, 3, 0.05,
                    List.of((double) i)), () -> {
                        checks.incrementAndGet();
                        return new TrendDisclosure.Verdict(false, true);
                    });
        }
        assertEquals(DisclosureVerdicts.KEPT + 1, checks.get());
        // the first key was the least recently used: dropped, so checked again; the last one is kept
        DisclosureVerdicts.of(key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.NONE, 3, 0.05,
                List.of((double) DisclosureVerdicts.KEPT)), () -> {
                    checks.incrementAndGet();
                    return new TrendDisclosure.Verdict(false, true);
                });
        assertEquals(DisclosureVerdicts.KEPT + 1, checks.get());
        DisclosureVerdicts.of(key(POINTS, HIDDEN, WINDOWS, IndicatorKind.PROPORTION, Direction.NONE, 3, 0.05,
                List.of(0.0)), () -> {
                    checks.incrementAndGet();
                    return new TrendDisclosure.Verdict(false, true);
                });
        assertEquals(DisclosureVerdicts.KEPT + 2, checks.get());
    }
}
