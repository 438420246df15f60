package no.kvik.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The planted truth of a run: unit effects, the case-mix catchment, the reporting gap, fault rates and the
 * per-event calibration constants. Everything is a pure function of (seed, scale, years, reference data).
 */
final class Plan {
    /** Mortality outcomes with planted hospital effects, in this order. */
    static final Cond[] MORTALITY = {Cond.AMI, Cond.STROKE, Cond.HIP_FRACTURE};
    static final double OVERDISPERSION_SD = 0.15;
    static final double FAULT_RATE = 0.003;
    // random between-unit variation (SDs of normal unit effects), real differences the analysis sees as over-dispersion
    static final double READMISSION_SD = 0.10;
    static final double EPICRISIS_SD = 0.4;
    static final double STROKE_UNIT_SD = 0.6;
    static final double THROMBOLYSIS_SD = 0.5;
    static final double NSTEMI_SD = 0.6;
    /** Per health trust: SD of the log factor on waiting and time-to-surgery (hip fracture within 24/48 h). */
    static final double WAIT_LOG_SD = 0.15;
    static final double ANTIBIOTIC_LOG_SD = 0.12;
    static final double NURSING_ASSESS_SD = 0.5;
    /**
     * The deteriorating hospital's odds of an epicrisis within 1 day in the last year relative to the first. Sized
     * for the trend test (logistic on period, 5 %): power ≥ 0.9 over 2022–2024 at scale 0.3 and above (see
     * engine/docs/statistics.md, "Deteriorating hospital in a process measure").
     */
    static final double EPICRISIS_TREND_LAST_YEAR_ODDS_RATIO = 0.6;
    /** Case-mix catchment: added olderness of its municipalities' age pyramids ({@link People#pyramid}). */
    static final double CASE_MIX_OLDERNESS = 0.30;
    /** Case-mix catchment: shift of its residents' frailty (in SDs; raises incidence and comorbidity). */
    static final double CASE_MIX_FRAILTY = 0.5;
    /**
     * Case-mix catchment: added to the log odds of every Charlson condition of its residents. With the older
     * pyramid and the frailty shift this makes their AMI, stroke and hip-fracture patients' 30-day mortality
     * about twice the national one through age and Charlson index alone, the covariates the risk models use.
     */
    static final double CASE_MIX_COMORBIDITY_LOGIT = 1.0;

    /** A planted hospital effect on an outcome: log odds ratio in the first year plus a yearly trend. */
    record HospitalEffect(int site, String outcome, double logOddsRatio, double trendPerYear, String note) {
    }

    /** A planted municipality effect: multiplier on a rate. */
    record MunicipalityEffect(int municipality, String outcome, double multiplier) {
    }

    final SynthReference ref;
    final long seed;
    final double scale;
    final int firstYear;
    final int lastYear;
    final int caseMixBohf;
    /** Per site: shift of the Charlson condition log odds of the persons whose local hospital it is. */
    final double[] comorbidityShift;
    final double[][] mortalityU;
    final double[] readmissionU;
    final double[] epicrisisShift;
    final double[] waitFactorByBohf = new double[64];
    final double[] antibioticMultiplier;
    final double[] nursingAssessLogit;
    final List<HospitalEffect> planted = new ArrayList<>();
    final List<MunicipalityEffect> plantedMunicipal = new ArrayList<>();
    final int hip48SlowSite;
    final int gapBohf;
    final int gapYear;
    final int gapTertial;
    final double[] k = new double[Cond.values().length];
    private final double[][][] table = new double[Cond.values().length][2][People.MAX_AGE + 1];
    private final int[] frailIndex = new int[Cond.values().length];
    /** Site-level logits of registry process measures: stroke unit, door-to-needle ≤40 min, NSTEMI invasive ≤72 h. */
    final double[] strokeUnitLogit;
    final double[] thrombolysis40Logit;
    final double[] nstemi72Logit;
    final double[] registryCoverage;

    Plan(SynthReference ref, long seed, double scale, int firstYear, int lastYear) {
        this.ref = ref;
        this.seed = seed;
        this.scale = scale;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        SplittableRandom r = Rng.stream(seed, Rng.EFFECTS, 0, 0);
        int nSites = ref.sites.size();
        int nMuni = ref.municipalities.size();
        int[] caseMixCandidates = {1, 3, 4, 8, 10, 19};
        caseMixBohf = caseMixCandidates[r.nextInt(caseMixCandidates.length)];

        mortalityU = new double[nSites][MORTALITY.length];
        readmissionU = new double[nSites];
        epicrisisShift = new double[nSites];
        for (int s = 0; s < nSites; s++) {
            for (int c = 0; c < MORTALITY.length; c++) mortalityU[s][c] = OVERDISPERSION_SD * r.nextGaussian();
            readmissionU[s] = READMISSION_SD * r.nextGaussian();
            epicrisisShift[s] = EPICRISIS_SD * r.nextGaussian();
        }
        // the case-mix catchment's hospitals give average care: no random effect on the risk-adjusted outcomes, so
        // their worse crude mortality and readmission come from case mix alone
        comorbidityShift = new double[nSites];
        for (int s = 0; s < nSites; s++) {
            if (ref.sites.get(s).bohf() != caseMixBohf) continue;
            Arrays.fill(mortalityU[s], 0);
            readmissionU[s] = 0;
            comorbidityShift[s] = CASE_MIX_COMORBIDITY_LOGIT;
        }
        strokeUnitLogit = new double[nSites];
        thrombolysis40Logit = new double[nSites];
        nstemi72Logit = new double[nSites];
        registryCoverage = new double[nSites];
        for (int s = 0; s < nSites; s++) {
            strokeUnitLogit[s] = 2.6 + STROKE_UNIT_SD * r.nextGaussian();
            thrombolysis40Logit[s] = 0.75 + THROMBOLYSIS_SD * r.nextGaussian();
            nstemi72Logit[s] = 1.4 + NSTEMI_SD * r.nextGaussian();
            registryCoverage[s] = Math.min(0.995, 0.80 + 0.18 * r.nextDouble());
        }
        for (int b = 0; b < waitFactorByBohf.length; b++) waitFactorByBohf[b] = Math.exp(WAIT_LOG_SD * r.nextGaussian());

        // planted hospital effects go to the large local hospitals, so they are visible at small scales
        long[] catchment = new long[nSites];
        for (int m = 0; m < nMuni; m++) {
            int[] cs = ref.catchmentSites.get(m);
            for (int s : cs) catchment[s] += ref.municipalities.get(m).population() / cs.length;
        }
        Integer[] bySize = IntStream.range(0, nSites).boxed()
                .sorted(Comparator.comparingLong((Integer s) -> -catchment[s]).thenComparing(s -> s)).toArray(Integer[]::new);
        List<Integer> large = new ArrayList<>(Arrays.stream(bySize).filter(s -> ref.sites.get(s).bohf() != caseMixBohf)
                .limit(16).toList());
        shuffle(large, r);
        int i = 0;
        for (int w = 0; w < 2; w++, i++) {
            for (Cond c : MORTALITY) planted.add(new HospitalEffect(large.get(i), mortalityName(c), Math.log(1.8), 0, "clearly worse"));
        }
        for (int b = 0; b < 2; b++, i++) {
            for (Cond c : MORTALITY) planted.add(new HospitalEffect(large.get(i), mortalityName(c), Math.log(0.55), 0, "clearly better"));
        }
        int years = lastYear - firstYear;
        double trend = years == 0 ? 0 : Math.log(2.2) / years;
        planted.add(new HospitalEffect(large.get(i), mortalityName(Cond.AMI), 0, trend, "deteriorating: odds ratio 1 in the first year rising to 2.2 in the last"));
        planted.add(new HospitalEffect(large.get(i), mortalityName(Cond.STROKE), 0, trend, "deteriorating"));
        // the same hospital deteriorates in a high-volume process measure without follow-up, where a 3-year trend
        // test has power at small scales (its mortality plant expects a handful of deaths a year); no draw added
        double epicrisisTrend = years == 0 ? 0 : Math.log(EPICRISIS_TREND_LAST_YEAR_ODDS_RATIO) / years;
        planted.add(new HospitalEffect(large.get(i++), "epicrisis_within_1_day", 0, epicrisisTrend,
                "deteriorating: odds of a summary within 1 day ratio 1 in the first year falling to "
                        + EPICRISIS_TREND_LAST_YEAR_ODDS_RATIO + " in the last (logit shift per discharge year)"));
        planted.add(new HospitalEffect(large.get(i++), "readmission_30d_67plus", Math.log(1.7), 0, "clearly worse"));
        planted.add(new HospitalEffect(large.get(i++), "epicrisis_within_1_day", -1.3, 0, "clearly worse (logit shift)"));
        planted.add(new HospitalEffect(large.get(i++), "epicrisis_within_1_day", 1.3, 0, "clearly better (logit shift)"));
        hip48SlowSite = large.get(i++);
        planted.add(new HospitalEffect(hip48SlowSite, "hip_fracture_surgery_within_48h", Math.log(2.2), 0,
                "time-to-surgery median 2.2 times the national median"));

        antibioticMultiplier = new double[nMuni];
        nursingAssessLogit = new double[nMuni];
        List<Integer> big = new ArrayList<>();
        for (int m = 0; m < nMuni; m++) {
            antibioticMultiplier[m] = Math.exp(ANTIBIOTIC_LOG_SD * r.nextGaussian());
            nursingAssessLogit[m] = NURSING_ASSESS_SD * r.nextGaussian();
            if (ref.municipalities.get(m).population() >= 20_000) big.add(m);
        }
        shuffle(big, r);
        for (int h = 0; h < 3; h++) {
            antibioticMultiplier[big.get(h)] = 1.5;
            plantedMunicipal.add(new MunicipalityEffect(big.get(h), "antibiotic_prescriptions_per_1000", 1.5));
        }
        for (int h = 3; h < 6; h++) {
            antibioticMultiplier[big.get(h)] = 0.65;
            plantedMunicipal.add(new MunicipalityEffect(big.get(h), "antibiotic_prescriptions_per_1000", 0.65));
        }
        nursingAssessLogit[big.get(6)] = -1.5;
        plantedMunicipal.add(new MunicipalityEffect(big.get(6), "nursing_home_physician_assessment_12m", Math.exp(-1.5)));

        int[] gapCandidates = {1, 2, 3, 6, 8, 10, 12, 13, 14, 19, 21, 22, 23};
        gapBohf = gapCandidates[r.nextInt(gapCandidates.length)];
        gapYear = firstYear + (lastYear - firstYear) / 2;
        gapTertial = 2;

        // mental-health plants (coercion, pathways): the health trusts (npr_mental places episodes at the trust's org
        // number) of the large local hospitals no other plant uses, the two with the largest catchments, since
        // coercion is rare (a trust of a small catchment has a handful of adult admissions a tertial); no draw
        // from r, so every earlier plant is unchanged
        java.util.Map<String, Long> trustCatchment = new java.util.LinkedHashMap<>();
        for (int s = 0; s < nSites; s++) trustCatchment.merge(ref.sites.get(s).hfOrgnr(), catchment[s], Long::sum);
        List<String> unusedTrusts = large.subList(i, large.size()).stream().map(s -> ref.sites.get(s).hfOrgnr()).distinct()
                .sorted(Comparator.comparingLong((String t) -> -trustCatchment.get(t)).thenComparing(t -> t)).toList();
        coercionHighHf = unusedTrusts.get(0);
        pathwaySlowHf = unusedTrusts.get(1);
        SplittableRandom mr = Rng.stream(seed, Rng.EFFECTS, 3, 0);
        for (SynthReference.Site s : ref.sites) {
            if (mentalCoercionLogit.containsKey(s.hfOrgnr())) continue;
            mentalCoercionLogit.put(s.hfOrgnr(), MENTAL_UNIT_SD * mr.nextGaussian());
            mentalPathwayLogit.put(s.hfOrgnr(), MENTAL_UNIT_SD * mr.nextGaussian());
        }
        // follow-up after discharge (npr_mh_contact): the next unused trust, and random trust shifts from a stream
        // of their own, so every plant above is unchanged
        followUpPoorHf = unusedTrusts.get(2 % unusedTrusts.size());
        SplittableRandom fr = Rng.stream(seed, Rng.MENTAL_CONTACTS, 0, -1);
        for (SynthReference.Site s : ref.sites) {
            if (mentalFollowUpLogit.containsKey(s.hfOrgnr())) continue;
            mentalFollowUpLogit.put(s.hfOrgnr(), MENTAL_UNIT_SD * fr.nextGaussian());
            mentalReadmissionLogit.put(s.hfOrgnr(), MENTAL_UNIT_SD * fr.nextGaussian());
        }
    }

    /** The planted poor-follow-up trust: odds of an outpatient contact within 7 days of discharge times this. */
    static final double FOLLOW_UP_POOR_ODDS_RATIO = 0.2;
    /** The planted poor-follow-up trust: odds of a readmission within 30 days times this. */
    static final double READMISSION_HIGH_ODDS_RATIO = 2.0;
    /** The planted poor-follow-up trust: mean outpatient consultations per episode (beyond the first) times this. */
    static final double CONSULTATIONS_LOW_MULTIPLIER = 0.6;
    final String followUpPoorHf;
    final java.util.Map<String, Double> mentalFollowUpLogit = new java.util.LinkedHashMap<>();
    final java.util.Map<String, Double> mentalReadmissionLogit = new java.util.LinkedHashMap<>();

    /** Logit shift of an outpatient contact within 7 days of a discharge at a health trust. */
    double followUpLogit(String hfOrgnr) {
        return mentalFollowUpLogit.getOrDefault(hfOrgnr, 0.0) + (hfOrgnr.equals(followUpPoorHf) ? Math.log(FOLLOW_UP_POOR_ODDS_RATIO) : 0);
    }

    /** Logit shift of a readmission within 30 days of a discharge at a health trust. */
    double readmissionLogit(String hfOrgnr) {
        return mentalReadmissionLogit.getOrDefault(hfOrgnr, 0.0) + (hfOrgnr.equals(followUpPoorHf) ? Math.log(READMISSION_HIGH_ODDS_RATIO) : 0);
    }

    /** Multiplier of the mean outpatient consultations per episode at a health trust. */
    double consultationMultiplier(String hfOrgnr) {
        return hfOrgnr.equals(followUpPoorHf) ? CONSULTATIONS_LOW_MULTIPLIER : 1.0;
    }

    /** Per health trust: SD of the random logit shifts on coercion and on pathway timeliness (npr_coercion, npr_mh_pathway). */
    static final double MENTAL_UNIT_SD = 0.3;
    /** The planted high-coercion trust: odds of an involuntary admission and of a coercive measure times this. */
    static final double COERCION_HIGH_ODDS_RATIO = 2.5;
    /** The planted slow-pathway trust: odds of assessment and first evaluation within the norm times this. */
    static final double PATHWAY_SLOW_ODDS_RATIO = 0.35;
    final String coercionHighHf;
    final String pathwaySlowHf;
    final java.util.Map<String, Double> mentalCoercionLogit = new java.util.LinkedHashMap<>();
    final java.util.Map<String, Double> mentalPathwayLogit = new java.util.LinkedHashMap<>();

    /** Logit shift of coercion (involuntary admission, coercive measures) at a health trust. */
    double coercionLogit(String hfOrgnr) {
        return mentalCoercionLogit.getOrDefault(hfOrgnr, 0.0) + (hfOrgnr.equals(coercionHighHf) ? Math.log(COERCION_HIGH_ODDS_RATIO) : 0);
    }

    /** Logit shift of a pathway's assessment and first evaluation being within the norm at a health trust. */
    double pathwayLogit(String hfOrgnr) {
        return mentalPathwayLogit.getOrDefault(hfOrgnr, 0.0) + (hfOrgnr.equals(pathwaySlowHf) ? Math.log(PATHWAY_SLOW_ODDS_RATIO) : 0);
    }

    static String mortalityName(Cond c) {
        return switch (c) {
            case AMI -> "mortality_30d_ami";
            case STROKE -> "mortality_30d_stroke";
            case HIP_FRACTURE -> "mortality_30d_hip_fracture";
            default -> throw new IllegalArgumentException(c.name());
        };
    }

    private static void shuffle(List<Integer> l, SplittableRandom r) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }

    /** Log odds ratio of 30-day death at a site for mortality outcome c in year index y (0 = first year). */
    double mortalityLogOr(int site, int c, int yearIndex) {
        double v = mortalityU[site][c];
        String name = mortalityName(MORTALITY[c]);
        for (HospitalEffect e : planted) {
            if (e.site() == site && e.outcome().equals(name)) v += e.logOddsRatio() + e.trendPerYear() * yearIndex;
        }
        return v;
    }

    double readmissionLogOr(int site) {
        double v = readmissionU[site];
        for (HospitalEffect e : planted) if (e.site() == site && e.outcome().equals("readmission_30d_67plus")) v += e.logOddsRatio();
        return v;
    }

    /** Logit shift of an epicrisis within 1 day at a site for a stay discharged in year index y (0 = first year). */
    double epicrisisLogit(int site, int yearIndex) {
        double v = epicrisisShift[site];
        for (HospitalEffect e : planted) {
            if (e.site() == site && e.outcome().equals("epicrisis_within_1_day")) v += e.logOddsRatio() + e.trendPerYear() * yearIndex;
        }
        return v;
    }

    /** Older pyramid for small municipalities and for the planted case-mix catchment. */
    double olderness(int m) {
        int pop = ref.municipalities.get(m).population();
        double o = pop < 5_000 ? 0.25 : pop < 20_000 ? 0.12 : pop > 100_000 ? -0.05 : 0;
        if (ref.sites.get(ref.catchmentSites.get(m)[0]).bohf() == caseMixBohf) o += CASE_MIX_OLDERNESS;
        return o;
    }

    double frailtyShift(int site) {
        return ref.sites.get(site).bohf() == caseMixBohf ? CASE_MIX_FRAILTY : 0;
    }

    /**
     * Calibrates every event type so its expected count on the first year's population is national × scale:
     * k = target / Σ_persons shape(age, sex) · exp(frailCoef · frailty).
     */
    void calibrate(People p) {
        int jan1 = Civil.yearStart(firstYear);
        double[] gammas = {0, 0.3, 0.6};
        double[][][] sums = new double[gammas.length][2][People.MAX_AGE + 1];
        for (int i = 0; i < p.size; i++) {
            int a = Math.min(People.MAX_AGE, p.age(i, jan1));
            for (int g = 0; g < gammas.length; g++) sums[g][p.male[i]][a] += Math.exp(gammas[g] * p.frail[i]);
        }
        for (Cond c : Cond.values()) {
            int g = c.frailCoef == 0 ? 0 : c.frailCoef == 0.3 ? 1 : 2;
            if (gammas[g] != c.frailCoef) throw new IllegalStateException("frailty coefficient " + c.frailCoef + " not calibrated");
            double total = 0;
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= People.MAX_AGE; a++) total += c.shape(a, s == 1) * sums[g][s][a];
            }
            k[c.ordinal()] = total == 0 ? 0 : c.national * scale / total;
            frailIndex[c.ordinal()] = g;
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= People.MAX_AGE; a++) table[c.ordinal()][s][a] = k[c.ordinal()] * c.shape(a, s == 1);
            }
        }
    }

    /** Expected yearly events with the person's frailty multipliers precomputed ({@link #frailtyMultipliers}). */
    double rate(Cond c, int age, boolean male, double[] frailtyMultipliers) {
        return table[c.ordinal()][male ? 1 : 0][Math.min(age, People.MAX_AGE)] * frailtyMultipliers[frailIndex[c.ordinal()]];
    }

    /** exp(γ · frailty) for the three frailty coefficients in use (0, 0.3, 0.6). */
    static void frailtyMultipliers(float frail, double[] into) {
        into[0] = 1;
        into[1] = Math.exp(0.3 * frail);
        into[2] = Math.exp(0.6 * frail);
    }
}
