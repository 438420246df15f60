package no.kvik.variation;

import java.util.Arrays;

/**
 * Where the exact over-dispersed limits of a proportion lie, from one pass over the beta-binomial(n, a, b) pmf:
 * the smallest count whose high tail is below α and the largest whose low tail is below α. Only a starting point:
 * {@link FunnelModel}'s limit search still decides every count with {@link Tails#betaBinomial} and returns the
 * same boundary from any start (the tails are monotone in O), but started here it needs two tail sums per side
 * instead of about twenty (issue #17: the limits of a population indicator's municipalities took most of its
 * analysis). Meant for the log-concave pmf (a, b ≥ 1), where a walk out from the mean can stop once the rest is
 * negligible; elsewhere, and past {@link #MAX_TERMS} terms, there is no guess.
 */
final class BetaBinomialGuess {
    /** Most pmf terms summed for a guess (2 × 8 MB of doubles); a wider pmf goes without (the search still works). */
    static final int MAX_TERMS = 2_000_000;

    /**
     * The guesses, or null when there is none.
     *
     * @param upper smallest count with high tail below α (n when none is)
     * @param lower largest count with low tail below α (−1 when none is)
     * @param lowestSummed the lowest count the pass reached; the pmf's mass below it is under 1e-17 of the total
     */
    record Guess(long upper, long lower, long lowestSummed) {
    }

    private BetaBinomialGuess() {
    }

    /**
     * The beta-binomial(n, a, b) pmf relative to its value at the mean, over the counts {@code first} ..
     * {@code first + w.length − 1} outside which the rest is below 1e-17 of the sum; one pass serves every level.
     */
    record Pmf(long n, long first, double[] w, double total) {
    }

    /**
     * The pmf of beta-binomial(n, a, b) summed by the ratios of {@link Tails#betaBinomial}, walking out from the mean
     * n·a/(a + b) until the rest is below 1e-17 of the sum (log-concave bound); null when not log-concave (a or b
     * below 1) or wider than {@link #MAX_TERMS}.
     */
    static Pmf pmf(long n, double a, double b) {
        if (!(a >= 1 && b >= 1) || n < 1) {
            return null;
        }
        long start = Math.max(0, Math.min(n, Math.round(n * a / (a + b))));
        double[] down = walk(n, a, b, start, -1);
        double[] up = down == null ? null : walk(n, a, b, start, +1);
        if (up == null) {
            return null;
        }
        int below = (int) down[0];
        int above = (int) up[0];
        double[] w = new double[below + 1 + above];
        for (int i = 0; i < below; i++) {
            w[below - 1 - i] = down[i + 1];
        }
        w[below] = 1;
        System.arraycopy(up, 1, w, below + 1, above);
        double total = 0;
        for (double t : w) {
            total += t;
        }
        return new Pmf(n, start - below, w, total);
    }

    /** As {@link #guess(Pmf, double, boolean)} on the pmf of beta-binomial(n, a, b); null when it has no {@link #pmf}. */
    static Guess of(long n, double a, double b, double alpha, boolean midP) {
        Pmf pmf = pmf(n, a, b);
        return pmf == null ? null : guess(pmf, alpha, midP);
    }

    /** The counts where the pmf's tails, plain P(X ≤ O), P(X ≥ O) or mid-p, cross α. */
    static Guess guess(Pmf pmf, double alpha, boolean midP) {
        double[] w = pmf.w();
        double total = pmf.total();
        double half = midP ? 0.5 : 1;
        // upper: smallest x with (Σ_{y>x} + half·w(x)) / total < α, scanned down from the top
        long upper = pmf.n();
        double beyond = 0;
        for (int i = w.length - 1; i >= 0; i--) {
            if ((beyond + half * w[i]) / total < alpha) {
                upper = pmf.first() + i;
            } else {
                break;
            }
            beyond += w[i];
        }
        // lower: largest x with (Σ_{y<x} + half·w(x)) / total < α, scanned up from the bottom
        long lower = -1;
        double before = 0;
        for (int i = 0; i < w.length; i++) {
            if ((before + half * w[i]) / total < alpha) {
                lower = pmf.first() + i;
            } else {
                break;
            }
            before += w[i];
        }
        return new Guess(upper, lower, pmf.first());
    }

    /**
     * The pmf ratios to pmf(start) stepping from start (excluded) by {@code step}: {count, t1, t2, …}; null past
     * {@link #MAX_TERMS}. Stops at 0 or n, or once the log-concave remainder bound term·r/(1 − r) is below
     * 1e-17 of the sum.
     */
    private static double[] walk(long n, double a, double b, long start, int step) {
        double[] terms = new double[64];
        int count = 0;
        double term = 1;
        double sum = 1;
        for (long x = start; step < 0 ? x > 0 : x < n; x += step) {
            // pmf(x−1)/pmf(x) and pmf(x+1)/pmf(x) as in Tails.sumSide
            double ratio = step < 0 ? x * (n - x + b) / ((n - x + 1) * (x - 1 + a))
                    : (n - x) * (x + a) / ((x + 1) * (n - x - 1 + b));
            term *= ratio;
            if (count + 2 > terms.length) {
                if (terms.length > MAX_TERMS) {
                    return null;
                }
                terms = Arrays.copyOf(terms, terms.length * 2);
            }
            terms[++count] = term;
            sum += term;
            if (ratio < 1 && term * ratio / (1 - ratio) < 1e-17 * sum) {
                break;
            }
        }
        terms[0] = count;
        return terms;
    }
}
