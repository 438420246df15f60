package no.kvik.variation;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The two one-sided tail probabilities of a unit's observed value under the funnel's null model: {@code low} is
 * P(X ≤ O) and {@code high} is P(X ≥ O), or their mid-p versions P(X < O) + ½P(X = O) and P(X > O) + ½P(X = O).
 * A unit's flag, p-value and z all come from one Tails (statistics.md "Flags and p-values").
 */
public record Tails(double low, double high) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Two-sided p-value 2·min(low, high), capped at 1. */
    public double twoSided() {
        return Math.min(1, 2 * Math.min(low, high));
    }

    /** True when the smaller tail is the high one. */
    public boolean highSide() {
        return high < low;
    }

    /**
     * Signed normal equivalent of the smaller one-sided tail: Φ⁻¹(1 − high) or −Φ⁻¹(1 − low); 0 when neither
     * tail is below ½ (possible for plain exact tails, which overlap at P(X = O)). ±∞ when the tail underflows.
     */
    public double z() {
        double smaller = Math.min(low, high);
        if (!(smaller < 0.5)) {
            return 0;
        }
        double magnitude = STANDARD_NORMAL.inverseSurvivalProbability(smaller);
        return highSide() ? magnitude : -magnitude;
    }

    /** Tails of a standard-normal z-score: Φ(z) and 1 − Φ(z). */
    public static Tails normal(double z) {
        return new Tails(STANDARD_NORMAL.cumulativeProbability(z), STANDARD_NORMAL.survivalProbability(z));
    }

    /**
     * Binomial(n, p0) tails of O, valid for n beyond int range: P(X ≥ k) = I_p0(k, n − k + 1) and
     * P(X ≤ k) = 1 − I_p0(k + 1, n − k) (regularised incomplete beta, Abramowitz &amp; Stegun 26.5.24).
     */
    public static Tails binomial(double n, double p0, double o, boolean midP) {
        return midP
                ? new Tails(0.5 * (binomialAtMost(n, p0, o) + binomialAtMost(n, p0, o - 1)),
                        0.5 * (binomialAtLeast(n, p0, o) + binomialAtLeast(n, p0, o + 1)))
                : new Tails(binomialAtMost(n, p0, o), binomialAtLeast(n, p0, o));
    }

    /** Poisson(μ) tails of O: P(X ≥ k) = P(k, μ), P(X ≤ k) = Q(k + 1, μ) (regularised gamma, A&amp;S 26.4.21). */
    public static Tails poisson(double mu, double o, boolean midP) {
        return midP
                ? new Tails(0.5 * (poissonAtMost(mu, o) + poissonAtMost(mu, o - 1)),
                        0.5 * (poissonAtLeast(mu, o) + poissonAtLeast(mu, o + 1)))
                : new Tails(poissonAtMost(mu, o), poissonAtLeast(mu, o));
    }

    /**
     * Negative binomial tails of O with mean μ and size k (variance μ + μ²/k), q = k/(k + μ):
     * P(X ≤ x) = I_q(k, x + 1) (Johnson, Kemp &amp; Kotz, Univariate Discrete Distributions, 5.31).
     */
    public static Tails negativeBinomial(double mu, double size, double o, boolean midP) {
        double q = size / (size + mu);
        return midP
                ? new Tails(0.5 * (nbAtMost(q, size, o) + nbAtMost(q, size, o - 1)),
                        0.5 * (nbAtLeast(q, size, o) + nbAtLeast(q, size, o + 1)))
                : new Tails(nbAtMost(q, size, o), nbAtLeast(q, size, o));
    }

    /**
     * Beta-binomial(n, a, b) tails of O from the pmf C(n,x)·B(x + a, n − x + b)/B(a, b) by its ratios (no log-beta
     * differences, which lose digits when a, b are large): read from the one-pass table of {@link BetaBinomialPmf}
     * when O is one of its kept counts, else (O where the tail is below about 1e-17, or no table) by
     * {@link #betaBinomialSummedFromCount}. O(n) at worst, so meant for n up to about 10⁷.
     */
    public static Tails betaBinomial(long n, double a, double b, long o, boolean midP) {
        return betaBinomial(BetaBinomialPmf.of(n, a, b), n, a, b, o, midP);
    }

    /** As {@link #betaBinomial(long, double, double, long, boolean)} with the table at n already made (or null: none). */
    static Tails betaBinomial(BetaBinomialPmf pmf, long n, double a, double b, long o, boolean midP) {
        Tails kept = pmf == null ? null : pmf.tails(o, midP);
        return kept != null ? kept : betaBinomialSummedFromCount(n, a, b, o, midP);
    }

    /**
     * Beta-binomial(n, a, b) tails of O summed outwards from O by the pmf ratio and divided by the total. When
     * a, b ≥ 1 the pmf is log-concave and a side stops once its remainder bound is negligible; otherwise (J- or
     * U-shaped pmf) every term is summed. Exact down to the smallest doubles (the sums are kept relative to pmf(O)).
     */
    static Tails betaBinomialSummedFromCount(long n, double a, double b, long o, boolean midP) {
        boolean logConcave = a >= 1 && b >= 1;
        double[] below = sumSide(n, a, b, o, -1, logConcave);
        double[] above = sumSide(n, a, b, o, +1, logConcave);
        // each side is mantissa·e^scale relative to pmf(O) = 1
        double lb = Math.log(below[0]) + below[1];
        double la = Math.log(above[0]) + above[1];
        double m = Math.max(0, Math.max(lb, la));
        double atO = Math.exp(-m);
        double sb = Math.exp(lb - m);
        double sa = Math.exp(la - m);
        double total = atO + sb + sa;
        double half = midP ? 0.5 : 1;
        return new Tails(Math.min(1, (sb + half * atO) / total), Math.min(1, (sa + half * atO) / total));
    }

    /**
     * Σ pmf(x)/pmf(O) over x on one side of O (step −1 or +1) as {mantissa, log scale}, by the ratios
     * pmf(x−1)/pmf(x) = x(n−x+b)/((n−x+1)(x−1+a)) and pmf(x+1)/pmf(x) = (n−x)(x+a)/((x+1)(n−x−1+b)).
     */
    private static double[] sumSide(long n, double a, double b, long o, int step, boolean logConcave) {
        double term = 1;
        double sum = 0;
        double logScale = 0;
        for (long x = o; step < 0 ? x > 0 : x < n; x += step) {
            double ratio = step < 0 ? BetaBinomialPmf.ratioDown(n, a, b, x) : BetaBinomialPmf.ratioUp(n, a, b, x);
            term *= ratio;
            sum += term;
            if (term > 1e250) {
                term /= 1e250;
                sum /= 1e250;
                logScale += Math.log(1e250);
            }
            // log-concave: later ratios are ≤ this one, so the rest is at most term·r/(1 − r)
            if (logConcave && ratio < 1 && term * ratio / (1 - ratio) < 1e-17 * (sum + (logScale == 0 ? 1 : 0))) {
                break;
            }
        }
        return new double[] {sum, logScale};
    }

    private static double binomialAtLeast(double n, double p0, double k) {
        if (k <= 0) {
            return 1;
        }
        return k > n ? 0 : RegularizedBeta.value(p0, k, n - k + 1);
    }

    private static double binomialAtMost(double n, double p0, double k) {
        if (k < 0) {
            return 0;
        }
        return k >= n ? 1 : RegularizedBeta.complement(p0, k + 1, n - k);
    }

    private static double poissonAtLeast(double mu, double k) {
        return k <= 0 ? 1 : RegularizedGamma.P.value(k, mu);
    }

    private static double poissonAtMost(double mu, double k) {
        return k < 0 ? 0 : RegularizedGamma.Q.value(k + 1, mu);
    }

    private static double nbAtMost(double q, double size, double x) {
        return x < 0 ? 0 : RegularizedBeta.value(q, size, x + 1);
    }

    private static double nbAtLeast(double q, double size, double k) {
        return k <= 0 ? 1 : RegularizedBeta.complement(q, size, k);
    }
}
