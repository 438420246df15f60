package no.kvik.risk;

import java.util.List;

/**
 * Firth's bias-reduced (penalised) logistic regression on covariate patterns, for data where maximum likelihood
 * does not exist (separation): the estimate solves the adjusted score Σ xᵢ (yᵢ + hᵢ/2 − (nᵢ + hᵢ) μᵢ) = 0, hᵢ the
 * hat values of the weighted design, i.e. ML with pseudo-responses y* = y + h/2 out of n* = n + h (Firth 1993,
 * Biometrika 80:27; Kosmidis &amp; Firth 2009, Biometrika 96:793). For the logit link this maximises the penalised
 * log-likelihood l(β) + ½ log det I(β), so its estimates are finite whenever the design has full rank. Equals R's
 * {@code brglm2::brglmFit(type = "AS_mean")} and {@code logistf}'s point estimates; standard errors are
 * sqrt(diag I(β̂)⁻¹), the inverse Fisher information at the estimate, as brglm2 reports them.
 */
public final class Firth {
    /** Convergence: the largest absolute change of a coefficient in one step. */
    public static final double EPSILON = 1e-10;
    public static final int MAX_ITERATIONS = 100;
    /** Largest change of a coefficient in one step, as logistf's maxstep. */
    private static final double MAX_STEP = 5;
    private static final int MAX_HALVINGS = 30;

    private Firth() {
    }

    /**
     * @param x      design rows (include the intercept column yourself)
     * @param events events y per covariate pattern
     * @param trials trials n per covariate pattern
     */
    public static GlmFit fit(List<String> names, double[][] x, double[] events, double[] trials) {
        int m = x.length;
        int p = names.size();
        if (m == 0) {
            throw new GlmException("no rows to fit");
        }
        for (int i = 0; i < m; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " columns, expected " + p);
            }
            if (!(trials[i] > 0) || !(events[i] >= 0) || events[i] > trials[i]) {
                throw new IllegalArgumentException("row " + i + ": need trials > 0 and 0 <= events <= trials, got "
                        + "events " + events[i] + ", trials " + trials[i]);
            }
        }
        double[] beta = new double[p];
        State state = State.at(names, x, events, trials, beta);
        int iter = 0;
        boolean converged = false;
        while (iter < MAX_ITERATIONS) {
            iter++;
            double[] step = SymmetricMatrices.solve(state.chol, state.adjustedScore);
            double largest = 0;
            for (double s : step) {
                largest = Math.max(largest, Math.abs(s));
            }
            if (largest > MAX_STEP) {
                for (int a = 0; a < p; a++) {
                    step[a] *= MAX_STEP / largest;
                }
            }
            // step halving on the penalised log-likelihood keeps the iteration from overshooting far from β̂
            double[] next = new double[p];
            State candidate = null;
            int halving = 0;
            for (; halving <= MAX_HALVINGS; halving++) {
                for (int a = 0; a < p; a++) {
                    next[a] = beta[a] + step[a];
                }
                candidate = State.at(names, x, events, trials, next);
                if (candidate.penalisedLogLikelihood >= state.penalisedLogLikelihood - 1e-12 * Math.abs(state.penalisedLogLikelihood)) {
                    break;
                }
                for (int a = 0; a < p; a++) {
                    step[a] /= 2;
                }
            }
            double change = 0;
            for (int a = 0; a < p; a++) {
                change = Math.max(change, Math.abs(next[a] - beta[a]));
            }
            beta = next.clone();
            state = candidate;
            if (change < EPSILON && halving == 0) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            throw new GlmException("Firth's penalised likelihood did not converge in " + MAX_ITERATIONS + " iterations");
        }
        double[][] cov = SymmetricMatrices.inverse(state.chol);
        double[] se = new double[p];
        double[] y = new double[m];
        for (int a = 0; a < p; a++) {
            se[a] = Math.sqrt(cov[a][a]);
        }
        for (int i = 0; i < m; i++) {
            y[i] = events[i] / trials[i];
        }
        GlmFamily family = GlmFamily.BINOMIAL_LOGIT;
        return new GlmFit(family, names, beta, se, cov, state.mu, Glm.deviance(y, state.mu, trials, family),
                Glm.nullDeviance(y, trials, new double[m], family, false), Glm.aic(events, trials, state.mu, family, p),
                iter, m);
    }

    /** μ, the Cholesky factor of I(β) = XᵀWX, the adjusted score and the penalised log-likelihood at one β. */
    private record State(double[] mu, double[][] chol, double[] adjustedScore, double penalisedLogLikelihood) {
        static State at(List<String> names, double[][] x, double[] events, double[] trials, double[] beta) {
            int m = x.length;
            int p = beta.length;
            double[] mu = new double[m];
            double[] w = new double[m];
            double[][] info = new double[p][p];
            double logLikelihood = 0;
            for (int i = 0; i < m; i++) {
                double eta = 0;
                for (int a = 0; a < p; a++) {
                    eta += x[i][a] * beta[a];
                }
                mu[i] = 1 / (1 + Math.exp(-eta));
                w[i] = trials[i] * mu[i] * (1 - mu[i]);
                // y log μ + (n − y) log(1 − μ) with log μ = −log(1 + e^−η), computed without overflow
                logLikelihood -= events[i] * softplus(-eta) + (trials[i] - events[i]) * softplus(eta);
                for (int a = 0; a < p; a++) {
                    double xa = x[i][a] * w[i];
                    for (int b = 0; b <= a; b++) {
                        info[a][b] += xa * x[i][b];
                    }
                }
            }
            double[][] chol = Glm.cholesky(names, info);
            double logDet = 0;
            for (int a = 0; a < p; a++) {
                logDet += 2 * Math.log(chol[a][a]);
            }
            double[] score = new double[p];
            for (int i = 0; i < m; i++) {
                // hat value hᵢ = wᵢ xᵢᵀ I⁻¹ xᵢ = wᵢ |L⁻¹xᵢ|²
                double[] v = SymmetricMatrices.forward(chol, x[i]);
                double q = 0;
                for (double vj : v) {
                    q += vj * vj;
                }
                double h = w[i] * q;
                double r = events[i] + h / 2 - (trials[i] + h) * mu[i];
                for (int a = 0; a < p; a++) {
                    score[a] += x[i][a] * r;
                }
            }
            return new State(mu, chol, score, logLikelihood + logDet / 2);
        }

        /** log(1 + e^t) without overflow. */
        private static double softplus(double t) {
            return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
        }
    }
}
