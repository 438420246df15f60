package no.kvik.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import no.kvik.variation.TrendPoint;

/**
 * Whether the trend flag of a unit with hidden (pooled or suppressed) periods can be published without letting a
 * hidden event count be solved. A reader knows the published counts, the range each hidden count can have
 * (0 to the cases, or the primary-suppression band), the published windows' totals and, at worst, every
 * denominator. Each flag outcome ("deteriorating", "improving", "", …) cuts that set of possible counts; the flag
 * may be published only when no outcome leaves a hidden count with a single possible value that the published
 * figures alone leave open. The rule looks at every outcome, not only the one observed, so withholding the flag
 * says nothing either (the decision uses only what a reader knows). A hidden count that the published figures
 * already fix (a pooled year, from its window minus the published years) is not protected by hiding it.
 * Parent = sum of children is not used: small-cell protection already keeps hidden cells unsolvable from it.
 */
final class TrendDisclosure {
    /** More possible count vectors than this are not checked: the flag is then withheld. */
    static final long MAX_CONFIGURATIONS = 100_000;

    private TrendDisclosure() {
    }

    /** A hidden point of the series (index into the points) and the event counts the published figures allow. */
    record HiddenCell(int index, long low, long high) {
        HiddenCell {
            if (low > high) throw new IllegalArgumentException("hidden cell " + index + ": empty range " + low + ".." + high);
        }
    }

    /** A published window whose events are the sum of these points' events. */
    record WindowTotal(List<Integer> indices, long total) {
        WindowTotal {
            indices = List.copyOf(indices);
        }
    }

    /**
     * @param determined  every hidden count is fixed by the published figures alone: slope and p reveal nothing
     * @param publishable no flag outcome fixes a hidden count the published figures leave open
     */
    record Verdict(boolean determined, boolean publishable) {
    }

    /**
     * @param points  the series with the true counts (published points are taken as they are)
     * @param flagOf  the trend flag of a series (the test as the analysis runs it)
     */
    static Verdict check(List<TrendPoint> points, List<HiddenCell> hidden, List<WindowTotal> windows,
                               Function<List<TrendPoint>, String> flagOf) {
        if (hidden.isEmpty()) return new Verdict(true, true);
        long size = 1;
        for (HiddenCell c : hidden) {
            size = Math.multiplyExact(size, Math.min(c.high() - c.low() + 1, MAX_CONFIGURATIONS + 1));
            if (size > MAX_CONFIGURATIONS) return new Verdict(false, false);
        }
        Map<String, List<Set<Long>>> valuesByOutcome = new HashMap<>();
        long[] counts = new long[hidden.size()];
        enumerate(points, hidden, windows, flagOf, 0, counts, valuesByOutcome);
        // a cell is open when the published figures allow it two values, whatever the flag
        boolean[] open = new boolean[hidden.size()];
        boolean determined = true;
        for (int i = 0; i < hidden.size(); i++) {
            Set<Long> all = new HashSet<>();
            for (List<Set<Long>> cells : valuesByOutcome.values()) all.addAll(cells.get(i));
            open[i] = all.size() > 1;
            determined &= !open[i];
        }
        for (List<Set<Long>> cells : valuesByOutcome.values()) {
            for (int i = 0; i < hidden.size(); i++) if (open[i] && cells.get(i).size() < 2) return new Verdict(determined, false);
        }
        return new Verdict(determined, true);
    }

    private static void enumerate(List<TrendPoint> points, List<HiddenCell> hidden, List<WindowTotal> windows,
                                  Function<List<TrendPoint>, String> flagOf, int depth, long[] counts,
                                  Map<String, List<Set<Long>>> valuesByOutcome) {
        if (depth == hidden.size()) {
            List<TrendPoint> candidate = new ArrayList<>(points);
            for (int i = 0; i < hidden.size(); i++) {
                TrendPoint t = points.get(hidden.get(i).index());
                candidate.set(hidden.get(i).index(), new TrendPoint(t.period(), counts[i], t.denominator()));
            }
            for (WindowTotal w : windows) {
                double sum = 0;
                for (int i : w.indices()) sum += candidate.get(i).numerator();
                if (Math.abs(sum - w.total()) > 1e-9) return;
            }
            List<Set<Long>> cells = valuesByOutcome.computeIfAbsent(flagOf.apply(candidate), f -> {
                List<Set<Long>> l = new ArrayList<>();
                for (int i = 0; i < hidden.size(); i++) l.add(new HashSet<>());
                return l;
            });
            // two values are enough to show a cell is not pinned
            for (int i = 0; i < hidden.size(); i++) if (cells.get(i).size() < 2) cells.get(i).add(counts[i]);
            return;
        }
        HiddenCell c = hidden.get(depth);
        for (long v = c.low(); v <= c.high(); v++) {
            counts[depth] = v;
            enumerate(points, hidden, windows, flagOf, depth + 1, counts, valuesByOutcome);
        }
    }
}
