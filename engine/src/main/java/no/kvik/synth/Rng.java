package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * Independent random streams per work unit, so output never depends on thread scheduling: the seed of a
 * stream is a SplitMix64 hash of (run seed, stream kind, year, chunk).
 */
final class Rng {
    static final int POPULATION = 1;
    static final int YEAR_CHUNK = 2;
    static final int EFFECTS = 3;
    static final int UNITS = 4;
    static final int FAULTS = 6;
    /** Coercion decisions and pathways of mental-health episodes, apart so they never shift the episodes. */
    static final int MENTAL_DETAIL = 7;
    /** The municipal service figures (issue #16): their plants and the older persons' GP dispensings. */
    static final int MUNICIPAL_SERVICES = 8;
    /** The cardiac-arrest family's own draws (per year and chunk), apart from the chunk's shared streams. */
    static final int CARDIAC_ARREST = 9;
    /** The contacts of mental-health episodes (npr_mh_contact) and their trusts' effects, apart so they never shift the episodes. */
    static final int MENTAL_CONTACTS = 21;
    /** The medication after a heart attack or heart-failure stay (per stay), apart from every other stream. */
    static final int CARDIAC_MEDICATION = 10;

    private Rng() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom stream(long seed, int kind, int year, long unit) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h + kind);
        h = mix(h + year);
        h = mix(h + unit);
        return new SplittableRandom(h);
    }

    /** Poisson draw by inversion (Bernoulli with the same mean below 0.02); fine for per-person yearly means. */
    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) return 0;
        // small means: a Bernoulli draw has the same expectation and avoids exp()
        if (mean < 0.02) return r.nextDouble() < mean ? 1 : 0;
        if (mean > 30) {
            long v = Math.round(mean + Math.sqrt(mean) * r.nextGaussian());
            return (int) Math.max(0, v);
        }
        double l = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        double term = l;
        double cdf = l;
        while (p > cdf && k < 200) {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }

    /** Binomial draw (normal approximation for large n). */
    static int binomial(SplittableRandom r, int n, double p) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n > 200) {
            double m = n * p;
            long v = Math.round(m + Math.sqrt(m * (1 - p)) * r.nextGaussian());
            return (int) Math.min(n, Math.max(0, v));
        }
        int k = 0;
        for (int i = 0; i < n; i++) if (r.nextDouble() < p) k++;
        return k;
    }

    static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static <T> T pick(SplittableRandom r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    /** Index drawn from cumulative weights (last element = total). */
    static int pickCumulative(SplittableRandom r, double[] cumulative) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }
}
