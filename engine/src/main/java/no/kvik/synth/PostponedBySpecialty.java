package no.kvik.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The health trusts' report of postponed planned operations by specialty ({@code trust_specialty_postponed}), per
 * hospital and month: the month's planned operations (about 6 per NCSP-coded elective operation of the year's
 * counters, as {@code trust_postponed}, drawn again on a stream of its own), each specialty's share of them a
 * binomial draw with probability {@link #SHARES} (so the specialties add up to the month only on average), each postponed with probability {@link #POSTPONED_SHARE} times a log-normal factor per hospital and
 * specialty (SD {@link #SITE_LOG_SD}, fixed over the years). Planted: one hospital postpones
 * {@link #PLANTED_FACTOR} times as many orthopaedic operations, named in truth.json under
 * {@code postponed_specialty_effects}. The breakdown is drawn apart from the totals of {@code trust_postponed},
 * so the two reports need not add up.
 */
final class PostponedBySpecialty {
    static final String[] SPECIALTIES = {"ORTHOPAEDICS", "EYE", "ENT", "DIGESTIVE", "OTHER"};
    static final double[] SHARES = {0.30, 0.12, 0.08, 0.20, 0.30};
    static final double POSTPONED_SHARE = 0.06;
    static final double SITE_LOG_SD = 0.2;
    static final double PLANTED_FACTOR = 2.0;
    /** Stream unit of the site factors and the planted site (kind UNITS, year 0): apart from every yearly stream. */
    private static final long EFFECT_STREAM = 9_005;

    private final SynthReference ref;
    private final int plantedSite;
    private final double[][] siteFactor;

    PostponedBySpecialty(Synthesizer.Run run) {
        this.ref = run.ref();
        this.plantedSite = plantedSite(ref, run.plan().seed);
        SplittableRandom r = Rng.stream(run.plan().seed, Rng.UNITS, 0, EFFECT_STREAM + 1);
        siteFactor = new double[ref.sites.size()][SPECIALTIES.length];
        for (double[] row : siteFactor) for (int k = 0; k < row.length; k++) row[k] = Math.exp(SITE_LOG_SD * r.nextGaussian());
    }

    /** The planted site: drawn from the seed among the eight hospitals with the largest local catchments. */
    static int plantedSite(SynthReference ref, long seed) {
        List<Integer> largest = ref.sitesByCatchmentPopulation().subList(0, 8);
        return largest.get(Rng.stream(seed, Rng.UNITS, 0, EFFECT_STREAM).nextInt(largest.size()));
    }

    static Map<String, Object> truth(SynthReference ref, long seed) {
        SynthReference.Site site = ref.sites.get(plantedSite(ref, seed));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("provider_org", site.orgnr());
        t.put("name", site.name());
        t.put("specialty", SPECIALTIES[0]);
        t.put("postponed_factor", PLANTED_FACTOR);
        t.put("national_share", POSTPONED_SHARE);
        t.put("site_log_sd", SITE_LOG_SD);
        t.put("note", "more planned orthopaedic operations postponed at this hospital");
        return t;
    }

    void write(ExtractWriter w, SplittableRandom r, int year, ChunkStats stats) {
        for (int s = 0; s < ref.sites.size(); s++) {
            int total = 0;
            for (int mo = 0; mo < 12; mo++) total += stats.electiveOps[s][mo];
            if (total == 0) continue;
            String org = ref.sites.get(s).orgnr();
            for (int mo = 0; mo < 12; mo++) {
                int planned = (int) Math.max(0, Math.round(stats.electiveOps[s][mo] * 6 * (1 + 0.05 * r.nextGaussian())));
                for (int k = 0; k < SPECIALTIES.length; k++) {
                    int n = Rng.binomial(r, planned, SHARES[k]);
                    double p = POSTPONED_SHARE * siteFactor[s][k] * (s == plantedSite && k == 0 ? PLANTED_FACTOR : 1);
                    int postponed = Rng.binomial(r, n, Math.min(0.9, p));
                    w.str(0, org).date(1, Civil.epochDay(year, mo + 1, 1)).str(2, SPECIALTIES[k]).num(3, n).num(4, postponed).end();
                }
            }
        }
    }
}
