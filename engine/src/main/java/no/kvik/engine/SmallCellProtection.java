package no.kvik.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Suppression;

/**
 * Primary and secondary suppression over a set of additive equations (total = sum of parts). Pure function
 * of cells and equations.
 *
 * <p>Primary: a published cell with a denominator below the minimum, or a numerator in the hidden range.
 * Secondary: an attacker who knows every visible cell and every equation must not be able to determine any
 * hidden cell. Two tests, the cheap one first: an equation with a single unknown term (fixed by hiding the
 * smallest visible cell of the equation that revealed it, or of the equations behind it); then exact linear
 * algebra over each connected group of unknowns, which also catches a cell revealed only by combining
 * equations, e.g. two overlapping windows of years (a hidden term is determined iff its unit vector lies in
 * the row space of the equations restricted to the unknown terms: Gaussian elimination to reduced row echelon
 * form). Hidden cells only ever make fewer cells determined, so hiding one more cell at a time terminates.
 */
public final class SmallCellProtection {

    /**
     * A term of the equations.
     *
     * @param published false for unpublished helper terms (e.g. the part of the 'unknown' unit under one parent)
     * @param root      true for the nation cell: hidden only when nothing else can protect a cell
     * @param tiedToUnit true when the term counts a group of people tied to a unit, so the primary rule applies
     *                  and no hidden such term may be derivable, published or not (the part of the 'unknown'
     *                  unit under a real parent is such a term). False for the 'unknown' unit itself: it places
     *                  no one anywhere, so it is never hidden for its own size, and it is the first cell hidden
     *                  to protect another (a data-quality figure goes before a real unit's result)
     */
    public record Cell(double numerator, double denominator, boolean published, boolean root, boolean tiedToUnit) {
        /** A cell tied to a unit exactly when it is published (published units, unpublished helper terms). */
        public Cell(double numerator, double denominator, boolean published, boolean root) {
            this(numerator, denominator, published, root, published);
        }
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
     * Suppression reason per cell (null = visible; unpublished cells: the primary reason of a term tied to a unit,
     * which the caller does not show anyway).
     *
     * @param equations each an array of cell indexes linked by one sum: the parts, then the total last
     */
    public static String[] protect(List<Cell> cells, List<int[]> equations, Suppression rule) {
        int n = cells.size();
        String[] reason = new String[n];
        for (int i = 0; i < n; i++) {
            Cell c = cells.get(i);
            if (c.tiedToUnit()) reason[i] = primary(rule, c.numerator(), c.denominator());
        }
        while (true) {
            int[] derivedBy = derive(cells, equations, reason);
            // first a cell solved from visible cells alone: a cell solved through another hidden one is often
            // protected by cutting that chain at its start (a share of the 'unknown' unit under one parent)
            int leak = -1;
            for (int i = 0; i < n && leak < 0; i++) {
                if (reason[i] != null && derivedBy[i] >= 0 && solvedFromVisible(i, cells, equations, reason, derivedBy)) leak = i;
            }
            for (int i = 0; i < n && leak < 0; i++) {
                if (reason[i] != null && derivedBy[i] >= 0) leak = i;
            }
            if (leak >= 0) {
                if (!hideOneBehind(leak, cells, equations, reason, derivedBy)) {
                    throw new IllegalStateException("cannot protect cell " + leak + ": no visible cell left to hide");
                }
                continue;
            }
            List<Integer> combined = determinedByCombination(cells, equations, reason);
            if (combined.isEmpty()) return reason;
            // one cell per group of linked unknowns: the groups do not share equations, so each fix is its own
            for (int cell : combined) {
                if (!hideNear(cell, cells, equations, reason)) {
                    throw new IllegalStateException("cannot protect cell " + cell + ": no visible cell left to hide");
                }
            }
        }
    }

    /** True when every other term of the equation that solves {@code cell} is visible. */
    private static boolean solvedFromVisible(int cell, List<Cell> cells, List<int[]> equations, String[] reason,
                                             int[] derivedBy) {
        for (int t : equations.get(derivedBy[cell])) {
            if (t != cell && unknown(cells, reason, t)) return false;
        }
        return true;
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

    /** A term the attacker does not see: unpublished, or hidden. */
    private static boolean unknown(List<Cell> cells, String[] reason, int t) {
        return !cells.get(t).published() || reason[t] != null;
    }

    /** Groups of unknown terms linked by equations: the group id of each unknown term (union-find roots). */
    private static int[] groups(List<Cell> cells, List<int[]> equations, String[] reason) {
        int[] parent = new int[cells.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (int[] eq : equations) {
            int first = -1;
            for (int t : eq) {
                if (!unknown(cells, reason, t)) continue;
                if (first < 0) {
                    first = t;
                } else {
                    parent[find(parent, t)] = find(parent, first);
                }
            }
        }
        for (int i = 0; i < parent.length; i++) parent[i] = find(parent, i);
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Per group of linked unknowns, the first hidden published cell that the visible cells and the equations
     * determine (none: empty). Rows = the group's equations over its unknown terms (total +1, parts -1); a term
     * is determined iff, in reduced row echelon form, its pivot row has no other entry.
     */
    static List<Integer> determinedByCombination(List<Cell> cells, List<int[]> equations, String[] reason) {
        List<Integer> found = new ArrayList<>();
        for (List<int[]> eqs : equationsByGroup(cells, equations, reason, groups(cells, equations, reason)).values()) {
            boolean anyHidden = eqs.stream().anyMatch(eq -> java.util.Arrays.stream(eq).anyMatch(t -> reason[t] != null));
            if (!anyHidden) continue;
            GroupSolution solution = solve(cells, reason, eqs);
            for (int c = 0; c < solution.terms().size(); c++) {
                int t = solution.terms().get(c);
                if (solution.determined()[c] && reason[t] != null) {
                    found.add(t);
                    break;
                }
            }
        }
        return found;
    }

    /** The equations of each group of linked unknowns, by group id (equations without an unknown are left out). */
    private static Map<Integer, List<int[]>> equationsByGroup(List<Cell> cells, List<int[]> equations, String[] reason,
                                                              int[] group) {
        Map<Integer, List<int[]>> byGroup = new java.util.LinkedHashMap<>();
        for (int[] eq : equations) {
            for (int t : eq) {
                if (unknown(cells, reason, t)) {
                    byGroup.computeIfAbsent(group[t], k -> new ArrayList<>()).add(eq);
                    break;
                }
            }
        }
        return byGroup;
    }

    /** A group's unknown terms (ascending) and, per term, whether the group's equations determine it. */
    private record GroupSolution(List<Integer> terms, boolean[] determined) {
    }

    /** Sparse rows of the group's equations over its unknown terms (total +1, parts -1), then elimination. */
    private static GroupSolution solve(List<Cell> cells, String[] reason, List<int[]> eqs) {
        Map<Integer, Integer> column = new java.util.TreeMap<>();
        for (int[] eq : eqs) {
            for (int t : eq) if (unknown(cells, reason, t)) column.putIfAbsent(t, 0);
        }
        List<Integer> terms = new ArrayList<>(column.keySet());
        for (int c = 0; c < terms.size(); c++) column.put(terms.get(c), c);
        List<Map<Integer, Double>> rows = new ArrayList<>();
        for (int[] eq : eqs) {
            Map<Integer, Double> row = new java.util.HashMap<>();
            for (int k = 0; k < eq.length; k++) {
                Integer c = column.get(eq[k]);
                if (c != null) row.merge(c, k == eq.length - 1 ? 1.0 : -1.0, Double::sum);
            }
            rows.add(row);
        }
        return new GroupSolution(terms, determinedColumns(rows, terms.size()));
    }

    /**
     * Columns whose variable the rows fix: sparse Gauss-Jordan elimination (the equations are sums over a
     * hierarchy and over periods, so rows stay short). Pivots on the column with the fewest rows left and the
     * shortest row in it, to keep fill-in low. A pivot column is determined iff its final row has no other entry.
     */
    static boolean[] determinedColumns(List<Map<Integer, Double>> rows, int columns) {
        final double eps = 1e-9;
        List<java.util.Set<Integer>> rowsOf = new ArrayList<>();
        for (int c = 0; c < columns; c++) rowsOf.add(new java.util.HashSet<>());
        for (int r = 0; r < rows.size(); r++) {
            for (int c : rows.get(r).keySet()) rowsOf.get(c).add(r);
        }
        int[] pivotRow = new int[columns];
        java.util.Arrays.fill(pivotRow, -1);
        boolean[] isPivotRow = new boolean[rows.size()];
        boolean[] done = new boolean[columns];
        java.util.PriorityQueue<int[]> queue = new java.util.PriorityQueue<>((a, b) -> a[0] != b[0]
                ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        for (int c = 0; c < columns; c++) queue.add(new int[] {rowsOf.get(c).size(), c});
        while (true) {
            if (queue.isEmpty()) {
                // fill-in may have put a column skipped as free into a row without a pivot: take it up again
                for (int r = 0; r < rows.size(); r++) {
                    if (isPivotRow[r]) continue;
                    for (int c : rows.get(r).keySet()) if (!done[c]) queue.add(new int[] {0, c});
                }
                if (queue.isEmpty()) break;
            }
            int[] next = queue.poll();
            int c = next[1];
            if (done[c]) continue;
            int candidates = 0;
            for (int r : rowsOf.get(c)) if (!isPivotRow[r]) candidates++;
            if (candidates == 0) continue; // free for now
            if (candidates != next[0]) { // stale entry: requeue with the current count
                queue.add(new int[] {candidates, c});
                continue;
            }
            done[c] = true;
            int pivot = -1;
            for (int r : rowsOf.get(c)) {
                if (!isPivotRow[r] && (pivot < 0 || rows.get(r).size() < rows.get(pivot).size())) pivot = r;
            }
            Map<Integer, Double> p = rows.get(pivot);
            double scale = p.get(c);
            p.replaceAll((k, v) -> v / scale);
            for (int r : new ArrayList<>(rowsOf.get(c))) {
                if (r == pivot) continue;
                Map<Integer, Double> row = rows.get(r);
                double f = row.get(c);
                for (Map.Entry<Integer, Double> e : p.entrySet()) {
                    int k = e.getKey();
                    double v = row.getOrDefault(k, 0.0) - f * e.getValue();
                    if (Math.abs(v) <= eps) {
                        if (row.remove(k) != null) rowsOf.get(k).remove(r);
                    } else {
                        if (row.put(k, v) == null) rowsOf.get(k).add(r);
                    }
                }
            }
            isPivotRow[pivot] = true;
            pivotRow[c] = pivot;
        }
        boolean[] determined = new boolean[columns];
        for (int c = 0; c < columns; c++) determined[c] = pivotRow[c] >= 0 && rows.get(pivotRow[c]).size() == 1;
        return determined;
    }

    /**
     * Hides one visible cell near {@code cell}, which combined equations reveal: the smallest visible non-root
     * term of its own equations that leaves it undetermined, else of any equation of its group of unknowns,
     * else the root; when no single cell does, the smallest candidate (the loop then hides more).
     */
    private static boolean hideNear(int cell, List<Cell> cells, List<int[]> equations, String[] reason) {
        int[] group = groups(cells, equations, reason);
        java.util.Set<Integer> own = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> near = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> roots = new java.util.LinkedHashSet<>();
        for (int[] eq : equations) {
            boolean hasCell = false;
            boolean inGroup = false;
            for (int t : eq) {
                hasCell |= t == cell;
                inGroup |= unknown(cells, reason, t) && group[t] == group[cell];
            }
            if (!inGroup) continue;
            for (int t : eq) {
                if (unknown(cells, reason, t)) continue;
                (cells.get(t).root() ? roots : hasCell ? own : near).add(t);
            }
        }
        near.removeAll(own);
        List<Integer> ordered = new ArrayList<>();
        for (java.util.Set<Integer> set : List.of(own, near, roots)) {
            set.stream().sorted((a, b) -> compare(cells, a, b)).forEach(ordered::add);
        }
        if (ordered.isEmpty()) return false;
        for (int candidate : ordered) {
            reason[candidate] = ResultSchema.SUPPRESSED_SECONDARY;
            if (!determinedByCombination(cells, equations, reason, cell)) return true;
            reason[candidate] = null;
        }
        reason[ordered.get(0)] = ResultSchema.SUPPRESSED_SECONDARY;
        return true;
    }

    /** True when the visible cells and the equations determine the (unknown) term {@code cell}. */
    private static boolean determinedByCombination(List<Cell> cells, List<int[]> equations, String[] reason, int cell) {
        int[] group = groups(cells, equations, reason);
        List<int[]> eqs = equationsByGroup(cells, equations, reason, group).get(group[cell]);
        if (eqs == null) return false;
        GroupSolution solution = solve(cells, reason, eqs);
        int c = solution.terms().indexOf(cell);
        return c >= 0 && solution.determined()[c];
    }

    /** Smallest first: non-root before root, a cell tied to no unit ('unknown') first, then denominator, numerator, index. */
    private static int compare(List<Cell> cells, int a, int b) {
        Cell x = cells.get(a);
        Cell y = cells.get(b);
        if (x.root() != y.root()) return x.root() ? 1 : -1;
        if (x.tiedToUnit() != y.tiedToUnit()) return x.tiedToUnit() ? 1 : -1;
        int c = Double.compare(x.denominator(), y.denominator());
        if (c != 0) return c;
        c = Double.compare(x.numerator(), y.numerator());
        return c != 0 ? c : Integer.compare(a, b);
    }
}
