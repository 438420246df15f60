package no.kvik.risk;

import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Iteratively reweighted least squares for grouped binomial (logit) and Poisson (log) GLMs, following R's
 * glm.fit step for step: same starting values, convergence |Δdev|/(|dev| + 0.1) &lt; 1e-8, at most 25
 * iterations, step halving on a non-finite deviance (R Core, stats::glm.fit; McCullagh &amp; Nelder 1989 §2.5).
 */
public final class Glm {
    public static final double EPSILON = 1e-8;
    public static final int MAX_ITERATIONS = 25;
    private static final double SEPARATION_EPS = 1e-8;

    private Glm() {
    }

    /**
     * @param x       design rows (include the intercept column yourself)
     * @param events  events y per row (binomial) or counts (Poisson)
     * @param trials  trials n per row (binomial); prior weights, normally 1, for Poisson
     * @param offset  linear-predictor offset per row, or null (e.g. log E for O/E trends)
     */
    public static GlmFit fit(List<String> names, double[][] x, double[] events, double[] trials, double[] offset,
                             GlmFamily family) {
        return fit(names, x, events, trials, offset, family, true);
    }

    /**
     * {@link #fit} without the null deviance and the AIC (both NaN): the same IRLS, coefficients, standard errors
     * and errors, for callers that use only the coefficients and their Wald tests (the trend test, run up to
     * 100,000 times per unit by the trend disclosure check; the AIC's log-likelihood was a sixth of each fit).
     */
    public static GlmFit fitCoefficients(List<String> names, double[][] x, double[] events, double[] trials,
                                         double[] offset, GlmFamily family) {
        return fit(names, x, events, trials, offset, family, false);
    }

    private static GlmFit fit(List<String> names, double[][] x, double[] events, double[] trials, double[] offset,
                              GlmFamily family, boolean likelihood) {
        int n = x.length;
        int p = names.size();
        if (n == 0) {
            throw new GlmException("no rows to fit");
        }
        double[] off = offset == null ? new double[n] : offset;
        Start s = start(x, p, events, trials, family);
        Irls r = irls(names, x, off, s, family);
        if (!r.converged()) {
            String finding = "IRLS did not converge in " + MAX_ITERATIONS + " iterations (deviance " + r.deviance()
                    + "); this usually means separation: " + largest(names, r.beta());
            if (family == GlmFamily.BINOMIAL_LOGIT) {
                throw new SeparationException(finding, "");
            }
            throw new GlmException(finding);
        }
        double[][] cov = SymmetricMatrices.inverse(r.cholesky());
        double[] se = new double[p];
        // the term named in a separation message: the covariate with the widest SE (the intercept only if alone)
        int widest = p > 1 ? 1 : 0;
        for (int a = 0; a < p; a++) {
            se[a] = Math.sqrt(cov[a][a]);
            widest = a > 0 && se[a] > se[widest] ? a : widest;
        }
        if (family == GlmFamily.BINOMIAL_LOGIT) {
            requireNoSeparation(names, r.beta(), se, widest, r.mu());
        }
        if (!likelihood) {
            return new GlmFit(family, names, r.beta(), se, cov, r.mu(), r.deviance(), Double.NaN, Double.NaN,
                    r.iterations(), n);
        }
        return new GlmFit(family, names, r.beta(), se, cov, r.mu(), r.deviance(),
                nullDeviance(s.y(), s.w(), off, family, offset != null), aic(events, trials, r.mu(), family, p),
                r.iterations(), n);
    }

    /** R's response (proportion or count), prior weights and starting linear predictor, per row. */
    private record Start(double[] y, double[] w, double[] eta) {
    }

    /** Where IRLS stopped: coefficients, linear predictor, fitted means, deviance, Cholesky factor of XᵀWX. */
    private record Irls(double[] beta, double[] eta, double[] mu, double deviance, double[][] cholesky, int iterations,
                        boolean converged) {
    }

    /** Checks each row and sets R's starting values (binomial()$initialize, poisson()$initialize). */
    private static Start start(double[][] x, int p, double[] events, double[] trials, GlmFamily family) {
        int n = x.length;
        double[] y = new double[n];      // response on R's scale: proportion for binomial, count for Poisson
        double[] w = new double[n];      // prior weights
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " columns, expected " + p);
            }
            if (!(trials[i] > 0) || !(events[i] >= 0)
                    || (family == GlmFamily.BINOMIAL_LOGIT && events[i] > trials[i])) {
                throw new IllegalArgumentException("row " + i + ": need trials > 0 and 0 <= events"
                        + (family == GlmFamily.BINOMIAL_LOGIT ? " <= trials" : "") + ", got events " + events[i]
                        + ", trials " + trials[i]);
            }
            w[i] = trials[i];
            if (family == GlmFamily.BINOMIAL_LOGIT) {
                y[i] = events[i] / trials[i];
                double mustart = (trials[i] * y[i] + 0.5) / (trials[i] + 1);   // binomial()$initialize
                eta[i] = Math.log(mustart / (1 - mustart));
            } else {
                y[i] = events[i];
                eta[i] = Math.log(y[i] + 0.1);                                 // poisson()$initialize
            }
        }
        return new Start(y, w, eta);
    }

    /** The IRLS iterations of R's glm.fit: weighted least squares, step halving on a non-finite deviance. */
    private static Irls irls(List<String> names, double[][] x, double[] off, Start s, GlmFamily family) {
        double[] y = s.y();
        double[] w = s.w();
        double[] eta = s.eta();
        double[] mu = linkInverse(eta, family);
        double devOld = deviance(y, mu, w, family);
        double[] beta = null;
        double[][] lastChol = null;
        int iter;
        double dev = devOld;
        for (iter = 1; iter <= MAX_ITERATIONS; iter++) {
            double[][] xtwx = new double[names.size()][names.size()];
            double[] xtwz = new double[names.size()];
            normalEquations(x, y, w, eta, mu, off, family, xtwx, xtwz);
            double[][] chol = cholesky(names, xtwx);
            double[] start = SymmetricMatrices.solve(chol, xtwz);
            double[] newEta = linear(x, start, off);
            double[] newMu = linkInverse(newEta, family);
            dev = deviance(y, newMu, w, family);
            int halvings = 0;
            while (!Double.isFinite(dev) && beta != null) {
                if (++halvings > MAX_ITERATIONS) {
                    throw new GlmException("inner loop: cannot correct a non-finite deviance");
                }
                for (int a = 0; a < start.length; a++) {
                    start[a] = (start[a] + beta[a]) / 2;
                }
                newEta = linear(x, start, off);
                newMu = linkInverse(newEta, family);
                dev = deviance(y, newMu, w, family);
            }
            beta = start;
            eta = newEta;
            mu = newMu;
            lastChol = chol;
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
                return new Irls(beta, eta, mu, dev, lastChol, iter, true);
            }
            devOld = dev;
        }
        return new Irls(beta, eta, mu, dev, lastChol, iter, false);
    }

    /** Adds up XᵀWX (lower triangle) and XᵀWz for the working response z and working weights W (canonical links). */
    private static void normalEquations(double[][] x, double[] y, double[] w, double[] eta, double[] mu, double[] off,
                                        GlmFamily family, double[][] xtwx, double[] xtwz) {
        int p = xtwz.length;
        for (int i = 0; i < x.length; i++) {
            double muEta = family == GlmFamily.BINOMIAL_LOGIT ? mu[i] * (1 - mu[i]) : mu[i];
            double variance = muEta;   // canonical links: dμ/dη = V(μ)
            double z = eta[i] - off[i] + (y[i] - mu[i]) / muEta;
            double wt = w[i] * muEta * muEta / variance;
            for (int a = 0; a < p; a++) {
                double xa = x[i][a] * wt;
                xtwz[a] += xa * z;
                for (int b = 0; b <= a; b++) {
                    xtwx[a][b] += xa * x[i][b];
                }
            }
        }
    }

    /**
     * A fitted risk within 1e-8 of 0 or 1 (|η| > 18.4) only arises when some covariate or level predicts the
     * outcome perfectly (quasi-complete separation): the MLE is infinite and R's glm stops at an arbitrary large β
     * with an enormous SE (e.g. β 50, SE 77786). Such a fit is a {@link SeparationException} naming the widest term.
     */
    private static void requireNoSeparation(List<String> names, double[] beta, double[] se, int widest, double[] mu) {
        int extreme = 0;
        int first = -1;
        for (int i = 0; i < mu.length; i++) {
            if (mu[i] < SEPARATION_EPS || mu[i] > 1 - SEPARATION_EPS) {
                extreme++;
                first = first < 0 ? i : first;
            }
        }
        if (extreme > 0) {
            throw new SeparationException("separation: fitted probability numerically 0 or 1 in " + extreme
                    + " of " + mu.length + " covariate patterns (the first is pattern " + (first + 1) + "); covariate "
                    + names.get(widest)
                    + " (estimate " + beta[widest] + ", SE " + se[widest] + ") or a level of it predicts the"
                    + " outcome perfectly", ": merge sparse levels or drop the covariate");
        }
    }

    /**
     * The Cholesky factor of XᵀWX given its lower triangle (the upper is filled in from it); a column that is
     * collinear with earlier ones (or constant) is a {@link GlmException} naming it.
     */
    static double[][] cholesky(List<String> names, double[][] xtwx) {
        int p = xtwx.length;
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                xtwx[a][b] = xtwx[b][a];
            }
        }
        int[] failed = new int[1];
        double[][] chol = SymmetricMatrices.cholesky(xtwx, failed);
        if (chol == null) {
            throw new GlmException("covariate column " + names.get(failed[0])
                    + " is collinear with earlier columns (or constant); remove it or merge levels");
        }
        return chol;
    }

    private static String largest(List<String> names, double[] beta) {
        if (beta == null) {
            return "no coefficients";
        }
        int k = 0;
        for (int a = 1; a < beta.length; a++) {
            if (Math.abs(beta[a]) > Math.abs(beta[k])) {
                k = a;
            }
        }
        return "largest coefficient " + names.get(k) + " = " + beta[k];
    }

    private static double[] linear(double[][] x, double[] beta, double[] off) {
        double[] eta = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = off[i];
            for (int a = 0; a < beta.length; a++) {
                s += x[i][a] * beta[a];
            }
            eta[i] = s;
        }
        return eta;
    }

    /** Inverse links; the logit one is clamped to [ε, 1 − ε] like R's C code (binomial()$linkinv). */
    private static double[] linkInverse(double[] eta, GlmFamily family) {
        double[] mu = new double[eta.length];
        for (int i = 0; i < eta.length; i++) {
            if (family == GlmFamily.BINOMIAL_LOGIT) {
                // R's C logit_linkinv: THRESH = 30, MTHRESH = -30, DBL_EPSILON and 1/DBL_EPSILON beyond them
                double e = eta[i] < -30 ? Math.ulp(1.0) : eta[i] > 30 ? 1 / Math.ulp(1.0) : Math.exp(eta[i]);
                mu[i] = e / (1 + e);
            } else {
                mu[i] = Math.max(Math.exp(eta[i]), Math.ulp(1.0));
            }
        }
        return mu;
    }

    /** Deviance Σ 2w[y log(y/μ) + (1−y) log((1−y)/(1−μ))] (binomial) or Σ 2w[y log(y/μ) − (y − μ)] (Poisson). */
    static double deviance(double[] y, double[] mu, double[] w, GlmFamily family) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (family == GlmFamily.BINOMIAL_LOGIT) {
                d += 2 * w[i] * (ylogy(y[i], mu[i]) + ylogy(1 - y[i], 1 - mu[i]));
            } else {
                d += 2 * w[i] * (ylogy(y[i], mu[i]) - (y[i] - mu[i]));
            }
        }
        return d;
    }

    private static double ylogy(double y, double mu) {
        return y == 0 ? 0 : y * Math.log(y / mu);
    }

    /** Null deviance: intercept-only fit, weighted mean (no offset) or closed form μ0 = e^offset·Σy/Σe^offset (Poisson). */
    static double nullDeviance(double[] y, double[] w, double[] off, GlmFamily family, boolean hasOffset) {
        double[] mu0 = new double[y.length];
        if (hasOffset && family == GlmFamily.BINOMIAL_LOGIT) {
            return Double.NaN;   // would need an iterative fit; not reported
        }
        double sy = 0;
        double sw = 0;
        for (int i = 0; i < y.length; i++) {
            sy += w[i] * y[i];
            sw += family == GlmFamily.POISSON_LOG ? w[i] * Math.exp(off[i]) : w[i];
        }
        for (int i = 0; i < y.length; i++) {
            mu0[i] = family == GlmFamily.POISSON_LOG ? Math.exp(off[i]) * sy / sw : sy / sw;
        }
        return deviance(y, mu0, w, family);
    }

    /** AIC = −2 log L + 2p with the full binomial/Poisson log-likelihood (R binomial()$aic, poisson()$aic). */
    static double aic(double[] events, double[] trials, double[] mu, GlmFamily family, int p) {
        double ll = 0;
        for (int i = 0; i < mu.length; i++) {
            if (family == GlmFamily.BINOMIAL_LOGIT) {
                ll += BinomialDistribution.of((int) Math.rint(trials[i]), mu[i])
                        .logProbability((int) Math.rint(events[i]));
            } else {
                ll += trials[i] * PoissonDistribution.of(mu[i]).logProbability((int) Math.rint(events[i]));
            }
        }
        return -2 * ll + 2 * p;
    }
}
