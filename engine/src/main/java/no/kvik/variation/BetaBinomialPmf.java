package no.kvik.variation;

import java.util.Arrays;

/**
 * The beta-binomial(n, a, b) pmf at one n from one pass, kept with its cumulative sums from both ends, so that every
 * tail the limit searches and the units at that n ask for, plain or mid-p, is two array reads instead of a pass of
 * its own (issue #17: the exact over-dispersed tails were most of a population indicator's analysis and of a
 * report's funnel curves).
 * <p>
 * Terms by the pmf ratios of {@link Tails#betaBinomial} (no log-beta differences), relative to the term at the mean
 * n·a/(a + b); every sum compensated (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen"), and a tail is read from the end it is smaller at, so no tail loses digits to a difference.
 * Log-concave pmf (a, b ≥ 1): the counts are kept out to where the rest is below 1e-17 of the sum (the stopping rule
 * of {@link Tails#betaBinomial}); the mass beyond each end is then summed on, not kept, until its own rest is below
 * 1e-17 of it, so the tail of every kept count is exact to double precision. A count outside the kept ones has a
 * tail below about 1e-17 and none here ({@link #tails} gives null: the caller sums it outwards from the count).
 * J- or U-shaped pmf (a or b below 1): every count 0..n is kept. No table (null from {@link #of}) when more than
 * {@link #MAX_TERMS} counts would be kept, or a term would leave the double range.
 */
final class BetaBinomialPmf {
    /** Most counts kept: 16 bytes each (pmf and cumulative sum), so at most 32 MB a table. */
    static final int MAX_TERMS = 2_000_000;

    private final long first;
    /** pmf(first + i) relative to the pmf at the mean. */
    private final double[] w;
    /** i below {@link #split}: Σ_{j ≤ i} w + {@link #below}; from split on: Σ_{j ≥ i} w + {@link #above}. */
    private final double[] cumulative;
    /** The first index whose prefix sum reaches half the total: every tail read from a stored sum of at most ~½. */
    private final int split;
    /** The mass below the first kept count and above the last one (0 when the ends are 0 and n). */
    private final double below;
    private final double above;
    private final double total;

    private BetaBinomialPmf(long first, double[] w, double below, double above) {
        this.first = first;
        this.w = w;
        this.below = below;
        this.above = above;
        this.cumulative = new double[w.length];
        Neumaier prefix = new Neumaier(below);
        for (int i = 0; i < w.length; i++) {
            prefix.add(w[i]);
            cumulative[i] = prefix.value();
        }
        prefix.add(above);
        this.total = prefix.value();
        // the prefix sums rise: the first index reaching half the total by bisection; from there on, suffix sums
        int lo = -1;
        int hi = w.length;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= total / 2) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        this.split = hi;
        Neumaier suffix = new Neumaier(above);
        for (int j = w.length - 1; j >= split; j--) {
            suffix.add(w[j]);
            cumulative[j] = suffix.value();
        }
    }

    /**
     * The pmf of beta-binomial(n, a, b) with its cumulative sums, or null when n &lt; 1, a or b is not positive, more
     * than {@link #MAX_TERMS} counts would be kept, or a term leaves the double range.
     */
    static BetaBinomialPmf of(long n, double a, double b) {
        if (n < 1 || !(a > 0) || !(b > 0)) {
            return null;
        }
        boolean logConcave = a >= 1 && b >= 1;
        if (!logConcave && n >= MAX_TERMS) {
            return null;
        }
        long start = Math.max(0, Math.min(n, Math.round(n * a / (a + b))));
        Walk down = walk(n, a, b, start, -1, logConcave);
        Walk up = down == null ? null : walk(n, a, b, start, +1, logConcave);
        if (up == null || (long) down.count() + 1 + up.count() > MAX_TERMS) {
            return null;
        }
        double[] w = new double[down.count() + 1 + up.count()];
        for (int i = 0; i < down.count(); i++) {
            w[down.count() - 1 - i] = down.terms()[i];
        }
        w[down.count()] = 1;
        System.arraycopy(up.terms(), 0, w, down.count() + 1, up.count());
        return new BetaBinomialPmf(start - down.count(), w, down.beyond(), up.beyond());
    }

    /** The lowest kept count; the mass below it is under 1e-17 of the total (or it is 0). */
    long first() {
        return first;
    }

    /** The highest kept count. */
    long last() {
        return first + w.length - 1;
    }

    /**
     * P(X ≤ O) and P(X ≥ O), or mid-p P(X &lt; O) + ½P(X = O) and P(X &gt; O) + ½P(X = O), as {@link Tails#betaBinomial}
     * defines them; null when O is not a kept count.
     */
    Tails tails(long o, boolean midP) {
        if (o < first || o > last()) {
            return null;
        }
        int i = (int) (o - first);
        double low = midP ? atMost(i - 1) + 0.5 * w[i] : atMost(i);
        double high = midP ? atLeast(i + 1) + 0.5 * w[i] : atLeast(i);
        return new Tails(Math.min(1, low / total), Math.min(1, high / total));
    }

    /** The smallest kept count whose high tail is below α; {@link #last()} + 1 when none is. */
    long smallestHighBelow(double alpha, boolean midP) {
        int lo = -1; // high(lo) ≥ α or before the first
        int hi = w.length; // high(hi) < α or past the last
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (tails(first + mid, midP).high() < alpha) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return first + hi;
    }

    /** The largest kept count whose low tail is below α; {@link #first()} − 1 when none is. */
    long largestLowBelow(double alpha, boolean midP) {
        int lo = -1; // low(lo) < α or before the first
        int hi = w.length; // low(hi) ≥ α or past the last
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (tails(first + mid, midP).low() < alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return first + lo;
    }

    /** Σ of the pmf (relative) over the counts up to index i; i from −1 (the mass below the kept counts). */
    private double atMost(int i) {
        if (i < 0) {
            return below;
        }
        return i < split ? cumulative[i] : total - atLeast(i + 1);
    }

    /** Σ of the pmf (relative) over the counts from index i; i up to w.length (the mass above the kept counts). */
    private double atLeast(int i) {
        if (i >= w.length) {
            return above;
        }
        return i >= split ? cumulative[i] : total - atMost(i - 1);
    }

    /** The kept ratios to the start's term stepping away from it, and the mass summed beyond them. */
    private record Walk(double[] terms, int count, double beyond) {
    }

    /**
     * The pmf relative to pmf(start) at start + step, start + 2·step, …, kept until the log-concave bound term·r/(1 − r)
     * on the rest is below 1e-17 of the sum (as {@link Tails#betaBinomial} stops), then summed on, not kept, until
     * that bound is below 1e-17 of the mass beyond; to 0 or n when not log-concave. Null past {@link #MAX_TERMS} or
     * when a term leaves the double range.
     */
    private static Walk walk(long n, double a, double b, long start, int step, boolean logConcave) {
        double[] terms = new double[64];
        int count = 0;
        double term = 1;
        double sum = 1;
        boolean keeping = true;
        Neumaier beyond = new Neumaier(0);
        for (long x = start; step < 0 ? x > 0 : x < n; x += step) {
            double ratio = step < 0 ? ratioDown(n, a, b, x) : ratioUp(n, a, b, x);
            term *= ratio;
            if (!(term < 1e250)) {
                return null;
            }
            if (keeping) {
                if (count == terms.length) {
                    if (count >= MAX_TERMS) {
                        return null;
                    }
                    terms = Arrays.copyOf(terms, Math.min(2 * count, MAX_TERMS));
                }
                terms[count++] = term;
                sum += term;
                // log-concave: later ratios are ≤ this one, so the rest is at most term·r/(1 − r)
                keeping = !(logConcave && ratio < 1 && term * ratio < 1e-17 * sum * (1 - ratio));
            } else {
                beyond.add(term);
                if (ratio < 1 && term * ratio < 1e-17 * beyond.value() * (1 - ratio)) {
                    break;
                }
            }
        }
        return new Walk(terms, count, beyond.value());
    }

    /** pmf(x−1)/pmf(x) = x(n − x + b)/((n − x + 1)(x − 1 + a)), each factor rounded once (see {@link #timesSum}). */
    static double ratioDown(long n, double a, double b, long x) {
        return timesSum(x, n - x, b) / timesSum(n - x + 1, x - 1, a);
    }

    /** pmf(x+1)/pmf(x) = (n − x)(x + a)/((x + 1)(n − x − 1 + b)), each factor rounded once (see {@link #timesSum}). */
    static double ratioUp(long n, double a, double b, long x) {
        return timesSum(n - x, x, a) / timesSum(x + 1, n - x - 1, b);
    }

    /**
     * u·(v + w) rounded once: the rounding error of v + w (TwoSum, Knuth TAOCP vol. 2 §4.2.2) folded into the product
     * by a fused multiply-add. A term is a product of up to 10⁶ ratios, and the rounding of x + a has the same sign
     * for many x in a row, so unfolded it piles up (1.4e-12 relative after 66,520 steps in BetaBinomialTailsTest).
     */
    private static double timesSum(double u, double v, double w) {
        double s = v + w;
        double bv = s - v;
        double err = (v - (s - bv)) + (w - bv);
        return Math.fma(u, s, u * err);
    }

    /** Neumaier's compensated running sum (improved Kahan–Babuška). */
    private static final class Neumaier {
        private double sum;
        private double compensation;

        Neumaier(double initial) {
            sum = initial;
        }

        void add(double x) {
            double t = sum + x;
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
