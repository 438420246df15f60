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
     * @param points   the series with the true counts (published points are taken as they are)
     * @param outcomes every value {@code flagOf} can return (a flag outside them is an error)
     * @param flagOf   the trend flag of a series (the test as the analysis runs it)
     */
    static Verdict check(List<TrendPoint> points, List<HiddenCell> hidden, List<WindowTotal> windows,
                         Set<String> outcomes, Function<List<TrendPoint>, String> flagOf) {
        if (hidden.isEmpty()) return new Verdict(true, true);
        long size = 1;
        for (HiddenCell c : hidden) {
            size = Math.multiplyExact(size, Math.min(c.high() - c.low() + 1, MAX_CONFIGURATIONS + 1));
            if (size > MAX_CONFIGURATIONS) return new Verdict(false, false);
        }
        int k = hidden.size();
        // first the count vectors the published figures allow (the windows' totals), without any trend test: a
        // cell is open when they give it two values, whatever the flag (each allowed vector has some flag)
        List<long[]> allowed = new ArrayList<>();
        enumerate(points, hidden, windows, 0, new long[k], allowed);
        boolean[] open = new boolean[k];
        boolean anyOpen = false;
        for (int i = 0; i < k; i++) {
            long first = allowed.isEmpty() ? 0 : allowed.get(0)[i];
            for (long[] v : allowed) {
                if (v[i] != first) {
                    open[i] = true;
                    break;
                }
            }
            anyOpen |= open[i];
        }
        // every hidden count fixed by the published figures: no flag can reveal more (no test needed)
        if (!anyOpen) return new Verdict(true, true);
        // an outcome is safe once each open cell took two values under it; values beyond two change nothing, so the
        // order of the vectors does not matter, and once every possible outcome is seen and safe no vector can
        // make one unsafe (issue #17: the test is run for the vectors up to there only)
        Map<String, List<Set<Long>>> valuesByOutcome = new HashMap<>();
        Map<String, Integer> pinnedCellsByOutcome = new HashMap<>();
        int safeOutcomes = 0;
        for (long[] counts : trendOrder(points, hidden, allowed)) {
            List<TrendPoint> candidate = new ArrayList<>(points);
            for (int i = 0; i < k; i++) {
                TrendPoint t = points.get(hidden.get(i).index());
                candidate.set(hidden.get(i).index(), new TrendPoint(t.period(), counts[i], t.denominator()));
            }
            String outcome = flagOf.apply(candidate);
            if (!outcomes.contains(outcome)) {
                throw new IllegalStateException("trend flag '" + outcome + "' is not one of the outcomes " + outcomes);
            }
            List<Set<Long>> cells = valuesByOutcome.get(outcome);
            if (cells == null) {
                cells = new ArrayList<>();
                int openCells = 0;
                for (int i = 0; i < k; i++) {
                    cells.add(new HashSet<>());
                    if (open[i]) openCells++;
                }
                valuesByOutcome.put(outcome, cells);
                pinnedCellsByOutcome.put(outcome, openCells);
            }
            int pinned = pinnedCellsByOutcome.get(outcome);
            if (pinned == 0) continue;
            // two values are enough to show a cell is not pinned
            for (int i = 0; i < k; i++) {
                if (open[i] && cells.get(i).size() < 2 && cells.get(i).add(counts[i]) && cells.get(i).size() == 2) pinned--;
            }
            pinnedCellsByOutcome.put(outcome, pinned);
            if (pinned == 0 && ++safeOutcomes == outcomes.size()) return new Verdict(false, true);
        }
        for (int pinned : pinnedCellsByOutcome.values()) if (pinned > 0) return new Verdict(false, false);
        return new Verdict(false, true);
    }

    /**
     * The vectors in the order most likely to show every outcome early: ranked by how steeply their hidden shares
     * rise with time, taken in turn from the steepest fall, the steepest rise and the middle outwards (either
     * flag, and no flag). Only the order: every vector comes once.
     */
    private static List<long[]> trendOrder(List<TrendPoint> points, List<HiddenCell> hidden, List<long[]> allowed) {
        int n = allowed.size();
        double meanPeriod = 0;
        for (HiddenCell c : hidden) meanPeriod += points.get(c.index()).period();
        meanPeriod /= hidden.size();
        double[] score = new double[n];
        for (int v = 0; v < n; v++) {
            double s = 0;
            for (int i = 0; i < hidden.size(); i++) {
                TrendPoint t = points.get(hidden.get(i).index());
                double share = t.denominator() > 0 ? allowed.get(v)[i] / t.denominator() : allowed.get(v)[i];
                s += (t.period() - meanPeriod) * share;
            }
            score[v] = s;
        }
        // ranked by the score rounded to a float (only the order of testing depends on it): the float's bits made
        // order-preserving as an int, above the vector's index, sorted as primitive longs (boxed indices with a
        // comparator cost a tenth of the check's time)
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            int bits = Float.floatToIntBits((float) score[v]);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[v] = ((long) bits << 32) | v;
        }
        java.util.Arrays.sort(keys);
        int[] ranked = new int[n];
        for (int r = 0; r < n; r++) ranked[r] = (int) keys[r];
        boolean[] taken = new boolean[n];
        List<long[]> out = new ArrayList<>(n);
        int low = 0;
        int high = n - 1;
        int up = n / 2;          // the middle outwards: n/2, n/2 − 1, n/2 + 1, n/2 − 2, …
        int down = n / 2 - 1;
        boolean upNext = true;
        int step = 0;
        while (out.size() < n) {
            int pick = -1;
            if (step % 3 == 0) {
                while (taken[low]) low++;
                pick = low;
            } else if (step % 3 == 1) {
                while (taken[high]) high--;
                pick = high;
            } else {
                while (up < n && taken[up]) up++;
                while (down >= 0 && taken[down]) down--;
                if (up < n && (upNext || down < 0)) {
                    pick = up;
                } else if (down >= 0) {
                    pick = down;
                }
                upNext = !upNext;
            }
            step++;
            if (pick < 0) continue;
            taken[pick] = true;
            out.add(allowed.get(ranked[pick]));
        }
        return out;
    }

    /** Adds every count vector of the hidden cells within their ranges that matches every window's total. */
    private static void enumerate(List<TrendPoint> points, List<HiddenCell> hidden, List<WindowTotal> windows, int depth,
                                  long[] counts, List<long[]> allowed) {
        if (depth == hidden.size()) {
            for (WindowTotal w : windows) {
                double sum = 0;
                for (int i : w.indices()) sum += numeratorOf(points, hidden, counts, i);
                if (Math.abs(sum - w.total()) > 1e-9) return;
            }
            allowed.add(counts.clone());
            return;
        }
        HiddenCell c = hidden.get(depth);
        // from both ends of the range inwards (low, high, low + 1, high − 1, …): the extreme counts give the
        // significant flags, so every outcome tends to be seen early
        long width = c.high() - c.low();
        for (long step = 0; step <= width; step++) {
            counts[depth] = step % 2 == 0 ? c.low() + step / 2 : c.high() - step / 2;
            enumerate(points, hidden, windows, depth + 1, counts, allowed);
        }
    }

    /** The numerator of point {@code index} with the hidden cells set to {@code counts}. */
    private static double numeratorOf(List<TrendPoint> points, List<HiddenCell> hidden, long[] counts, int index) {
        // a point hidden twice takes the last cell's count, as setting the cells in order into a copy of the points did
        double value = points.get(index).numerator();
        for (int i = 0; i < hidden.size(); i++) if (hidden.get(i).index() == index) value = counts[i];
        return value;
    }
}
