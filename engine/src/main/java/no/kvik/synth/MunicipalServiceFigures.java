package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * The municipal service figures of one year (issue #16), unit-level extracts from the year's counters: the KOSTRA
 * service file ({@code kostra_services_<year>.csv}: GP scheme, legevakt, nursing-home and care staffing, KPR
 * medication reviews and nutrition screening, dental 5- and 12-year-olds), SYSVAK vaccination coverage and deaths by
 * place of death. Each file draws from its own stream (the extract's ordinal), so no other file changes.
 * Rates are rounded national figures of the NKI pages and KOSTRA (see the indicators' notes); plants are in
 * {@link MunicipalServicePlan}.
 */
final class MunicipalServiceFigures {
    /** The variables of the KOSTRA service file, in row order, with their decimals in the file. */
    static final String[] KOSTRA_VARIABLES = {"INHABITANTS", "GP_LIST_PATIENTS", "GP_LISTS", "GP_LISTS_OPEN", "GP_RELATION_OVER_2Y",
            "GP_RELATION_OVER_10Y", "GP_RELATION_YEARS", "GP_HOME_VISITS", "GP_PATIENTS_75", "GP_PATIENTS_75_HOME_VISIT",
            "LEGEVAKT_CONTACTS", "NH_PHYSIO_HOURS_WEEK", "NH_FTE", "NH_NURSE_FTE", "CARE_FTE", "CARE_FTE_HEALTH_EDUCATION",
            "NH_RESIDENTS_67", "NH_NUTRITION_SCREENED", "HS_USERS_67", "HS_MEDICATION_REVIEW_12M", "HS_NUTRITION_SCREENED",
            "DENTAL_12_EXAMINED", "DENTAL_12_CARIES_FREE", "DENTAL_5_EXAMINED", "DENTAL_5_CARIES_FREE"};
    private static final int[] DECIMALS = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Places of death and their national shares (hospital gives up what a planted municipality adds at home). */
    private static final String[] PLACES = {"HOSPITAL", "NURSING_HOME", "HOME", "OTHER", "UNKNOWN"};
    private static final double[] PLACE_SHARES = {0.31, 0.47, MunicipalServicePlan.HOME_DEATH_SHARE, 0.06, 0.01};

    private final SynthReference ref;
    private final MunicipalServicePlan plan;
    private final int year;
    private final int yearIndex;
    private final ChunkStats stats;
    private final ChunkStats cumulative;

    MunicipalServiceFigures(Synthesizer.Run run, int year, ChunkStats stats, ChunkStats cumulative) {
        this.ref = run.ref();
        this.plan = run.services();
        this.year = year;
        this.yearIndex = year - run.plan().firstYear;
        this.stats = stats;
        this.cumulative = cumulative;
    }

    private int persons(int m, int fromAge, int toAge) {
        int n = 0;
        for (int s = 0; s < 2; s++) for (int a = fromAge; a <= Math.min(toAge, People.MAX_AGE); a++) n += stats.population[m][s][a];
        return n;
    }

    void kostra(ExtractWriter w, SplittableRandom r) {
        int nMuni = ref.municipalities.size();
        double[][] v = new double[nMuni][];
        for (int m = 0; m < nMuni; m++) {
            int pop = persons(m, 0, People.MAX_AGE);
            int real = ref.municipalities.get(m).population();
            // the GP lists are drawn at the municipality's real size, not scaled: a list holds about 1,000 patients at any
            // scale, so list length and the share of open lists are real-sized figures even where the population is scaled
            int patients = (int) Math.round(real * 0.99);
            int lists = Math.max(1, (int) Math.round(patients / (real < 5_000 ? 700.0 : 1_030.0) * Math.exp(0.05 * r.nextGaussian())));
            int open = Rng.binomial(r, lists, real < 5_000 ? 0.55 : 0.35);
            int over2 = Rng.binomial(r, pop, 0.743);
            int over10 = Rng.binomial(r, over2, 0.295 / 0.743);
            double years = pop * 7.5 * Math.exp(0.08 * r.nextGaussian());
            int homeVisits = Rng.poisson(r, pop * 0.028);
            int p75 = persons(m, 75, People.MAX_AGE);
            int p75Visit = Rng.binomial(r, p75, 0.09);
            int legevakt = Rng.poisson(r, pop * plan.legevaktPerInhabitant(m));
            int residents = cumulative.nursingLongAtYearEnd[yearIndex][m];
            double physioHours = residents * 0.12 * Math.exp(0.3 * r.nextGaussian());
            double nhFte = Math.round(residents * 1.05 * Math.exp(0.1 * r.nextGaussian()) * 10) / 10.0;
            double nurseFte = Math.round(nhFte * Math.min(0.9, 0.33 + 0.05 * r.nextGaussian()) * 10) / 10.0;
            double careFte = Math.round(pop * 0.028 * Math.exp(0.1 * r.nextGaussian()) * 10) / 10.0;
            double careEdu = Math.round(careFte * Math.min(0.95, 0.76 + 0.04 * r.nextGaussian()) * 10) / 10.0;
            int residents67 = Rng.binomial(r, residents, 0.93);
            int nutritionNh = Rng.binomial(r, residents67, 0.62);
            int hsUsers = Rng.binomial(r, persons(m, 67, People.MAX_AGE), 0.11);
            int review = Rng.binomial(r, hsUsers, 0.42);
            int nutritionHs = Rng.binomial(r, hsUsers, 0.35);
            int examined12 = (int) Math.round(persons(m, 12, 12) * (0.8 + 0.15 * r.nextDouble()));
            int cariesFree12 = Rng.binomial(r, examined12, 0.60);
            int examined5 = (int) Math.round(persons(m, 5, 5) * (0.8 + 0.15 * r.nextDouble()));
            int cariesFree5 = Rng.binomial(r, examined5, 0.80);
            v[m] = new double[]{pop, patients, lists, open, over2, over10, years, homeVisits, p75, p75Visit, legevakt, physioHours,
                    nhFte, nurseFte, careFte, careEdu, residents67, nutritionNh, hsUsers, review, nutritionHs, examined12, cariesFree12,
                    examined5, cariesFree5};
        }
        for (int m = 0; m < nMuni; m++) kostraRows(w, ref.municipalities.get(m).number(), v[m]);
        for (String county : ref.counties) {
            double[] sum = new double[KOSTRA_VARIABLES.length];
            for (int m = 0; m < nMuni; m++) {
                if (!ref.municipalities.get(m).county().equals(county)) continue;
                for (int k = 0; k < sum.length; k++) sum[k] += v[m][k];
            }
            kostraRows(w, county, sum);
        }
    }

    private void kostraRows(ExtractWriter w, String area, double[] values) {
        for (int k = 0; k < KOSTRA_VARIABLES.length; k++) {
            w.str(0, area).num(1, year).str(2, KOSTRA_VARIABLES[k]);
            if (DECIMALS[k] > 0) w.dec(3, values[k], DECIMALS[k]); else w.num(3, Math.round(values[k]));
            w.end();
        }
    }

    /** SYSVAK: MMR, DTP-IPV-Hib and PCV coverage of the children who turned 2, influenza coverage of the 65+. */
    void sysvak(ExtractWriter w, SplittableRandom r) {
        for (int m = 0; m < ref.municipalities.size(); m++) {
            String muni = ref.municipalities.get(m).number();
            int children = persons(m, 2, 2);
            double child = plan.childVaccination(m);
            vaccination(w, muni, "MMR", "AGE_2", children, Rng.binomial(r, children, child));
            vaccination(w, muni, "DTP_IPV_HIB", "AGE_2", children, Rng.binomial(r, children, child));
            vaccination(w, muni, "PCV", "AGE_2", children, Rng.binomial(r, children, child - 0.01));
            int old = persons(m, 65, People.MAX_AGE);
            vaccination(w, muni, "INFLUENZA", "AGE_65_PLUS", old, Rng.binomial(r, old, plan.influenzaCoverage[m]));
        }
    }

    private void vaccination(ExtractWriter w, String muni, String vaccine, String group, int persons, int vaccinated) {
        w.str(0, muni).num(1, year).str(2, vaccine).str(3, group).num(4, persons).num(5, vaccinated).end();
    }

    /** DÅR deaths by place: the year's deaths per residence municipality of the death extract, split by place. */
    void placeOfDeath(ExtractWriter w, SplittableRandom r) {
        for (int m = 0; m < ref.municipalities.size(); m++) {
            String muni = ref.municipalities.get(m).number();
            double[] shares = PLACE_SHARES.clone();
            double home = plan.homeDeathShare(m);
            shares[0] -= home - shares[2];
            shares[2] = home;
            int left = stats.deathsByMuni[m];
            double rest = 1;
            for (int k = 0; k < PLACES.length; k++) {
                // multinomial by sequential binomials: each place's share of what the earlier places left
                int n = k == PLACES.length - 1 ? left : Rng.binomial(r, left, Math.min(1, shares[k] / rest));
                w.str(0, muni).num(1, year).str(2, PLACES[k]).num(3, n).end();
                left -= n;
                rest -= shares[k];
            }
        }
    }
}
