package no.kvik.variation;

/** Over-dispersion estimation steps (statistics.md §4), one pure function each. */
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
     * Public Health Scotland HSMR trim (statistics.md §4.1): the single largest z takes the value of the second largest
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

    /**
     * Paule–Mandel τ² (Paule & Mandel 1982; DerSimonian & Kacker 2007, eq. 6 with the target fixed): the root of
     * Σ damp(z_i(τ²))² = {@link #expectedDampedSumOfSquares} over the kept units, z_i(τ²) = z_i·s_i/sqrt(s_i² + τ²),
     * 0 when the left side at τ² = 0 is already at most that. The damping is applied to z_i(τ²) at each τ², so it
     * only touches units extreme against the between-unit spread, not every large unit (whose raw z grows with its
     * size). Σ damp(z_i(τ²))² falls monotonically in τ² (each z_i(τ²) shrinks towards 0 and damping keeps order),
     * so bisection finds the root.
     */
    public static double pauleMandelTau2(double[] z, double[] s, boolean[] keep, Trim trim, double trimFraction) {
        int kept = 0;
        double maxDeviation2 = 0;
        for (int i = 0; i < z.length; i++) {
            if (keep[i]) {
                kept++;
                double d = z[i] * s[i];
                maxDeviation2 = Math.max(maxDeviation2, d * d);
            }
        }
        if (kept < 2) {
            throw new IllegalArgumentException("no units left to estimate over-dispersion");
        }
        double df = expectedDampedSumOfSquares(trim, kept);
        if (dampedSumOfSquares(z, s, keep, trim, trimFraction, 0) <= df) {
            return 0;
        }
        double lo = 0;
        double hi = Math.max(maxDeviation2, Double.MIN_NORMAL);
        // at τ² = max (z·s)² every z_i(τ²)² < 1, so the sum is below I*; double until it is at most the expected sum
        while (dampedSumOfSquares(z, s, keep, trim, trimFraction, hi) > df) {
            lo = hi;
            hi *= 2;
        }
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-14 * hi; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (dampedSumOfSquares(z, s, keep, trim, trimFraction, mid) > df) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * What Σ damp(z)² is expected to be when the model holds: I* − 1 (the moment equation of Paule–Mandel), for PHS
     * damping scaled by the share of Σz² that replacing the largest and smallest of I* standard normals keeps,
     * 1 − 2(E[Z_(I*)²] − E[Z_(I*−1)²])/I* (normal order statistics; symmetric for the smallest). Without this the
     * damping alone biases τ² down, most with few units (it drops about 21 % of Σz² at 15 units, 2.5 % at 144). No
     * correction for winsorising or truncation (FunnelPlotR's DL does none either).
     */
    public static double expectedDampedSumOfSquares(Trim trim, int kept) {
        if (trim != Trim.PHS || kept < 3) {
            return kept - 1;
        }
        return (kept - 1) * (1 - 2 * topOrderStatisticSquareGap(kept) / kept);
    }

    private static final java.util.Map<Integer, Double> ORDER_GAP = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * E[Z_(I)²] − E[Z_(I−1)²] for I standard normals: ∫ x² φ(x) [I Φ^(I−1) − I(I−1) Φ^(I−2) (1 − Φ)] dx (order
     * statistic densities, David & Nagaraja 2003 §2.1), by Simpson's rule on [−12, 12]; memoised per I.
     */
    static double topOrderStatisticSquareGap(int units) {
        return ORDER_GAP.computeIfAbsent(units, i -> {
            org.apache.commons.statistics.distribution.NormalDistribution normal =
                    org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
            int intervals = 4800;
            double a = -12;
            double h = 24.0 / intervals;
            double sum = 0;
            for (int k = 0; k <= intervals; k++) {
                double x = a + k * h;
                double cdf = normal.cumulativeProbability(x);
                double logCdf = Math.log(cdf);
                double densityGap = i * Math.exp((i - 1) * logCdf)
                        - (double) i * (i - 1) * Math.exp((i - 2) * logCdf) * (1 - cdf);
                double f = x * x * normal.density(x) * densityGap;
                double weight = k == 0 || k == intervals ? 1 : k % 2 == 1 ? 4 : 2;
                sum += weight * f;
            }
            return sum * h / 3;
        });
    }

    /** Σ over the kept units of the damped z_i·s_i/sqrt(s_i² + τ²), squared. */
    static double dampedSumOfSquares(double[] z, double[] s, boolean[] keep, Trim trim, double trimFraction,
                                     double tau2) {
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        double[] zt = new double[kept];
        int j = 0;
        for (int i = 0; i < z.length; i++) {
            if (keep[i]) {
                zt[j++] = z[i] * s[i] / Math.sqrt(s[i] * s[i] + tau2);
            }
        }
        double[] damped = switch (trim) {
            case TRUNCATE -> zt;
            case WINSOR -> winsorise(zt, trimFraction);
            case PHS -> replaceExtremes(zt);
        };
        double sum = 0;
        for (double v : damped) {
            sum += v * v;
        }
        return sum;
    }
}
