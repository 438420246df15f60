package no.kvik.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The AMK centrals' mission log (amk_mission): acute (A) and urgent (H) ambulance missions per municipality and year,
 * with the time the central received the request and the time an ambulance was dispatched. Missions are Poisson
 * draws from the municipality's population in the year (about {@link #ACUTE_PER_PERSON_YEAR} acute and
 * {@link #URGENT_PER_PERSON_YEAR} urgent missions per inhabitant), each handled by the AMK central of the
 * municipality's catchment trust. Call-to-dispatch minutes are log-normal with a median of
 * {@link #ACUTE_MEDIAN_MINUTES} (acute) or {@link #URGENT_MEDIAN_MINUTES} (urgent); one planted AMK central
 * dispatches acute missions {@link #PLANTED_FACTOR} times slower, named in truth.json under {@code amk_dispatch}.
 * A unit extract with its own stream (kind UNITS, the extract's ordinal), so no other file changes.
 */
final class AmkMissions {
    static final double ACUTE_PER_PERSON_YEAR = 0.045;
    static final double URGENT_PER_PERSON_YEAR = 0.05;
    static final double ACUTE_MEDIAN_MINUTES = 1.6;
    static final double URGENT_MEDIAN_MINUTES = 4.0;
    static final double LOG_SD = 0.55;
    static final double PLANTED_FACTOR = 1.8;
    /** Share of dispatches whose time was not registered. */
    static final double MISSING_DISPATCH = 0.03;
    static final double URGENCY_CHANGED = 0.05;
    private static final long PLANT_STREAM = 9_102;

    private final SynthReference ref;
    private final String plantedCentral;

    AmkMissions(SynthReference ref, long seed) {
        this.ref = ref;
        this.plantedCentral = plantedCentral(ref, seed);
    }

    /** The planted central: drawn among those that handle some municipality's missions (not every trust's AMK does). */
    static String plantedCentral(SynthReference ref, long seed) {
        TreeSet<String> handling = new TreeSet<>();
        for (int m = 0; m < ref.municipalities.size(); m++) handling.add(centralOf(ref, m));
        List<String> centrals = new ArrayList<>(handling);
        return centrals.get(Rng.stream(seed, Rng.UNITS, 0, PLANT_STREAM).nextInt(centrals.size()));
    }

    static Map<String, Object> truth(SynthReference ref, long seed) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("central_id", plantedCentral(ref, seed));
        t.put("acute_median_minutes", ACUTE_MEDIAN_MINUTES);
        t.put("planted_factor", PLANTED_FACTOR);
        t.put("note", "acute missions of this AMK central are dispatched 1.8 times slower (call to dispatch)");
        return t;
    }

    /** The AMK central of the municipality's catchment trust (for a city split by district, its first district's). */
    static String centralOf(SynthReference ref, int m) {
        return ref.amkByBohf.get(ref.sites.get(ref.catchmentSites.get(m)[0]).bohf());
    }

    void write(ExtractWriter w, SplittableRandom r, int year, ChunkStats stats) {
        int jan1 = Civil.yearStart(year);
        int days = Civil.daysInYear(year);
        long n = 0;
        for (int m = 0; m < ref.municipalities.size(); m++) {
            int pop = 0;
            for (int s = 0; s < 2; s++) for (int a = 0; a <= People.MAX_AGE; a++) pop += stats.population[m][s][a];
            if (pop == 0) continue;
            SynthReference.Municipality mu = ref.municipalities.get(m);
            String central = centralOf(ref, m);
            int acute = Rng.poisson(r, pop * ACUTE_PER_PERSON_YEAR);
            int urgent = Rng.poisson(r, pop * URGENT_PER_PERSON_YEAR);
            for (int i = 0; i < acute + urgent; i++) {
                boolean isAcute = i < acute;
                int day = jan1 + r.nextInt(days);
                long received = day * Civil.SECONDS_PER_DAY + (long) (r.nextDouble() * Civil.SECONDS_PER_DAY);
                double median = isAcute ? ACUTE_MEDIAN_MINUTES * (central.equals(plantedCentral) ? PLANTED_FACTOR : 1)
                        : URGENT_MEDIAN_MINUTES;
                double minutes = median * Math.exp(LOG_SD * r.nextGaussian());
                boolean registered = r.nextDouble() >= MISSING_DISPATCH;
                w.str(0, "M" + year + "-" + (++n)).str(1, central).str(2, mu.number()).str(3, isAcute ? "A" : "H")
                        .bool(4, r.nextDouble() < URGENCY_CHANGED).ts(5, received);
                if (registered) w.ts(6, received + Math.max(5, Math.round(minutes * 60))); else w.empty(6);
                w.end();
            }
        }
    }
}
