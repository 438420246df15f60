package no.kvik.variation;

import java.util.Arrays;

/** False-discovery-rate control across units. */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /**
     * BH adjusted p-values q_(i) = min_{j ≥ i} min(1, m·p_(j)/j) (Benjamini & Hochberg 1995; R p.adjust "BH").
     * NaN p-values are returned as NaN and do not count in m.
     */
    public static double[] adjust(double[] p) {
        int[] idx = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted((a, b) -> Double.compare(p[a], p[b])).mapToInt(Integer::intValue).toArray();
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        int m = idx.length;
        double running = 1;
        for (int k = m - 1; k >= 0; k--) {
            int i = idx[k];
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("p-value out of [0, 1]: " + p[i]);
            }
            running = Math.min(running, m * p[i] / (k + 1));
            q[i] = running;
        }
        return q;
    }

    /**
     * The Benjamini–Hochberg cut-off: the largest p_(k) with p_(k) ≤ k·fdr/m (Benjamini & Hochberg 1995, step-up
     * rule), 0 when no p qualifies. A p-value is rejected exactly when it is at or below the cut-off, so
     * {@code p <= threshold(p, fdr)} agrees with {@link #reject}. NaN p-values do not count in m.
     */
    public static double threshold(double[] p, double fdr) {
        double[] sorted = Arrays.stream(p).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int m = sorted.length;
        double cut = 0;
        for (int k = 0; k < m; k++) {
            if (sorted[k] <= (k + 1) * fdr / m) cut = sorted[k];
        }
        return cut;
    }

    /**
     * {@link #threshold} of {@code sortedOthers} (ascending, no NaN) with one more p-value, without sorting again: the
     * same comparisons in the same order over the merged values, so the result is identical. The trend disclosure
     * check asks this for every possible count of a unit's hidden periods (up to 100,000 times per unit).
     */
    public static double thresholdWithOneMore(double[] sortedOthers, double p, double fdr) {
        if (Double.isNaN(p)) return threshold(sortedOthers, fdr);
        int m = sortedOthers.length + 1;
        double cut = 0;
        boolean placed = false;
        int k = 0;
        for (int i = 0; i <= sortedOthers.length; i++) {
            // p goes before the first larger value (among equal values the order does not change the cut)
            if (!placed && (i == sortedOthers.length || p < sortedOthers[i])) {
                if (p <= (k + 1) * fdr / m) cut = p;
                k++;
                placed = true;
            }
            if (i == sortedOthers.length) break;
            if (sortedOthers[i] <= (k + 1) * fdr / m) cut = sortedOthers[i];
            k++;
        }
        return cut;
    }

    /** True where the adjusted p-value is at or below the FDR level. */
    public static boolean[] reject(double[] p, double fdr) {
        double[] q = adjust(p);
        boolean[] out = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = q[i] <= fdr;
        }
        return out;
    }
}
