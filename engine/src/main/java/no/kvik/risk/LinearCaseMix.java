package no.kvik.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Case-mix adjustment of mean scores by linear regression on respondent characteristics, as FHI adjusts the
 * national patient-experience surveys (PasOpp): one national least-squares model of the score on the
 * characteristics (no unit term), then per unit the observed mean, the expected mean (the model's mean prediction
 * for the unit's own respondents) and the adjusted mean = observed − expected + national mean (indirect
 * standardisation on the score scale). Fitted on cells of respondents with the same characteristics: a cell's
 * count, score sum and sum of squares are sufficient statistics for least squares and its residual variance, so
 * the fit equals R's {@code lm} on the respondent-level data. Pure: no I/O.
 */
public final class LinearCaseMix {
    private LinearCaseMix() {
    }

    /**
     * Respondents of one unit sharing the same characteristics.
     *
     * @param values     covariate values in the design's order (String for categorical, Number for numeric)
     * @param n          respondents
     * @param sum        sum of their scores
     * @param sumSquares sum of their squared scores
     */
    public record Cell(String unit, List<Object> values, long n, double sum, double sumSquares) {
        public Cell {
            Objects.requireNonNull(unit, "unit");
            values = List.copyOf(values);
            if (n < 0) throw new IllegalArgumentException("cell of unit " + unit + " has " + n + " respondents");
        }
    }

    /** A unit's scores; the interval is that of the adjusted mean. */
    public record UnitScore(String unit, long n, double observedMean, double expectedMean, double adjustedMean,
                            double ciLow, double ciHigh) {
    }

    /**
     * The national model and every unit's scores.
     *
     * @param names          design column names (intercept first, then "covariate=level" dummies)
     * @param sigma          residual standard error, sqrt(RSS / (N − p))
     * @param residualDf     N − p
     * @param nationalMean   mean score of all respondents
     */
    public record Fit(List<String> names, List<Double> coefficients, List<Double> standardErrors, double sigma,
                      long residualDf, long respondents, double nationalMean, List<UnitScore> units) {
        public Fit {
            names = List.copyOf(names);
            coefficients = List.copyOf(coefficients);
            standardErrors = List.copyOf(standardErrors);
            units = List.copyOf(units);
        }
    }

    /** Fits the national model on the cells and scores every unit (sorted by unit id), with 95 % intervals. */
    public static Fit fit(DesignMatrix design, List<Cell> cells) {
        return fit(design, cells, 0.05);
    }

    /** As {@link #fit(DesignMatrix, List)} with intervals at level 1 − alpha. */
    public static Fit fit(DesignMatrix design, List<Cell> cells, double alpha) {
        List<String> names = design.columnNames();
        int p = names.size();
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        double[][] rows = new double[cells.size()][];
        long total = 0;
        double sumY = 0;
        double sumY2 = 0;
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            double[] x = design.row(cell.values().toArray());
            rows[c] = x;
            // normal equations from cell sums: X'X = Σ n_c x_c x_cᵀ, X'y = Σ S_c x_c (least squares, e.g. Draper & Smith 1998 §5)
            for (int i = 0; i < p; i++) {
                xty[i] += cell.sum() * x[i];
                for (int j = 0; j <= i; j++) xtx[i][j] += cell.n() * x[i] * x[j];
            }
            total += cell.n();
            sumY += cell.sum();
            sumY2 += cell.sumSquares();
        }
        for (int i = 0; i < p; i++) for (int j = i + 1; j < p; j++) xtx[i][j] = xtx[j][i];
        if (total <= p) {
            throw new IllegalArgumentException("linear case-mix model: " + total + " respondents for " + p + " coefficients");
        }
        int[] failed = new int[1];
        double[][] l = SymmetricMatrices.cholesky(xtx, failed);
        if (l == null) {
            throw new IllegalArgumentException("linear case-mix model: column " + names.get(failed[0])
                    + " is collinear with the earlier ones (a level without respondents?)");
        }
        double[] beta = SymmetricMatrices.solve(l, xty);
        // residual sum of squares at the least-squares solution: Σy² − βᵀX'y
        double rss = sumY2;
        for (int i = 0; i < p; i++) rss -= beta[i] * xty[i];
        long df = total - p;
        double sigma2 = Math.max(0, rss) / df;
        double[][] inv = SymmetricMatrices.inverse(l);
        List<Double> coefficients = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            coefficients.add(beta[i]);
            errors.add(Math.sqrt(sigma2 * inv[i][i]));
        }
        double national = sumY / total;
        Map<String, double[]> byUnit = new TreeMap<>();
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            double predicted = 0;
            for (int i = 0; i < p; i++) predicted += beta[i] * rows[c][i];
            double[] u = byUnit.computeIfAbsent(cell.unit(), k -> new double[3]);
            u[0] += cell.n();
            u[1] += cell.sum();
            u[2] += cell.n() * predicted;
        }
        double sigma = Math.sqrt(sigma2);
        double t = TDistribution.of(df).inverseCumulativeProbability(1 - alpha / 2);
        List<UnitScore> units = new ArrayList<>();
        for (Map.Entry<String, double[]> e : byUnit.entrySet()) {
            double n = e.getValue()[0];
            if (n == 0) continue;
            double observed = e.getValue()[1] / n;
            double expected = e.getValue()[2] / n;
            // FHI's case-mix adjustment of survey scores by linear regression (Sjetne & Holmboe, PasOpp method description 2019,
            // https://www.fhi.no/publ/2020/pasienters-erfaringer-med-norske-sykehus-i-2019-metodebeskrivelse-og-analy/);
            // indirect adjustment on the score scale, observed − expected + national mean; its interval treats the
            // expected mean as fixed, t with the model's residual df and σ̂/√n (as FHI's unit intervals)
            double adjusted = observed - expected + national;
            double half = t * sigma / Math.sqrt(n);
            units.add(new UnitScore(e.getKey(), (long) n, observed, expected, adjusted, adjusted - half, adjusted + half));
        }
        return new Fit(names, coefficients, errors, sigma, df, total, national, units);
    }
}
