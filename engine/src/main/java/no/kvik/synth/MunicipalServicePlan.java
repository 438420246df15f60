package no.kvik.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The planted truth of the municipal service figures (issue #16: SYSVAK coverage, place of death, KOSTRA service
 * figures, GP dispensings to older persons): unit effects drawn from a stream of their own
 * ({@link Rng#MUNICIPAL_SERVICES}), so the other extracts keep their bytes. Planted units are drawn among the
 * twelve most populous municipalities, so the effects are visible at small scales.
 */
final class MunicipalServicePlan {
    static final double CHILD_VACCINATION = 0.97;
    static final double CHILD_VACCINATION_PLANTED = 0.85;
    static final double INFLUENZA_65 = 0.58;
    static final double INFLUENZA_COUNTY_SD = 0.05;
    static final double HOME_DEATH_SHARE = 0.15;
    static final double HOME_DEATH_SHARE_PLANTED = 0.30;
    static final double LEGEVAKT_PER_INHABITANT = 0.21;
    static final double LEGEVAKT_PLANTED_MULTIPLIER = 1.6;
    static final double HABIT_FORMING_PLANTED_MULTIPLIER = 1.8;
    static final double ANTICHOLINERGIC_PLANTED_MULTIPLIER = 2.0;
    /** SD of the per-county log multiplier on the older persons' GP dispensings of every K15 drug group. */
    static final double DISPENSING_COUNTY_LOG_SD = 0.12;

    final int lowChildVaccination;
    final int highHomeDeaths;
    final int highLegevakt;
    final int highHabitForming;
    final int highAnticholinergic;
    /** Per municipality: influenza coverage 65+ (county effect). */
    final double[] influenzaCoverage;
    /** Per municipality: multiplier on the older persons' GP dispensings (county effect). */
    final double[] dispensingMultiplier;
    private final SynthReference ref;

    MunicipalServicePlan(SynthReference ref, long seed) {
        this.ref = ref;
        SplittableRandom r = Rng.stream(seed, Rng.MUNICIPAL_SERVICES, 0, 0);
        int n = ref.municipalities.size();
        List<Integer> large = new ArrayList<>(IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer m) -> -ref.municipalities.get(m).population()).thenComparing(m -> m))
                .limit(12).toList());
        for (int i = large.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer t = large.get(i);
            large.set(i, large.get(j));
            large.set(j, t);
        }
        lowChildVaccination = large.get(0);
        highHomeDeaths = large.get(1);
        highLegevakt = large.get(2);
        highHabitForming = large.get(3);
        highAnticholinergic = large.get(4);
        Map<String, double[]> county = new LinkedHashMap<>();
        for (String c : ref.counties) {
            county.put(c, new double[]{INFLUENZA_COUNTY_SD * r.nextGaussian(), Math.exp(DISPENSING_COUNTY_LOG_SD * r.nextGaussian())});
        }
        influenzaCoverage = new double[n];
        dispensingMultiplier = new double[n];
        for (int m = 0; m < n; m++) {
            double[] c = county.get(ref.municipalities.get(m).county());
            influenzaCoverage[m] = Math.max(0.2, Math.min(0.9, INFLUENZA_65 + c[0]));
            dispensingMultiplier[m] = c[1];
        }
    }

    double childVaccination(int m) {
        return m == lowChildVaccination ? CHILD_VACCINATION_PLANTED : CHILD_VACCINATION;
    }

    double homeDeathShare(int m) {
        return m == highHomeDeaths ? HOME_DEATH_SHARE_PLANTED : HOME_DEATH_SHARE;
    }

    double legevaktPerInhabitant(int m) {
        return LEGEVAKT_PER_INHABITANT * (m == highLegevakt ? LEGEVAKT_PLANTED_MULTIPLIER : 1);
    }

    double habitFormingMultiplier(int m) {
        return dispensingMultiplier[m] * (m == highHabitForming ? HABIT_FORMING_PLANTED_MULTIPLIER : 1);
    }

    double anticholinergicMultiplier(int m) {
        return dispensingMultiplier[m] * (m == highAnticholinergic ? ANTICHOLINERGIC_PLANTED_MULTIPLIER : 1);
    }

    /** The truth.json section: the planted municipalities and the rules of the random parts. */
    Map<String, Object> truth() {
        Map<String, Object> t = new LinkedHashMap<>();
        List<Object> plants = new ArrayList<>();
        plants.add(plant(lowChildVaccination, "vaccination_mmr_2y, vaccination_dtp_2y, vaccination_pcv_2y",
                "childhood coverage at 2 years " + CHILD_VACCINATION_PLANTED + " against " + CHILD_VACCINATION + " elsewhere"));
        plants.add(plant(highHomeDeaths, "death_place_home_share (and the hospital share lower)",
                "share dying at home " + HOME_DEATH_SHARE_PLANTED + " against " + HOME_DEATH_SHARE + " elsewhere, taken from hospital deaths"));
        plants.add(plant(highLegevakt, "legevakt_contacts_per_1000",
                "legevakt contacts x" + LEGEVAKT_PLANTED_MULTIPLIER + " (" + LEGEVAKT_PER_INHABITANT + " per inhabitant elsewhere)"));
        plants.add(plant(highHabitForming, "elderly_habit_forming_gp_any, elderly_habit_forming_gp_365ddd",
                "multiplier x" + HABIT_FORMING_PLANTED_MULTIPLIER + " on the probability of habit-forming GP dispensings, 65+"));
        plants.add(plant(highAnticholinergic, "elderly_anticholinergic_gp",
                "multiplier x" + ANTICHOLINERGIC_PLANTED_MULTIPLIER + " on the probability of anticholinergic GP dispensings, 65+"));
        t.put("planted", plants);
        t.put("influenza_65_coverage", "national " + INFLUENZA_65 + " plus a county effect, SD " + INFLUENZA_COUNTY_SD);
        t.put("elderly_gp_dispensing_county_log_sd", DISPENSING_COUNTY_LOG_SD);
        t.put("note", "SYSVAK, place_of_death, kostra_services_* and prescription_gp_elderly_* files are drawn from streams of "
                + "their own: the other extracts are byte-identical with and without them. place_of_death counts sum to the "
                + "death extract's deaths per residence municipality and year; GP_LIST_PATIENTS, GP_LISTS and GP_LISTS_OPEN are drawn at each "
                + "municipality's real size (a list holds about 1,000 patients at any scale); the other kostra_services figures use the year's population "
                + "and the nursing-home residents at year end of the person-level extracts");
        return t;
    }

    private Map<String, Object> plant(int m, String indicators, String effect) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("municipality", ref.municipalities.get(m).number());
        x.put("name", ref.municipalities.get(m).name());
        x.put("indicators", indicators);
        x.put("effect", effect);
        return x;
    }
}
