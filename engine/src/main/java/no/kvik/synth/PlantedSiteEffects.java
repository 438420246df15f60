package no.kvik.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The site effects of a set of hospital-reported measures (the quality registries' and the patient safety
 * programme's): for each measure a random effect per site, normal with SD {@code siteSd} on the log odds (or log
 * rate) and fixed over the years, and one planted site drawn from the seed among the eight hospitals with the
 * largest local catchments, so the effect is seen even at small scales. Both come from their own UNITS streams
 * ({@code effectStream} for the planted sites, the next one for the effects), apart from every yearly extract stream.
 *
 * @param plantedSite the planted site (index into {@code ref.sites}) of each measure
 * @param siteEffect  per measure and site, the random effect
 */
record PlantedSiteEffects(int[] plantedSite, double[][] siteEffect) {

    static PlantedSiteEffects draw(SynthReference ref, long seed, long effectStream, int measures, double siteSd) {
        SplittableRandom r = Rng.stream(seed, Rng.UNITS, 0, effectStream + 1);
        double[][] effects = new double[measures][ref.sites.size()];
        for (double[] row : effects) for (int s = 0; s < row.length; s++) row[s] = siteSd * r.nextGaussian();
        return new PlantedSiteEffects(plantedSites(ref, seed, effectStream, measures), effects);
    }

    /** The planted site of each of {@code measures} measures, without drawing the site effects (for truth.json). */
    static int[] plantedSites(SynthReference ref, long seed, long effectStream, int measures) {
        List<Integer> largest = ref.sitesByCatchmentPopulation().subList(0, 8);
        SplittableRandom r = Rng.stream(seed, Rng.UNITS, 0, effectStream);
        int[] planted = new int[measures];
        for (int k = 0; k < planted.length; k++) planted[k] = largest.get(r.nextInt(largest.size()));
        return planted;
    }

    /** Measure {@code k}'s shift at site {@code s} on the log odds (or log rate): its random effect, plus the planted one there. */
    double shift(int k, int s, double plantedEffect) {
        return siteEffect[k][s] + (s == plantedSite[k] ? plantedEffect : 0);
    }

    /**
     * What truth.json says of one planted effect, in this key order: registry, indicator_id, provider_org, name,
     * {@code baselineKey}, {@code effectKey}, site_random_effect_sd, note.
     */
    static Map<String, Object> truth(SynthReference.Site site, String registry, String indicatorId, String baselineKey,
                                     double baseline, String effectKey, double effect, double siteSd, String note) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("registry", registry);
        t.put("indicator_id", indicatorId);
        t.put("provider_org", site.orgnr());
        t.put("name", site.name());
        t.put(baselineKey, baseline);
        t.put(effectKey, effect);
        t.put("site_random_effect_sd", siteSd);
        t.put("note", note);
        return t;
    }
}
