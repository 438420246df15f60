package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import no.kvik.variation.Direction;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.TrendPoint;
import no.kvik.variation.TrendTest;
import org.junit.jupiter.api.Test;

/**
 * {@link TrendDisclosure#check} against its text at 27e9a39 (frozen below as {@link #checkAt27e9a39}: every count
 * vector's flag, then the verdict), on seeded series built to reach each verdict: one to three hidden cells, ranges
 * from a single value to the whole denominator, windows that fix a cell or leave two open, proportions and rates,
 * each direction. The verdicts must be equal; the counts of the trend tests show the rewrite stops early.
 */
class TrendDisclosureTest {

    /** TrendDisclosure.check as it stood on main at 27e9a39, unchanged but for its name (the oracle). */
    static TrendDisclosure.Verdict checkAt27e9a39(List<TrendPoint> points, List<TrendDisclosure.HiddenCell> hidden,
                                                  List<TrendDisclosure.WindowTotal> windows,
                                                  Function<List<TrendPoint>, String> flagOf) {
        if (hidden.isEmpty()) return new TrendDisclosure.Verdict(true, true);
        long size = 1;
        for (TrendDisclosure.HiddenCell c : hidden) {
            size = Math.multiplyExact(size, Math.min(c.high() - c.low() + 1, TrendDisclosure.MAX_CONFIGURATIONS + 1));
            if (size > TrendDisclosure.MAX_CONFIGURATIONS) return new TrendDisclosure.Verdict(false, false);
        }
        Map<String, List<Set<Long>>> valuesByOutcome = new HashMap<>();
        long[] counts = new long[hidden.size()];
        enumerateAt27e9a39(points, hidden, windows, flagOf, 0, counts, valuesByOutcome);
        boolean[] open = new boolean[hidden.size()];
        boolean determined = true;
        for (int i = 0; i < hidden.size(); i++) {
            Set<Long> all = new HashSet<>();
            for (List<Set<Long>> cells : valuesByOutcome.values()) all.addAll(cells.get(i));
            open[i] = all.size() > 1;
            determined &= !open[i];
        }
        for (List<Set<Long>> cells : valuesByOutcome.values()) {
            for (int i = 0; i < hidden.size(); i++) {
                if (open[i] && cells.get(i).size() < 2) return new TrendDisclosure.Verdict(determined, false);
            }
        }
        return new TrendDisclosure.Verdict(determined, true);
    }

    private static void enumerateAt27e9a39(List<TrendPoint> points, List<TrendDisclosure.HiddenCell> hidden,
                                           List<TrendDisclosure.WindowTotal> windows,
                                           Function<List<TrendPoint>, String> flagOf, int depth, long[] counts,
                                           Map<String, List<Set<Long>>> valuesByOutcome) {
        if (depth == hidden.size()) {
            List<TrendPoint> candidate = new ArrayList<>(points);
            for (int i = 0; i < hidden.size(); i++) {
                TrendPoint t = points.get(hidden.get(i).index());
                candidate.set(hidden.get(i).index(), new TrendPoint(t.period(), counts[i], t.denominator()));
            }
            for (TrendDisclosure.WindowTotal w : windows) {
                double sum = 0;
                for (int i : w.indices()) sum += candidate.get(i).numerator();
                if (Math.abs(sum - w.total()) > 1e-9) return;
            }
            List<Set<Long>> cells = valuesByOutcome.computeIfAbsent(flagOf.apply(candidate), f -> {
                List<Set<Long>> l = new ArrayList<>();
                for (int i = 0; i < hidden.size(); i++) l.add(new HashSet<>());
                return l;
            });
            for (int i = 0; i < hidden.size(); i++) if (cells.get(i).size() < 2) cells.get(i).add(counts[i]);
            return;
        }
        TrendDisclosure.HiddenCell c = hidden.get(depth);
        for (long v = c.low(); v <= c.high(); v++) {
            counts[depth] = v;
            enumerateAt27e9a39(points, hidden, windows, flagOf, depth + 1, counts, valuesByOutcome);
        }
    }

    /** The flag as the analysis asks it (Analysis.TrendSeries#disclosure without the other units' p-values). */
    private static Function<List<TrendPoint>, String> flagOf(IndicatorKind kind, Direction direction, int periods,
                                                             double alpha, AtomicLong tests) {
        return s -> {
            tests.incrementAndGet();
            return TrendTest.test("u", s, kind, direction, periods, alpha).trendFlag();
        };
    }

    @Test
    void verdictsAreThoseOfTheFullEnumerationOnSeededSeries() {
        Random random = new Random(20261207);
        Map<TrendDisclosure.Verdict, Integer> seen = new HashMap<>();
        long testsBefore = 0;
        long testsNow = 0;
        for (int round = 0; round < 1500; round++) {
            IndicatorKind kind = random.nextBoolean() ? IndicatorKind.PROPORTION : IndicatorKind.RATE;
            Direction direction = Direction.values()[random.nextInt(Direction.values().length)];
            int n = 3 + random.nextInt(4);
            // a clear trend in a third of the series, so every outcome (and the early stop) comes up
            double drift = random.nextInt(3) == 0 ? (random.nextBoolean() ? 0.5 : -0.5) : 0;
            List<TrendPoint> points = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                long cases = 1 + random.nextInt(random.nextBoolean() ? 12 : 60);
                double rate = Math.min(0.95, Math.max(0.02, 0.3 * Math.exp(drift * (t - n / 2.0))));
                long events = 0;
                for (long c = 0; c < cases; c++) if (random.nextDouble() < rate) events++;
                points.add(new TrendPoint(t, events, cases));
            }
            // zero to three hidden cells (distinct points), ranges within 0..cases, some of a single value
            List<Integer> order = new ArrayList<>();
            for (int t = 0; t < n; t++) order.add(t);
            java.util.Collections.shuffle(order, random);
            int k = random.nextInt(4);
            List<TrendDisclosure.HiddenCell> hidden = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                int index = order.get(i);
                long cases = Math.round(points.get(index).denominator());
                long low = random.nextInt(3) == 0 ? Math.min(cases, 1 + random.nextInt(3)) : 0;
                long high = random.nextInt(4) == 0 ? low : random.nextInt(3) == 0 ? Math.min(cases, low + 3) : cases;
                if (kind == IndicatorKind.RATE) high = Math.max(low, Math.min(high, 40));
                hidden.add(new TrendDisclosure.HiddenCell(index, low, high));
            }
            // a published window over a hidden cell and a published neighbour (its total fixes the cell), or over
            // two hidden cells (the pair open), or none
            List<TrendDisclosure.WindowTotal> windows = new ArrayList<>();
            if (k >= 1 && random.nextInt(3) == 0) {
                List<Integer> indices = k >= 2 && random.nextBoolean() ? List.of(order.get(0), order.get(1))
                        : List.of(order.get(0), order.get(k < n ? k : 0));
                double total = 0;
                for (int i : new HashSet<>(indices)) total += points.get(i).numerator();
                windows.add(new TrendDisclosure.WindowTotal(indices, Math.round(total)));
            }
            double alpha = random.nextBoolean() ? 0.05 : 0.2;
            AtomicLong before = new AtomicLong();
            AtomicLong now = new AtomicLong();
            TrendDisclosure.Verdict expected = checkAt27e9a39(points, hidden, windows,
                    flagOf(kind, direction, n, alpha, before));
            TrendDisclosure.Verdict actual = TrendDisclosure.check(points, hidden, windows, TrendTest.flags(direction),
                    flagOf(kind, direction, n, alpha, now));
            assertEquals(expected, actual, "round " + round + ": " + kind + " " + direction + " " + points + " hidden "
                    + hidden + " windows " + windows);
            assertTrue(now.get() <= before.get(), "round " + round + ": more tests than the full enumeration");
            seen.merge(actual, 1, Integer::sum);
            testsBefore += before.get();
            testsNow += now.get();
        }
        // every verdict came up, so the comparison covered each way out of the check
        assertTrue(seen.getOrDefault(new TrendDisclosure.Verdict(true, true), 0) > 50, seen.toString());
        assertTrue(seen.getOrDefault(new TrendDisclosure.Verdict(false, true), 0) > 50, seen.toString());
        assertTrue(seen.getOrDefault(new TrendDisclosure.Verdict(false, false), 0) > 50, seen.toString());
        assertTrue(testsNow < testsBefore / 2, "trend tests " + testsNow + " against " + testsBefore);
        System.out.println("TrendDisclosureTest: verdicts " + seen + ", trend tests " + testsNow + " against "
                + testsBefore + " by the full enumeration");
    }

    @Test
    void aCountFixedByAWindowNeedsNoTrendTest() {
        // the hidden first year is the window's total less the published second year: determined, nothing tested
        List<TrendPoint> points = List.of(new TrendPoint(0, 3, 20), new TrendPoint(1, 5, 20), new TrendPoint(2, 9, 20));
        List<TrendDisclosure.HiddenCell> hidden = List.of(new TrendDisclosure.HiddenCell(0, 0, 20));
        List<TrendDisclosure.WindowTotal> windows = List.of(new TrendDisclosure.WindowTotal(List.of(0, 1), 8));
        AtomicLong tests = new AtomicLong();
        assertEquals(new TrendDisclosure.Verdict(true, true), TrendDisclosure.check(points, hidden, windows,
                TrendTest.flags(Direction.LOWER_IS_BETTER), flagOf(IndicatorKind.PROPORTION, Direction.LOWER_IS_BETTER,
                        3, 0.05, tests)));
        assertEquals(0, tests.get());
    }

    @Test
    void onceEveryOutcomeLeavesTwoValuesToEachCellTheRestIsNotTested() {
        // a hidden latest year of 40 cases after two years at 20/40: low counts give one flag, high counts the
        // other, the middle none; from both ends inwards the three outcomes are each seen twice before the whole range
        List<TrendPoint> points = List.of(new TrendPoint(0, 20, 40), new TrendPoint(1, 20, 40), new TrendPoint(2, 20, 40));
        List<TrendDisclosure.HiddenCell> hidden = List.of(new TrendDisclosure.HiddenCell(2, 0, 40));
        AtomicLong before = new AtomicLong();
        AtomicLong now = new AtomicLong();
        TrendDisclosure.Verdict expected = checkAt27e9a39(points, hidden, List.of(),
                flagOf(IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05, before));
        TrendDisclosure.Verdict actual = TrendDisclosure.check(points, hidden, List.of(),
                TrendTest.flags(Direction.HIGHER_IS_BETTER),
                flagOf(IndicatorKind.PROPORTION, Direction.HIGHER_IS_BETTER, 3, 0.05, now));
        assertEquals(new TrendDisclosure.Verdict(false, true), expected);
        assertEquals(expected, actual);
        assertEquals(41, before.get());
        assertTrue(now.get() < 41, "tests: " + now.get());
        System.out.println("TrendDisclosureTest: one open cell of 41 values, " + now.get() + " trend tests");
    }

    @Test
    void aFlagOutsideTheStatedOutcomesIsAnError() {
        List<TrendPoint> points = List.of(new TrendPoint(0, 2, 10), new TrendPoint(1, 3, 10), new TrendPoint(2, 4, 10));
        List<TrendDisclosure.HiddenCell> hidden = List.of(new TrendDisclosure.HiddenCell(1, 0, 10));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrendDisclosure.check(points, hidden,
                List.of(), TrendTest.flags(Direction.NONE), s -> "deteriorating"));
        assertTrue(e.getMessage().contains("deteriorating"), e.getMessage());
    }
}
