package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.Suppression;
import org.junit.jupiter.api.Test;

/**
 * Random small hierarchies (nation → RHF → HF → hospital, with an 'unknown' hospital spread over HFs):
 * after protection no hidden cell may be determined by the published cells, checked independently by
 * linear algebra (a hidden cell is determined iff its unit vector lies in the row space of the
 * equations restricted to the unknown terms), which also catches combinations of several equations.
 */
class SmallCellProtectionTest {
    private static final Period P = Periods.parse("2024");

    @Test
    void noHiddenCellCanBeBackCalculatedInRandomHierarchies() {
        Random random = new Random(20241124);
        var meta = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), Frequency.YEAR,
                new Suppression(5, List.of(1, 2)), null, Direction.HIGHER_IS_BETTER).meta();
        int hiddenTotal = 0;
        int smallShares = 0;
        for (int trial = 0; trial < 300; trial++) {
            List<UnitAggregate> cells = new ArrayList<>();
            // equations over cell indexes; shares of the unknown hospital are extra unknown columns
            List<int[]> hierarchy = new ArrayList<>();
            List<Integer> sharesColumns = new ArrayList<>();
            int nation = add(cells, Level.NATION, "nation", null, 0, 0);
            double[] unknownTotal = new double[2];
            List<Integer> rhfs = new ArrayList<>();
            int nr = 1 + random.nextInt(3);
            List<int[]> pendingShares = new ArrayList<>();
            List<double[]> shareValues = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                int rhf = add(cells, Level.RHF, "r" + r, "nation", 0, 0);
                rhfs.add(rhf);
                List<Integer> hfs = new ArrayList<>();
                int nh = 1 + random.nextInt(3);
                for (int h = 0; h < nh; h++) {
                    int hf = add(cells, Level.HF, "h" + r + h, "r" + r, 0, 0);
                    hfs.add(hf);
                    List<Integer> hospitals = new ArrayList<>();
                    int ns = 1 + random.nextInt(3);
                    for (int s = 0; s < ns; s++) {
                        double den = random.nextInt(14);
                        double num = random.nextInt((int) den + 1);
                        hospitals.add(add(cells, Level.HOSPITAL, "s" + r + h + s, "h" + r + h, num, den));
                    }
                    double shareDen = random.nextInt(4) == 0 ? random.nextInt(6) : 0;
                    double shareNum = shareDen == 0 ? 0 : random.nextInt((int) shareDen + 1);
                    unknownTotal[0] += shareNum;
                    unknownTotal[1] += shareDen;
                    double[] sum = {shareNum, shareDen};
                    for (int s : hospitals) {
                        sum[0] += cells.get(s).numerator();
                        sum[1] += cells.get(s).denominator();
                    }
                    set(cells, hf, sum[0], sum[1]);
                    pendingShares.add(new int[] {hf, shareDen > 0 || shareNum > 0 ? 1 : 0});
                    shareValues.add(new double[] {shareNum, shareDen});
                    hierarchy.add(concat(hf, hospitals));
                }
                double[] sum = new double[2];
                for (int h : hfs) {
                    sum[0] += cells.get(h).numerator();
                    sum[1] += cells.get(h).denominator();
                }
                set(cells, rhf, sum[0], sum[1]);
                hierarchy.add(concat(rhf, hfs));
            }
            double[] sum = new double[2];
            for (int r : rhfs) {
                sum[0] += cells.get(r).numerator();
                sum[1] += cells.get(r).denominator();
            }
            set(cells, nation, sum[0], sum[1]);
            hierarchy.add(concat(nation, rhfs));
            Integer unknown = unknownTotal[1] > 0
                    ? add(cells, Level.HOSPITAL, ResultSchema.UNKNOWN_UNIT, null, unknownTotal[0], unknownTotal[1]) : null;

            boolean[] published = new boolean[cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                published[i] = cells.get(i).level() != Level.NATION || meta.levels().contains(Level.NATION);
            }
            String[] reasons = Reporting.protect(meta, List.of(cells.get(0).period()), cells, published);

            // build the system independently: columns = cells, then one column per non-zero share
            int columns = cells.size();
            List<double[]> rows = new ArrayList<>();
            int hospitalEq = 0;
            List<double[]> sharesAdded = new ArrayList<>();
            for (int[] eq : hierarchy) {
                double[] row = new double[cells.size() + pendingShares.size()];
                row[eq[0]] = 1;
                for (int k = 1; k < eq.length; k++) row[eq[k]] = -1;
                if (cells.get(eq[0]).level() == Level.HF) {
                    int[] share = pendingShares.get(hospitalEq);
                    double[] value = shareValues.get(hospitalEq++);
                    if (share[1] == 1) {
                        sharesAdded.add(value);
                        row[columns + sharesColumns.size()] = -1;
                        sharesColumns.add(columns + sharesColumns.size());
                    }
                }
                rows.add(row);
            }
            if (unknown != null) {
                double[] row = new double[cells.size() + pendingShares.size()];
                row[unknown] = 1;
                for (int col : sharesColumns) row[col] = -1;
                rows.add(row);
            }
            List<Integer> unknownColumns = new ArrayList<>(sharesColumns);
            for (int i = 0; i < cells.size(); i++) if (reasons[i] != null) unknownColumns.add(i);
            for (int i = 0; i < cells.size(); i++) {
                if (reasons[i] == null) {
                    // the 'unknown' unit places no one in a unit: visible whatever its size
                    boolean unplaced = ResultSchema.UNKNOWN_UNIT.equals(cells.get(i).unitId());
                    assertFalse(!unplaced && primaryApplies(cells.get(i)), "trial " + trial + ": a small cell is visible");
                    continue;
                }
                hiddenTotal++;
                assertFalse(determined(rows, unknownColumns, i),
                        "trial " + trial + ": hidden cell " + cells.get(i).level() + " " + cells.get(i).unitId()
                                + " can be back-calculated");
            }
            // the unknown unit's share under a real HF is that HF's people: when small, never derivable
            for (int k = 0; k < sharesColumns.size(); k++) {
                double[] v = sharesAdded.get(k);
                if (v[1] < 5 || (v[0] >= 1 && v[0] <= 2)) {
                    smallShares++;
                    assertFalse(determined(rows, unknownColumns, sharesColumns.get(k)),
                            "trial " + trial + ": a small share of the unknown hospital can be back-calculated");
                }
            }
        }
        assertTrue(hiddenTotal > 300, "the trials should hide many cells, hid " + hiddenTotal);
        assertTrue(smallShares > 50, "the trials should have many small shares, had " + smallShares);
    }

    private static boolean primaryApplies(UnitAggregate a) {
        return a.denominator() < 5 || (a.numerator() >= 1 && a.numerator() <= 2);
    }

    /** True when e_target is in the row space of the rows restricted to the unknown columns. */
    static boolean determined(List<double[]> rows, List<Integer> unknownColumns, int target) {
        int m = rows.size();
        int n = unknownColumns.size();
        double[][] a = new double[m][n];
        for (int r = 0; r < m; r++) for (int c = 0; c < n; c++) a[r][c] = rows.get(r)[unknownColumns.get(c)];
        double[] t = new double[n];
        t[unknownColumns.indexOf(target)] = 1;
        return rank(a) == rank(append(a, t));
    }

    private static double[][] append(double[][] a, double[] row) {
        double[][] b = new double[a.length + 1][];
        System.arraycopy(a, 0, b, 0, a.length);
        b[a.length] = row;
        return b;
    }

    private static int rank(double[][] in) {
        double[][] a = new double[in.length][];
        for (int i = 0; i < in.length; i++) a[i] = in[i].clone();
        int rank = 0;
        int cols = a.length == 0 ? 0 : a[0].length;
        for (int c = 0; c < cols && rank < a.length; c++) {
            int pivot = -1;
            for (int r = rank; r < a.length; r++) if (Math.abs(a[r][c]) > 1e-9) pivot = r;
            if (pivot < 0) continue;
            double[] tmp = a[pivot];
            a[pivot] = a[rank];
            a[rank] = tmp;
            for (int r = 0; r < a.length; r++) {
                if (r == rank || Math.abs(a[r][c]) < 1e-12) continue;
                double f = a[r][c] / a[rank][c];
                for (int k = c; k < cols; k++) a[r][k] -= f * a[rank][k];
            }
            rank++;
        }
        return rank;
    }

    private static int[] concat(int head, List<Integer> tail) {
        int[] out = new int[tail.size() + 1];
        out[0] = head;
        for (int i = 0; i < tail.size(); i++) out[i + 1] = tail.get(i);
        return out;
    }

    private static int add(List<UnitAggregate> cells, Level level, String id, String parent, double num, double den) {
        cells.add(new UnitAggregate(P, level, id, id, parent, num, den, 0, null, null, null, null, null));
        return cells.size() - 1;
    }

    private static void set(List<UnitAggregate> cells, int i, double num, double den) {
        UnitAggregate a = cells.get(i);
        cells.set(i, new UnitAggregate(P, a.level(), a.unitId(), a.unitName(), a.parentId(), num, den, 0, null, null,
                null, null, null));
    }

    /** Reasons by "level unit" for cells of one period, every cell published. */
    private static java.util.Map<String, String> protect(List<Level> levels, List<UnitAggregate> cells, Suppression rule) {
        var meta = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), levels, Frequency.YEAR, rule, null,
                Direction.HIGHER_IS_BETTER).meta();
        boolean[] published = new boolean[cells.size()];
        java.util.Arrays.fill(published, true);
        String[] reasons = Reporting.protect(meta, List.of(P), cells, published);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) out.put(cells.get(i).level().code() + " " + cells.get(i).unitId(), reasons[i]);
        return out;
    }

    @Test
    void aSmallUnknownUnitIsPublishedAndHidesNoRealUnit() {
        // 3 cases without a known trust (2 events) under the nation beside two trusts of 100. Before: 'unknown' was
        // hidden (den 3 < 5), and nation = r1 + r2 + unknown then hid r1 (the smaller by index) as its complement.
        // Now 'unknown' identifies no unit's people: nothing to protect, all four cells visible.
        List<UnitAggregate> cells = new ArrayList<>();
        add(cells, Level.NATION, "nation", null, 62, 203);
        add(cells, Level.RHF, "r1", "nation", 30, 100);
        add(cells, Level.RHF, "r2", "nation", 30, 100);
        add(cells, Level.RHF, ResultSchema.UNKNOWN_UNIT, null, 2, 3);
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("nation nation", null);
        expected.put("rhf r1", null);
        expected.put("rhf r2", null);
        expected.put("rhf unknown", null);
        assertEquals(expected, protect(List.of(Level.NATION, Level.RHF), cells, new Suppression(5, List.of(1, 4))));
    }

    @Test
    void theUnknownUnitIsTheFirstComplementOfAHiddenRealUnit() {
        // r1 (3/4) is hidden; nation = r1 + r2 + unknown needs one more hidden term. Before: the smallest, r2 (100),
        // went. Now the count of unplaced cases (200) goes first: a data-quality figure before a trust's result.
        List<UnitAggregate> cells = new ArrayList<>();
        add(cells, Level.NATION, "nation", null, 93, 304);
        add(cells, Level.RHF, "r1", "nation", 3, 4);
        add(cells, Level.RHF, "r2", "nation", 30, 100);
        add(cells, Level.RHF, ResultSchema.UNKNOWN_UNIT, null, 60, 200);
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("nation nation", null);
        expected.put("rhf r1", ResultSchema.SUPPRESSED_DENOMINATOR);
        expected.put("rhf r2", null);
        expected.put("rhf unknown", ResultSchema.SUPPRESSED_SECONDARY);
        assertEquals(expected, protect(List.of(Level.NATION, Level.RHF), cells, new Suppression(5, List.of(1, 4))));
    }

    @Test
    void aSmallShareOfTheUnknownUnitUnderARealParentIsNeverDerivable() {
        // county A (40/110) = a1 (20/50) + a2 (18/57) + its residents without a known municipality (2/3); the same for
        // county B. 'unknown' (4/6) = the two shares: visible (4 is outside the hidden range 1-2, and it places no
        // one). Before: shares were never protected, so A - a1 - a2 gave A's 2/3 away with nothing hidden. Now each
        // share is A's or B's people and hidden (den 3 < 5): the smallest visible term of its equation goes, a1 and
        // b1 (50 < 57 < 110). Left: A: a1 + sA, B: b1 + sB, unknown: sA + sB, four unknowns, rank 3, none determined.
        List<UnitAggregate> cells = new ArrayList<>();
        add(cells, Level.NATION, "nation", null, 80, 220);
        add(cells, Level.COUNTY, "A", "nation", 40, 110);
        add(cells, Level.COUNTY, "B", "nation", 40, 110);
        add(cells, Level.MUNICIPALITY, "a1", "A", 20, 50);
        add(cells, Level.MUNICIPALITY, "a2", "A", 18, 57);
        add(cells, Level.MUNICIPALITY, "b1", "B", 20, 50);
        add(cells, Level.MUNICIPALITY, "b2", "B", 18, 57);
        add(cells, Level.MUNICIPALITY, ResultSchema.UNKNOWN_UNIT, null, 4, 6);
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("nation nation", null);
        expected.put("county A", null);
        expected.put("county B", null);
        expected.put("municipality a1", ResultSchema.SUPPRESSED_SECONDARY);
        expected.put("municipality a2", null);
        expected.put("municipality b1", ResultSchema.SUPPRESSED_SECONDARY);
        expected.put("municipality b2", null);
        expected.put("municipality unknown", null);
        assertEquals(expected, protect(List.of(Level.NATION, Level.COUNTY, Level.MUNICIPALITY), cells,
                new Suppression(5, List.of(1, 2))));
    }

    @Test
    void primaryRule() {
        Suppression rule = new Suppression(5, List.of(1, 4));
        assertEquals(ResultSchema.SUPPRESSED_DENOMINATOR, SmallCellProtection.primary(rule, 0, 4));
        assertEquals(ResultSchema.SUPPRESSED_NUMERATOR, SmallCellProtection.primary(rule, 4, 100));
        assertEquals(null, SmallCellProtection.primary(rule, 0, 5));
        assertEquals(null, SmallCellProtection.primary(rule, 5, 5));
    }
}
