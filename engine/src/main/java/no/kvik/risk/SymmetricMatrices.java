package no.kvik.risk;

/** Cholesky factorisation, solve and inverse of small symmetric positive-definite p×p matrices. */
final class SymmetricMatrices {
    private SymmetricMatrices() {
    }

    /**
     * Lower-triangular L with A = L·Lᵀ (Cholesky–Banachiewicz). Returns the index of the first column that is
     * numerically dependent on the earlier ones as a negative number −(j+1) in {@code failed[0]}, else L.
     */
    static double[][] cholesky(double[][] a, int[] failed) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            // relative pivot tolerance, as in R's rank test of the QR (tol 1e-7 there on the root scale)
            if (!(d > 1e-14 * Math.max(a[j][j], Double.MIN_NORMAL))) {
                failed[0] = j;
                return null;
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        failed[0] = -1;
        return l;
    }

    /** Solves L·Lᵀ x = b. */
    static double[] solve(double[][] l, double[] b) {
        int p = l.length;
        double[] y = forward(l, b);
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Solves L v = b (L lower triangular). */
    static double[] forward(double[][] l, double[] b) {
        int p = l.length;
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * v[k];
            }
            v[i] = s / l[i][i];
        }
        return v;
    }

    /** (L·Lᵀ)⁻¹ column by column. */
    static double[][] inverse(double[][] l) {
        int p = l.length;
        double[][] inv = new double[p][p];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            double[] col = solve(l, e);
            for (int i = 0; i < p; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
