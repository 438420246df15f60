package no.kvik.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Cancer Registry's extract (cancer_registry): incident cancers of six sites diagnosed in the ten years up to the
 * last year generated, each with the vital status on 31 December of that year. Written once, in the last year's
 * file ({@code cancer_registry_YYYY.csv}): the registry delivers its history with one status date, so the five-year
 * survival of the cohorts diagnosed five or more years before has data even in a three-year demo store. Cases are not
 * the persons of the person model (ids {@code KRG…}); a unit extract with its own stream, so no other file changes.
 *
 * <p>Yearly cases per site are {@link Site#perYear} × scale, spread over the municipalities by real population. Death
 * has two competing causes: the population hazard of the Gompertz–Makeham life table of
 * {@code data/reference/life_table_gompertz_makeham.csv} (μ(x) = a + b·e^{cx}, {@link #A}, {@link #B}, {@link #C}),
 * and a constant excess hazard λ = −ln(R5)/5 that gives the site's five-year relative survival R5; emigration is a
 * third competing event ({@link #EMIGRATION_PER_YEAR}). One catchment trust (bo-HF) has the excess hazard of colon
 * and lung cancer multiplied by {@link #PLANTED_EXCESS_FACTOR}, named in truth.json under {@code cancer_survival}.
 */
final class CancerRegistry {
    /** A cancer site: ICD-10 prefixes, yearly cases in Norway, share male, age at diagnosis, five-year relative survival. */
    record Site(String name, List<String> prefixes, int perYear, double male, double meanAge, double sdAge,
                double relativeSurvival5) {
        double excessHazard() {
            return -Math.log(relativeSurvival5) / 5;
        }
    }

    static final List<Site> SITES = List.of(
            new Site("colon", List.of("C18"), 4600, 0.48, 72, 11, 0.70),
            new Site("rectum", List.of("C19", "C20"), 1500, 0.58, 68, 11, 0.72),
            new Site("lung", List.of("C33", "C34"), 3500, 0.52, 71, 9, 0.28),
            new Site("breast", List.of("C50"), 4000, 0.0, 61, 13, 0.92),
            new Site("prostate", List.of("C61"), 5200, 1.0, 70, 8, 0.95),
            new Site("melanoma", List.of("C43"), 2800, 0.52, 62, 16, 0.93));
    static final int HISTORY_YEARS = 10;
    // Gompertz–Makeham population hazard, men (index 0) and women (1), fitted to life expectancy 81.4 and 84.9
    static final double A = 0.0003;
    static final double[] B = {8.26e-6, 3.27e-6};
    static final double[] C = {0.108, 0.115};
    static final double EMIGRATION_PER_YEAR = 0.003;
    static final double PLANTED_EXCESS_FACTOR = 2.0;
    static final List<String> PLANTED_SITES = List.of("colon", "lung");
    private static final long PLANT_STREAM = 9_103;

    private final SynthReference ref;
    private final Plan plan;
    private final int plantedBohf;
    private final List<List<String>> codes = new ArrayList<>();
    private final double[] cumulativePopulation;

    CancerRegistry(SynthReference ref, Plan plan) {
        this.ref = ref;
        this.plan = plan;
        this.plantedBohf = plantedBohf(ref, plan.seed);
        for (Site s : SITES) {
            codes.add(ref.icd10.stream().filter(c -> s.prefixes().stream().anyMatch(c::startsWith)).sorted().toList());
        }
        cumulativePopulation = new double[ref.municipalities.size()];
        double sum = 0;
        for (int m = 0; m < cumulativePopulation.length; m++) cumulativePopulation[m] = sum += ref.municipalities.get(m).population();
        for (int m = 0; m < cumulativePopulation.length; m++) cumulativePopulation[m] /= sum;
    }

    /** The planted catchment trust: that of one of the eight hospitals with the largest catchments. */
    static int plantedBohf(SynthReference ref, long seed) {
        List<Integer> largest = ref.sitesByCatchmentPopulation().subList(0, 8);
        return ref.sites.get(largest.get(Rng.stream(seed, Rng.UNITS, 0, PLANT_STREAM).nextInt(largest.size()))).bohf();
    }

    static Map<String, Object> truth(SynthReference ref, long seed) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("bohf", plantedBohf(ref, seed));
        t.put("sites", PLANTED_SITES);
        t.put("excess_hazard_factor", PLANTED_EXCESS_FACTOR);
        Map<String, Object> r5 = new LinkedHashMap<>();
        for (Site s : SITES) r5.put(s.name(), s.relativeSurvival5());
        t.put("national_relative_survival_5y", r5);
        t.put("note", "patients living in this catchment trust's area die of colon and lung cancer at twice the national excess hazard");
        return t;
    }

    /** Writes the delivery of {@code year} (the last year generated): diagnoses of the ten years up to it. */
    void write(ExtractWriter w, SplittableRandom r, int year) {
        int statusDay = Civil.epochDay(year, 12, 31);
        long n = 0;
        for (int y = year - HISTORY_YEARS + 1; y <= year; y++) {
            int jan1 = Civil.yearStart(y);
            int days = Civil.daysInYear(y);
            for (int k = 0; k < SITES.size(); k++) {
                Site site = SITES.get(k);
                int cases = Rng.poisson(r, site.perYear() * plan.scale);
                for (int i = 0; i < cases; i++) {
                    int m = municipality(r.nextDouble());
                    boolean male = r.nextDouble() < site.male();
                    int age = (int) Math.max(18, Math.min(99, Math.round(site.meanAge() + site.sdAge() * r.nextGaussian())));
                    int day = jan1 + r.nextInt(days);
                    List<String> c = codes.get(k);
                    String icd = c.get(r.nextInt(c.size()));
                    double u = r.nextDouble();
                    String basis = u < 0.02 ? "DCO" : u < 0.03 ? "AUTOPSY" : u < 0.06 ? "CLINICAL" : u < 0.10 ? "CYTOLOGY" : "HISTOLOGY";
                    int sex = male ? 0 : 1;
                    boolean planted = PLANTED_SITES.contains(site.name()) && bohf(m) == plantedBohf;
                    double excess = site.excessHazard() * (planted ? PLANTED_EXCESS_FACTOR : 1);
                    double tExcess = r.nextExponential() / excess;
                    double tPopulation = populationDeathYears(age + r.nextDouble(), sex, r.nextExponential());
                    double tEmigration = r.nextExponential() / EMIGRATION_PER_YEAR;
                    String status;
                    int statusDate;
                    if (basis.equals("DCO") || basis.equals("AUTOPSY")) {
                        status = "DEAD";
                        statusDate = day;
                    } else {
                        double t = Math.min(tExcess, Math.min(tPopulation, tEmigration));
                        int eventDay = day + (int) Math.floor(t * 365.25);
                        if (eventDay > statusDay) {
                            status = "ALIVE";
                            statusDate = statusDay;
                        } else {
                            status = t == tEmigration ? "EMIGRATED" : "DEAD";
                            statusDate = eventDay;
                        }
                    }
                    String id = Long.toString(++n);
                    w.str(0, "KRC" + id).str(1, "KRG" + id).date(2, day).str(3, icd).str(4, basis)
                            .str(5, ref.municipalities.get(m).number()).num(6, age).str(7, male ? "1" : "2")
                            .str(8, status).date(9, statusDate).end();
                }
            }
        }
    }

    private int municipality(double u) {
        int lo = 0, hi = cumulativePopulation.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativePopulation[mid] < u) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int bohf(int m) {
        return ref.sites.get(ref.catchmentSites.get(m)[0]).bohf();
    }

    /**
     * Years until death from the population hazard, from age x, for a unit-exponential draw e: solves
     * H(t) = a·t + (b/c)·(e^{c(x+t)} − e^{cx}) = e (the Gompertz–Makeham cumulative hazard) by bisection.
     */
    static double populationDeathYears(double x, int sex, double e) {
        double lo = 0, hi = 80;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double h = A * mid + B[sex] / C[sex] * (Math.exp(C[sex] * (x + mid)) - Math.exp(C[sex] * x));
            if (h < e) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
