package no.kvik.variation;

/** Over-dispersion estimation steps (docs statistical-methods.md §4), one pure function each. */
public final class Dispersion {
    private Dispersion() {
    }

    /** Clamps z to its type-7 quantiles at q and 1−q; all units kept (Spiegelhalter QSHC 2005 appendix). */
    public static double[] winsorise(double[] z, double q) {
        double lz = Quantiles.type7(z, q);
        double uz = Quantiles.type7(z, 1 - q);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = Math.min(Math.max(z[i], lz), uz);
        }
        return out;
    }

    /**
     * Public Health Scotland HSMR trim (docs §4.1): the single largest z takes the value of the second largest
     * and the single smallest that of the second smallest (ties: one of them); all other z unchanged.
     */
    public static double[] replaceExtremes(double[] z) {
        double[] out = z.clone();
        if (z.length < 3) {
            return out;
        }
        Integer[] order = new Integer[z.length];
        for (int i = 0; i < z.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(z[a], z[b]));
        out[order[0]] = z[order[1]];
        out[order[z.length - 1]] = z[order[z.length - 2]];
        return out;
    }

    /** Units kept by SHMI truncation: 0 < floor(rank·k/(I+1)) < k−1, k = 1/q, average ranks (FunnelPlotR truncation()). */
    public static boolean[] truncationKeep(double[] z, double q) {
        double k = Math.rint(1 / q);
        double[] ranks = Quantiles.averageRanks(z);
        boolean[] keep = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            double sp = Math.floor(ranks[i] * k / (z.length + 1));
            keep[i] = sp > 0 && sp < k - 1;
        }
        return keep;
    }

    /** φ = (1/I*) Σ z² over the kept units (Spiegelhalter QSHC 2005; FunnelPlotR phi_func). */
    public static double phi(double[] z, boolean[] keep) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < z.length; i++) {
            if (keep[i]) {
                sum += z[i] * z[i];
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no units left to estimate over-dispersion");
        }
        return sum / count;
    }

    /**
     * DerSimonian–Laird τ² = max(0, (I*·φ − (I*−1)) / (Σw − Σw²/Σw)), w = 1/s², 0 when I*·φ < I*−1
     * (DerSimonian & Laird 1986; FunnelPlotR tau_func).
     */
    public static double tau2(double phi, double[] s, boolean[] keep) {
        int count = 0;
        double sw = 0;
        double sw2 = 0;
        for (int i = 0; i < s.length; i++) {
            if (keep[i]) {
                double w = 1 / (s[i] * s[i]);
                sw += w;
                sw2 += w * w;
                count++;
            }
        }
        if (count * phi < count - 1) {
            return 0;
        }
        return Math.max(0, (count * phi - (count - 1)) / (sw - sw2 / sw));
    }
}
