package no.kvik.synth;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The synthetic resident register: one slot per inhabitant, grouped by municipality. A slot keeps its
 * municipality for the whole run; when its occupant dies, a newborn takes the slot at the next
 * 1 January (new generation, new patient id), so each municipality's population stays round(S × real).
 *
 * <p>Age-sex pyramid (documented basis): Gompertz survival (rate 0.098/year; level 2.6e-5 men, 1.9e-5
 * women) times cohort-size terms (a baby-boom bump around age 58, a 1990s bump around 35, smaller recent
 * birth cohorts) and a 0.35%/year cohort trend, tuned so that about 16-17% are 67+ and 5% 80+, close to
 * SSB's 2024 figures. Small municipalities get an older pyramid (rural ageing); the planted case-mix
 * catchment gets an older pyramid and higher frailty.
 */
final class People {
    static final int MAX_AGE = 105;
    static final int DEAD_NEVER = Integer.MAX_VALUE;

    final int size;
    final int[] muni;
    final int[] site;
    final byte[] male;
    final int[] birthDay;
    final float[] frail;
    final int[] deathDay;
    final int[] generation;
    /** Day the current long-term nursing-home stay ends (0 when none). */
    final int[] nursingUntil;
    /** Underlying cause of a scheduled death (ICD-10), or null. */
    final String[] deathCause;
    /** Index of the first slot of each municipality; muniStart[n] = size. */
    final int[] muniStart;
    /**
     * The heart-attack and heart-failure stays whose year of follow-up is not over, by slot (few persons, so a map
     * rather than an array per slot): written by {@link SomaticEpisodes}, read by {@link CardiacMedicationRegistry}.
     * A slot is only touched by its own chunk, and years run one after the other, so no two threads share a key.
     */
    final Map<Integer, CardiacMedicationRegistry.Stays> cardiacStays = new ConcurrentHashMap<>();

    People(SynthReference ref, Plan plan, double scale, long seed, int firstYear) {
        int n = ref.municipalities.size();
        muniStart = new int[n + 1];
        int total = 0;
        for (int m = 0; m < n; m++) {
            muniStart[m] = total;
            total += target(ref.municipalities.get(m).population(), scale);
        }
        muniStart[n] = total;
        size = total;
        muni = new int[size];
        site = new int[size];
        male = new byte[size];
        birthDay = new int[size];
        frail = new float[size];
        deathDay = new int[size];
        generation = new int[size];
        nursingUntil = new int[size];
        deathCause = new String[size];
        for (int m = 0; m < n; m++) {
            SplittableRandom r = Rng.stream(seed, Rng.POPULATION, 0, m);
            double[][] cdf = pyramid(plan.olderness(m));
            int[] sites = ref.catchmentSites.get(m);
            for (int i = muniStart[m]; i < muniStart[m + 1]; i++) {
                muni[i] = m;
                boolean isMale = r.nextDouble() < 0.503;
                male[i] = (byte) (isMale ? 1 : 0);
                int age = Rng.pickCumulative(r, cdf[isMale ? 1 : 0]);
                // born in the year (firstYear - age - 1), after 1 January, so the age on 1 January is exact
                int yb = Civil.yearStart(firstYear - age - 1);
                birthDay[i] = yb + 1 + r.nextInt(364);
                site[i] = sites[r.nextInt(sites.length)];
                frail[i] = (float) (r.nextGaussian() + plan.frailtyShift(site[i]));
                deathDay[i] = DEAD_NEVER;
            }
        }
    }

    /** Persons in a municipality at scale S: round(S × real population), at least 5 so every municipality appears. */
    static int target(int realPopulation, double scale) {
        return (int) Math.max(5, Math.round(scale * realPopulation));
    }

    /** Cumulative age distribution 0..105 for women [0] and men [1]. */
    static double[][] pyramid(double olderness) {
        double[][] cdf = new double[2][MAX_AGE + 1];
        for (int s = 0; s < 2; s++) {
            double level = s == 1 ? 2.6e-5 : 1.9e-5;
            double sum = 0;
            for (int a = 0; a <= MAX_AGE; a++) {
                double surv = Math.exp(-(level / 0.098) * (Math.exp(0.098 * a) - 1));
                double cohort = 1 + 0.10 * Math.exp(-sq((a - 58) / 12.0)) + 0.08 * Math.exp(-sq((a - 35) / 8.0))
                        - 0.06 * Math.exp(-sq((a - 2) / 5.0));
                double w = surv * cohort * Math.exp(-0.0035 * a) * Math.exp(olderness * (a - 40) / 40.0);
                sum += a == MAX_AGE ? w * 0.3 : w;
                cdf[s][a] = sum;
            }
        }
        return cdf;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Stable pseudonymous id of the current occupant of a slot. */
    long uid(int slot) {
        return (long) generation[slot] * size + slot;
    }

    static void appendPatientId(StringBuilder sb, long uid) {
        sb.append('P');
        int digits = 1;
        for (long t = uid; t >= 10; t /= 10) digits++;
        for (int i = digits; i < 10; i++) sb.append('0');
        sb.append(uid);
    }

    int age(int slot, int day) {
        return Civil.age(birthDay[slot], day);
    }
}
