package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * Unit-level extracts of one year (population, KOSTRA, trust reports, registry aggregates, patient surveys, and the municipal
 * service figures of {@link MunicipalServiceFigures}), derived from the person-level counters so they agree with
 * the episode files.
 */
final class UnitExtracts {
    private static final String[] KOSTRA_VARIABLES = {"NH_PHYSICIAN_HOURS_WEEK", "NH_RESIDENTS", "NH_ROOMS",
            "NH_SINGLE_ROOMS_OWN_BATH", "DENTAL_18_EXAMINED", "DENTAL_18_CARIES_FREE", "DENTAL_18_DMFT_GT5",
            "GP_LIST_INHABITANTS", "GP_LIST_INHABITANTS_NO_GP", "GP_TOTAL", "GP_SPECIALISTS", "NEWBORNS",
            "NEWBORN_HOME_VISITS_2W"};

    private final Synthesizer.Run run;
    private final SynthReference ref;
    private final Plan plan;
    private final int year;
    private final ChunkStats stats;
    private final ChunkStats cumulative;

    UnitExtracts(Synthesizer.Run run, int year, ChunkStats stats, ChunkStats cumulative) {
        this.run = run;
        this.ref = run.ref();
        this.plan = run.plan();
        this.year = year;
        this.stats = stats;
        this.cumulative = cumulative;
    }

    ExtractWriter write(Extract e) {
        ExtractWriter w = new ExtractWriter(run.contract(e), e.columns);
        SplittableRandom r = Rng.stream(plan.seed, Rng.UNITS, year, e.ordinal());
        switch (e) {
            case POPULATION -> population(w);
            case KOSTRA -> kostra(w, r);
            case TRUST_CORRIDOR -> corridor(w, r);
            case TRUST_POSTPONED -> postponed(w, r);
            case REGISTRY_AGGREGATE -> registry(w, r);
            case NPR_SOMATIC_PATHWAYS -> new CancerPathwayRegistry(run).write(w, year);
            case REGISTRY_QUALITY -> new QualityRegistryOutcomes(run).write(w, r, year, stats);
            case TRUST_SPECIALTY_POSTPONED -> new PostponedBySpecialty(run).write(w, r, year, stats);
            case KOSTRA_SERVICES -> new MunicipalServiceFigures(run, year, stats, cumulative).kostra(w, r);
            case SYSVAK -> new MunicipalServiceFigures(run, year, stats, cumulative).sysvak(w, r);
            case PLACE_OF_DEATH -> new MunicipalServiceFigures(run, year, stats, cumulative).placeOfDeath(w, r);
            case PATIENT_SURVEY -> new PatientSurveys(ref, plan.seed, stats).write(w, r, year);
            case NPR_PRIVATE_SPECIALIST -> run.privateSpecialists().write(w, year);
            case REGISTRY_PATIENT_SAFETY -> new PatientSafetyMeasurements(ref, plan.seed).write(w, r, year, stats, plan.registryCoverage);
            case AMK_MISSION -> new AmkMissions(ref, plan.seed).write(w, r, year, stats);
            case CANCER_REGISTRY -> new CancerRegistry(ref, plan).write(w, r, year);
            default -> throw new IllegalArgumentException(e.id);
        }
        return w;
    }

    private void population(ExtractWriter w) {
        for (int m = 0; m < ref.municipalities.size(); m++) {
            String muni = ref.municipalities.get(m).number();
            for (int s = 1; s >= 0; s--) {
                for (int a = 0; a <= People.MAX_AGE; a++) {
                    w.num(0, year).str(1, muni).str(2, s == 1 ? "1" : "2").num(3, a).num(4, stats.population[m][s][a]).end();
                }
            }
        }
    }

    private void kostra(ExtractWriter w, SplittableRandom r) {
        int nMuni = ref.municipalities.size();
        double[][] v = new double[nMuni][KOSTRA_VARIABLES.length];
        int y = year - plan.firstYear;
        for (int m = 0; m < nMuni; m++) {
            int pop = 0;
            for (int s = 0; s < 2; s++) for (int a = 0; a <= People.MAX_AGE; a++) pop += stats.population[m][s][a];
            int age18 = stats.population[m][0][18] + stats.population[m][1][18];
            int residents = cumulative.nursingLongAtYearEnd[y][m];
            double hours = residents * 0.45 * Math.exp(0.3 * r.nextGaussian());
            int rooms = (int) Math.ceil(residents * 1.08) + (residents > 0 ? r.nextInt(2) : 0);
            int single = (int) Math.min(rooms, Math.round(rooms * Math.min(1, 0.92 + 0.04 * r.nextGaussian())));
            int examined = (int) Math.round(age18 * (0.65 + 0.3 * r.nextDouble()));
            int cariesFree = Rng.binomial(r, examined, 0.29 + 0.01 * (year - 2019));
            int dmft5 = Rng.binomial(r, examined - cariesFree, 0.11);
            int real = ref.municipalities.get(m).population();
            int noGp = Rng.binomial(r, pop, real < 2_000 ? 0.16 : real < 10_000 ? 0.05 : 0.02);
            int gps = Math.max(1, (int) Math.round(pop / 1100.0));
            int specialists = Rng.binomial(r, gps, 0.63);
            int births = stats.deathsByMuni[m];
            int visits = Rng.binomial(r, births, year == 2020 ? 0.70 : 0.90);
            v[m] = new double[]{hours, residents, rooms, single, examined, cariesFree, dmft5, pop, noGp, gps, specialists,
                    births, visits};
        }
        for (int m = 0; m < nMuni; m++) rows(w, ref.municipalities.get(m).number(), v[m]);
        for (String county : ref.counties) {
            double[] sum = new double[KOSTRA_VARIABLES.length];
            for (int m = 0; m < nMuni; m++) {
                if (!ref.municipalities.get(m).county().equals(county)) continue;
                for (int k = 0; k < sum.length; k++) sum[k] += v[m][k];
            }
            rows(w, county, sum);
        }
    }

    private void rows(ExtractWriter w, String area, double[] values) {
        for (int k = 0; k < KOSTRA_VARIABLES.length; k++) {
            w.str(0, area).num(1, year).str(2, KOSTRA_VARIABLES[k]);
            if (k == 0) w.dec(3, values[k], 2); else w.num(3, Math.round(values[k]));
            w.end();
        }
    }

    private void corridor(ExtractWriter w, SplittableRandom r) {
        int jan1 = Civil.yearStart(year);
        int days = Civil.daysInYear(year);
        for (int s = 0; s < ref.sites.size(); s++) {
            SynthReference.Site site = ref.sites.get(s);
            double meanBeds = stats.inpatientDays[s] / (double) days;
            if (meanBeds < 0.5) continue;
            double rate = site.borhf() == 2 ? 0.006 : site.borhf() == 3 ? 0.015 : 0.011;
            for (int d = 0; d < days; d++) {
                int day = jan1 + d;
                if (site.bohf() == plan.gapBohf && year == plan.gapYear && Civil.tertial(day) == plan.gapTertial) continue;
                double season = 1 + 0.08 * Math.cos(2 * Math.PI * (d - 20) / 365.0);
                int beds = (int) Math.max(1, Math.round(meanBeds * season * (1 + 0.04 * r.nextGaussian())));
                int corridor = Rng.binomial(r, beds, rate * season);
                w.str(0, site.orgnr()).date(1, day).num(2, corridor).num(3, beds).end();
            }
        }
    }

    private void postponed(ExtractWriter w, SplittableRandom r) {
        for (int s = 0; s < ref.sites.size(); s++) {
            SynthReference.Site site = ref.sites.get(s);
            int total = 0;
            for (int mo = 0; mo < 12; mo++) total += stats.electiveOps[s][mo];
            if (total == 0) continue;
            for (int mo = 0; mo < 12; mo++) {
                // the NCSP-coded operations are a subset: the trusts report all planned operations (about 6x)
                int planned = (int) Math.round(stats.electiveOps[s][mo] * 6 * (1 + 0.05 * r.nextGaussian()));
                planned = Math.max(0, planned);
                int postponed = Rng.binomial(r, planned, 0.06 * Math.exp(0.2 * r.nextGaussian()));
                w.str(0, site.orgnr()).date(1, Civil.epochDay(year, mo + 1, 1)).num(2, planned).num(3, postponed).end();
            }
        }
    }

    private void registry(ExtractWriter w, SplittableRandom r) {
        for (int s = 0; s < ref.sites.size(); s++) {
            String org = ref.sites.get(s).orgnr();
            double cov = plan.registryCoverage[s];
            if (stats.strokeDen[s] > 0) {
                row(w, "NHR", "hjerneslag_beh_enhet", org, "Y", stats.strokeUnit[s], stats.strokeDen[s], cov);
            }
            if (stats.thrombDen[s] > 0) {
                row(w, "NHR", "hjerneslag_tromb_40min", org, "Y", stats.thromb40[s], stats.thrombDen[s], cov);
            }
            int hipDen = stats.hipDen[s][0] + stats.hipDen[s][1] + stats.hipDen[s][2];
            if (hipDen > 0) {
                int hipNum = stats.hip48[s][0] + stats.hip48[s][1] + stats.hip48[s][2];
                row(w, "NHFR", "hoftebrudd_48t", org, "Y", hipNum, hipDen, cov);
                for (int t = 0; t < 3; t++) {
                    if (stats.hipDen[s][t] > 0) {
                        row(w, "NHFR", "hoftebrudd_48t", org, "T" + (t + 1), stats.hip48[s][t], stats.hipDen[s][t], cov);
                    }
                }
            }
            if (stats.nstemiDen[s] > 0) {
                row(w, "NHI", "hjerteinfarkt_invasivt_nstemi_72t", org, "Y", stats.nstemi72[s], stats.nstemiDen[s], cov);
            }
        }
    }

    private void row(ExtractWriter w, String registry, String indicator, String org, String period, int num, int den, double cov) {
        w.str(0, registry).str(1, indicator).str(2, org).num(3, year).str(4, period).num(5, num).num(6, den)
                .dec(7, cov, 3).end();
    }
}
