package no.kvik.variation;

import java.util.Arrays;

/** Sample quantiles and ranks used by the over-dispersion steps. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * R type-7 quantile (Hyndman &amp; Fan 1996): h = (I−1)p + 1, (1−f)·x[⌊h⌋] + f·x[⌊h⌋+1], f = h − ⌊h⌋, on sorted
     * x; written in R's quantile.default form so an infinite x[⌊h⌋] gives ±∞, not NaN.
     */
    public static double type7(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        double[] x = values.clone();
        Arrays.sort(x);
        double h = (x.length - 1) * p;
        int lo = (int) Math.floor(h);
        double frac = h - lo;
        if (lo + 1 >= x.length || frac == 0 || x[lo + 1] == x[lo]) {
            return x[lo];
        }
        return (1 - frac) * x[lo] + frac * x[lo + 1];
    }

    /** Ranks 1..I with ties given their average rank (R rank(ties.method = "average")). */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Double.compare(values[order[j + 1]], values[order[i]]) == 0) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = avg;
            }
            i = j + 1;
        }
        return ranks;
    }
}
