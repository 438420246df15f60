package no.kvik.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Case-mix logistic model logit P(event) = β0 + Σ βk xk fitted by IRLS on covariate patterns, without a unit
 * term (SHMI, AHRQ and PHS all do this), with its diagnostics. When maximum likelihood does not exist
 * (separation), the model is Firth's penalised fit with its intercept recalibrated so that ΣE = ΣO.
 */
public record LogisticModel(GlmFit fit, ModelDiagnostics diagnostics) {
    /** Number of risk groups for calibration and Hosmer–Lemeshow. */
    public static final int GROUPS = 10;

    /**
     * Maximum likelihood; on separation (or IRLS not converging) {@link Firth}, then {@link #recalibrate}.
     * Throws GlmException when neither can be fitted (collinear columns, no events or only events).
     */
    public static LogisticModel fit(Patterns patterns) {
        GlmFit fit;
        Estimation estimation;
        try {
            fit = Glm.fit(patterns.names(), patterns.x(), patterns.events(), patterns.trials(), null,
                    GlmFamily.BINOMIAL_LOGIT);
            estimation = Estimation.maximumLikelihood();
        } catch (SeparationException e) {
            GlmFit firth = Firth.fit(patterns.names(), patterns.x(), patterns.events(), patterns.trials());
            double shift = interceptShift(patterns, firth);
            fit = recalibrate(patterns, firth, shift);
            estimation = new Estimation(Estimation.FIRTH, "maximum likelihood does not exist: " + e.finding(), shift);
        }
        return new LogisticModel(fit, diagnose(fit, patterns, estimation));
    }

    /**
     * The amount δ to add to the intercept so that Σ nᵢ expit(ηᵢ + δ) = Σ yᵢ, by safeguarded Newton steps (the
     * sum increases strictly with δ). Firth's adjusted score gives ΣO − ΣE = Σ hᵢ(μᵢ − ½) ≠ 0, but indirect
     * standardisation needs ΣE = ΣO on the fitting population (the nation's O/E is 1), as the ML score equation
     * guarantees. Shifting the intercept is recalibration in the large (Steyerberg, Clinical Prediction Models,
     * 2nd ed. 2019, model updating: the intercept re-estimated with the linear predictor as offset); it keeps Firth's
     * odds ratios.
     */
    static double interceptShift(Patterns patterns, GlmFit fit) {
        double[] n = patterns.trials();
        double[] y = patterns.events();
        double[] mu = fit.fitted();
        double observed = 0;
        double total = 0;
        double[] eta = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            observed += y[i];
            total += n[i];
            eta[i] = Math.log(mu[i] / (1 - mu[i]));
        }
        if (observed == 0 || observed == total) {
            throw new GlmException((observed == 0 ? "no case is an event" : "every case is an event")
                    + " in the fitting population: expected counts cannot be calibrated to the observed");
        }
        double low = -50;
        double high = 50;
        double delta = 0;
        for (int iter = 0; iter < 200; iter++) {
            double expected = 0;
            double slope = 0;
            for (int i = 0; i < mu.length; i++) {
                double p = 1 / (1 + Math.exp(-(eta[i] + delta)));
                expected += n[i] * p;
                slope += n[i] * p * (1 - p);
            }
            double gap = expected - observed;
            if (Math.abs(gap) <= 1e-13 * observed) {
                return delta;
            }
            if (gap > 0) {
                high = delta;
            } else {
                low = delta;
            }
            double next = delta - gap / slope;
            delta = next > low && next < high ? next : (low + high) / 2;
        }
        throw new GlmException("intercept recalibration did not converge");
    }

    /** The fit with δ added to the intercept (column 0), fitted values, deviance and AIC at the shifted β. */
    static GlmFit recalibrate(Patterns patterns, GlmFit fit, double delta) {
        double[] beta = fit.coefficients().clone();
        beta[0] += delta;
        double[] n = patterns.trials();
        double[] events = patterns.events();
        double[] mu = new double[n.length];
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            double eta = 0;
            for (int a = 0; a < beta.length; a++) {
                eta += patterns.x()[i][a] * beta[a];
            }
            mu[i] = 1 / (1 + Math.exp(-eta));
            y[i] = events[i] / n[i];
        }
        GlmFamily family = GlmFamily.BINOMIAL_LOGIT;
        return new GlmFit(family, fit.names(), beta, fit.standardErrors(), fit.covariance(), mu,
                Glm.deviance(y, mu, n, family), fit.nullDeviance(), Glm.aic(events, n, mu, family, beta.length),
                fit.iterations(), fit.rows());
    }

    public List<String> names() {
        return fit.names();
    }

    /** Predicted probability 1/(1 + e^−xβ) for one design row. */
    public double predict(double[] row) {
        double eta = 0;
        for (int j = 0; j < row.length; j++) {
            eta += row[j] * fit.coefficients()[j];
        }
        return 1 / (1 + Math.exp(-eta));
    }

    static ModelDiagnostics diagnose(GlmFit fit, Patterns patterns, Estimation estimation) {
        int m = patterns.size();
        double[] p = fit.fitted();
        double[] n = patterns.trials();
        double[] y = patterns.events();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double total = 0;
        double obs = 0;
        double exp = 0;
        for (int i = 0; i < m; i++) {
            total += n[i];
            obs += y[i];
            exp += n[i] * p[i];
        }
        List<CalibrationBin> bins = groups(order, p, n, y, total);
        return new ModelDiagnostics(Coefficient.of(fit), fit.deviance(), fit.nullDeviance(), fit.aic(), fit.iterations(),
                cStatistic(order, p, n, y), hosmer(bins), bins.size() - 2, hosmerP(bins), bins, obs, exp, total, m, estimation);
    }

    /**
     * c-statistic on grouped data: P(p̂ of a random event > p̂ of a random non-event), ties ½ (Hanley &amp; McNeil
     * 1982, the Mann–Whitney form of the area under the ROC curve).
     */
    static double cStatistic(Integer[] order, double[] p, double[] n, double[] y) {
        double events = 0;
        double nonEvents = 0;
        for (int i = 0; i < p.length; i++) {
            events += y[i];
            nonEvents += n[i] - y[i];
        }
        double concordant = 0;
        double nonEventsBelow = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double tieEvents = 0;
            double tieNon = 0;
            while (j < order.length && p[order[j]] == p[order[i]]) {
                tieEvents += y[order[j]];
                tieNon += n[order[j]] - y[order[j]];
                j++;
            }
            concordant += tieEvents * (nonEventsBelow + 0.5 * tieNon);
            nonEventsBelow += tieNon;
            i = j;
        }
        return concordant / (events * nonEvents);
    }

    /**
     * Risk groups: patterns sorted by p̂, each placed whole in group ⌊G·(cases before it + n/2)/N⌋ + 1, so groups
     * are deciles of cases by predicted risk without splitting a pattern.
     */
    static List<CalibrationBin> groups(Integer[] order, double[] p, double[] n, double[] y, double total) {
        double[] cases = new double[GROUPS];
        double[] observed = new double[GROUPS];
        double[] expected = new double[GROUPS];
        double before = 0;
        for (int k : order) {
            int g = Math.min(GROUPS - 1, (int) Math.floor(GROUPS * (before + n[k] / 2) / total));
            cases[g] += n[k];
            observed[g] += y[k];
            expected[g] += n[k] * p[k];
            before += n[k];
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            if (cases[g] > 0) {
                bins.add(new CalibrationBin(g + 1, cases[g], observed[g], expected[g], expected[g] / cases[g],
                        observed[g] / cases[g]));
            }
        }
        return bins;
    }

    /** Hosmer–Lemeshow Ĉ = Σ_g (O_g − E_g)² / (E_g (1 − E_g/n_g)) (Hosmer &amp; Lemeshow 1980). */
    static double hosmer(List<CalibrationBin> bins) {
        double c = 0;
        for (CalibrationBin b : bins) {
            double d = b.observed() - b.expected();
            c += d * d / (b.expected() * (1 - b.expected() / b.cases()));
        }
        return c;
    }

    /** Upper chi-square tail with groups − 2 degrees of freedom; NaN with fewer than 3 groups. */
    static double hosmerP(List<CalibrationBin> bins) {
        int df = bins.size() - 2;
        return df < 1 ? Double.NaN : ChiSquaredDistribution.of(df).survivalProbability(hosmer(bins));
    }
}
