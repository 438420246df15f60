package no.kvik.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.kvik.catalog.Suppression;

/**
 * Primary and secondary suppression over a set of additive equations (parent = sum of children).
 * Pure function of cells and equations.
 *
 * <p>Primary: a published cell with a denominator below the minimum, or a numerator in the hidden range.
 * Secondary: an attacker who knows every visible cell and every equation can solve any equation with a
 * single unknown term; as long as some hidden cell can be solved that way, the smallest visible cell of
 * the equation that revealed it (or of the equations behind it) is hidden too.
 */
public final class SmallCellProtection {

    /**
     * A term of the equations.
     *
     * @param published false for unpublished helper terms (e.g. the part of the 'unknown' unit under one parent)
     * @param root      true for the nation cell: hidden only when nothing else can protect a cell
     */
    public record Cell(double numerator, double denominator, boolean published, boolean root) {
    }

    private SmallCellProtection() {
    }

    /** The primary reason for one published cell, or null when the rule does not hide it. */
    public static String primary(Suppression rule, double numerator, double denominator) {
        if (rule.minDenominator() != null && denominator < rule.minDenominator()) return ResultSchema.SUPPRESSED_DENOMINATOR;
        List<Integer> h = rule.hideNumeratorBetween();
        if (h != null && numerator >= h.get(0) && numerator <= h.get(1)) return ResultSchema.SUPPRESSED_NUMERATOR;
        return null;
    }

    /**
     * Suppression reason per cell (null = visible; unpublished cells always null).
     *
     * @param equations each an array of cell indexes whose values are linked by one sum (total and parts)
     */
    public static String[] protect(List<Cell> cells, List<int[]> equations, Suppression rule) {
        int n = cells.size();
        String[] reason = new String[n];
        for (int i = 0; i < n; i++) {
            Cell c = cells.get(i);
            if (c.published()) reason[i] = primary(rule, c.numerator(), c.denominator());
        }
        while (true) {
            int[] derivedBy = derive(cells, equations, reason);
            int leak = -1;
            for (int i = 0; i < n && leak < 0; i++) {
                if (reason[i] != null && derivedBy[i] >= 0) leak = i;
            }
            if (leak < 0) return reason;
            if (!hideOneBehind(leak, cells, equations, reason, derivedBy)) {
                throw new IllegalStateException("cannot protect cell " + leak + ": no visible cell left to hide");
            }
        }
    }

    /** For each cell: the equation an attacker solves it from (-1 if visible, or not solvable). */
    private static int[] derive(List<Cell> cells, List<int[]> equations, String[] reason) {
        int n = cells.size();
        boolean[] known = new boolean[n];
        for (int i = 0; i < n; i++) known[i] = cells.get(i).published() && reason[i] == null;
        int[] derivedBy = new int[n];
        Arrays.fill(derivedBy, -1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int e = 0; e < equations.size(); e++) {
                int unknown = -1;
                int count = 0;
                for (int t : equations.get(e)) {
                    if (!known[t]) {
                        unknown = t;
                        if (++count > 1) break;
                    }
                }
                if (count == 1) {
                    known[unknown] = true;
                    derivedBy[unknown] = e;
                    changed = true;
                }
            }
        }
        return derivedBy;
    }

    /**
     * Hides the smallest visible non-root term of the equation that revealed {@code cell}; when it has none,
     * cuts the chain behind one of its derived terms; the root goes only when neither is possible.
     */
    private static boolean hideOneBehind(int cell, List<Cell> cells, List<int[]> equations, String[] reason,
                                         int[] derivedBy) {
        int[] eq = equations.get(derivedBy[cell]);
        List<Integer> candidates = new ArrayList<>();
        Integer root = null;
        for (int t : eq) {
            if (t == cell || !cells.get(t).published() || reason[t] != null) continue;
            if (cells.get(t).root()) {
                root = t;
            } else {
                candidates.add(t);
            }
        }
        if (!candidates.isEmpty()) {
            int best = candidates.stream().min((a, b) -> compare(cells, a, b)).orElseThrow();
            reason[best] = ResultSchema.SUPPRESSED_SECONDARY;
            return true;
        }
        // every other term was itself solved from other equations: cut one of those chains
        for (int t : eq) {
            if (t != cell && derivedBy[t] >= 0 && hideOneBehind(t, cells, equations, reason, derivedBy)) return true;
        }
        if (root != null) {
            reason[root] = ResultSchema.SUPPRESSED_SECONDARY;
            return true;
        }
        return false;
    }

    /** Smallest first: non-root before root, then denominator, numerator, index. */
    private static int compare(List<Cell> cells, int a, int b) {
        Cell x = cells.get(a);
        Cell y = cells.get(b);
        if (x.root() != y.root()) return x.root() ? 1 : -1;
        int c = Double.compare(x.denominator(), y.denominator());
        if (c != 0) return c;
        c = Double.compare(x.numerator(), y.numerator());
        return c != 0 ? c : Integer.compare(a, b);
    }
}
