package no.kvik.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The national patient- and user-experience surveys (FHI) as the aggregated cells of {@code patient_survey}: per
 * survey, unit and year, respondents by age band x sex x education x self-rated health with the sum and sum of
 * squares of their index scores (0-100, one decimal). Each respondent's score is a linear model of the
 * characteristics (older and healthier respondents report better experiences, as in FHI's surveys) plus a random
 * unit effect, planted unit effects and noise; one trust's respondents are planted sicker with no unit effect
 * (case mix only). Sample sizes are survey samples, not population volumes, so they do not follow {@code --scale}.
 * Draws come from the year's own stream of this extract and the unit effects from streams of their own, so
 * adding this family changes no other extract.
 */
final class PatientSurveys {
    static final String[] AGE_BANDS = {"0-17", "18-44", "45-66", "67-79", "80+"};
    static final String[] EDUCATION = {"1", "2", "3", "9"};
    static final String[] HEALTH = {"1", "2", "3", "9"};
    /** Score points by age band, sex (female), education and self-rated health: the generator's linear model. */
    static final double[] AGE_POINTS = {-3, -4, 0, 3, 4};
    static final double FEMALE_POINTS = -1;
    static final double[] EDUCATION_POINTS = {1.5, 0, -2, 0};
    static final double[] HEALTH_POINTS = {-7, 0, 4, -2};
    static final double NOISE_SD = 16;
    static final double UNIT_EFFECT_SD = 2.5;
    /** Share of respondents in poor or fair health at the planted case-mix trust (elsewhere 0.30). */
    static final double CASE_MIX_POOR_HEALTH = 0.55;

    /** Unit of a survey: a hospital site, a health trust (mental-health surveys) or a municipality. */
    enum UnitKind { SITE, TRUST, MUNICIPALITY }

    /** One survey with its index, base score, unit kind, national sample size and age-band shares. */
    enum Survey {
        SOMATIC_INPATIENT("PEI", 77, UnitKind.SITE, 12_000, new double[]{0, .25, .33, .27, .15}),
        PHV_ADULT_INPATIENT("TREATMENT_AND_STAFF", 68, UnitKind.TRUST, 2_500, new double[]{0, .55, .35, .08, .02}),
        TSB_INPATIENT("TREATMENT_AND_STAFF", 72, UnitKind.TRUST, 1_800, new double[]{0, .6, .35, .05, 0}),
        BUP_OUTPATIENT_PARENTS("OUTPATIENT_CLINIC", 70, UnitKind.TRUST, 3_500, new double[]{1, 0, 0, 0, 0}),
        GP("GP", 80, UnitKind.MUNICIPALITY, 20_000, new double[]{0, .3, .35, .22, .13}),
        LEGEVAKT("LEGEVAKT", 75, UnitKind.MUNICIPALITY, 8_000, new double[]{0, .4, .3, .18, .12}),
        NURSING_HOME_RELATIVES("USER_ORIENTATION", 76, UnitKind.MUNICIPALITY, 8_000, new double[]{0, .1, .55, .3, .05});

        final String index;
        final double base;
        final UnitKind kind;
        final int nationalSample;
        final double[] ageShares;

        Survey(String index, double base, UnitKind kind, int nationalSample, double[] ageShares) {
            this.index = index;
            this.base = base;
            this.kind = kind;
            this.nationalSample = nationalSample;
            this.ageShares = ageShares;
        }
    }

    /** A planted unit effect in score points (or a case-mix plant with effect 0). */
    record SurveyPlant(Survey survey, String unit, String name, double points, boolean caseMixOnly) {
    }

    private final SynthReference ref;
    private final long seed;
    private final ChunkStats stats;

    PatientSurveys(SynthReference ref, long seed, ChunkStats stats) {
        this.ref = ref;
        this.seed = seed;
        this.stats = stats;
    }

    /** The plants, fixed by the reference tables alone (the same in every year and for every seed). */
    static List<SurveyPlant> plants(SynthReference ref) {
        List<SynthReference.Site> universities = ref.sites.stream().filter(SynthReference.Site::university).toList();
        List<SynthReference.Municipality> byPopulation = new ArrayList<>(ref.municipalities);
        byPopulation.sort(java.util.Comparator.comparingInt(SynthReference.Municipality::population).reversed()
                .thenComparing(SynthReference.Municipality::number));
        SynthReference.Site u0 = universities.get(0);
        SynthReference.Site u1 = universities.get(Math.min(1, universities.size() - 1));
        SynthReference.Site u2 = universities.get(Math.min(2, universities.size() - 1));
        SynthReference.Municipality m1 = byPopulation.get(1);
        SynthReference.Municipality m2 = byPopulation.get(2);
        return List.of(
                new SurveyPlant(Survey.SOMATIC_INPATIENT, u0.orgnr(), u0.name(), -7, false),
                new SurveyPlant(Survey.TSB_INPATIENT, u1.hfOrgnr(), "HF of " + u1.name(), -8, false),
                new SurveyPlant(Survey.PHV_ADULT_INPATIENT, u2.hfOrgnr(), "HF of " + u2.name(), 0, true),
                new SurveyPlant(Survey.GP, m1.number(), m1.name(), 6, false),
                new SurveyPlant(Survey.NURSING_HOME_RELATIVES, m2.number(), m2.name(), -7, false));
    }

    /** The plants for truth.json. */
    static List<Object> truth(SynthReference ref) {
        List<Object> out = new ArrayList<>();
        for (SurveyPlant p : plants(ref)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("survey", p.survey().name());
            x.put("index_id", p.survey().index);
            x.put("unit", p.unit());
            x.put("name", p.name());
            x.put("score_points_added", p.points());
            x.put("note", p.caseMixOnly()
                    ? "case mix only: " + CASE_MIX_POOR_HEALTH + " of respondents in poor or fair health (elsewhere 0.30, "
                    + HEALTH_POINTS[0] + " points each); no unit effect, so the crude score is low and the adjusted one is not"
                    : "unit effect on every respondent's score, on top of a random unit effect (SD " + UNIT_EFFECT_SD + ")");
            out.add(x);
        }
        return out;
    }

    /** Writes the year's cells: surveys in declaration order, units in reference order, cells in key order. */
    void write(ExtractWriter w, SplittableRandom r, int year) {
        List<SurveyPlant> plants = plants(ref);
        for (Survey s : Survey.values()) {
            List<String> units = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            unitsOf(s, units, weights);
            double total = weights.stream().mapToDouble(Double::doubleValue).sum();
            SplittableRandom effects = Rng.stream(seed, Rng.UNITS, 0, 9_000 + s.ordinal());
            for (int u = 0; u < units.size(); u++) {
                double unitEffect = UNIT_EFFECT_SD * effects.nextGaussian();
                int n = (int) Math.round(s.nationalSample * weights.get(u) / total);
                if (n == 0) continue;
                String unit = units.get(u);
                double planted = 0;
                boolean sicker = false;
                for (SurveyPlant p : plants) {
                    if (p.survey() != s || !p.unit().equals(unit)) continue;
                    planted += p.points();
                    sicker |= p.caseMixOnly();
                }
                cells(w, r, s, unit, year, n, unitEffect + planted, sicker);
            }
        }
    }

    private void unitsOf(Survey s, List<String> units, List<Double> weights) {
        switch (s.kind) {
            case SITE -> {
                for (int i = 0; i < ref.sites.size(); i++) {
                    if (stats.inpatientDays[i] == 0) continue;
                    units.add(ref.sites.get(i).orgnr());
                    weights.add((double) stats.inpatientDays[i]);
                }
            }
            case TRUST -> {
                Map<String, Double> byTrust = new LinkedHashMap<>();
                for (int i = 0; i < ref.sites.size(); i++) {
                    if (stats.inpatientDays[i] == 0) continue;
                    byTrust.merge(ref.sites.get(i).hfOrgnr(), (double) stats.inpatientDays[i], Double::sum);
                }
                units.addAll(byTrust.keySet());
                weights.addAll(byTrust.values());
            }
            case MUNICIPALITY -> {
                for (SynthReference.Municipality m : ref.municipalities) {
                    units.add(m.number());
                    weights.add((double) m.population());
                }
            }
            default -> throw new IllegalStateException(s.kind.name());
        }
    }

    /** n respondents of one unit, summed into their cells (scores kept in tenths, so the sums are exact decimals). */
    private static void cells(ExtractWriter w, SplittableRandom r, Survey s, String unit, int year, int n, double effect,
                              boolean sicker) {
        int nCells = AGE_BANDS.length * 2 * EDUCATION.length * HEALTH.length;
        long[] count = new long[nCells];
        long[] sumTenths = new long[nCells];
        long[] sqHundredths = new long[nCells];
        double[] health = sicker ? new double[]{CASE_MIX_POOR_HEALTH, .27, .13, .05} : new double[]{.30, .40, .25, .05};
        double[] education = {.2, .4, .35, .05};
        for (int i = 0; i < n; i++) {
            int a = pick(r, s.ageShares);
            int female = r.nextDouble() < 0.55 ? 1 : 0;
            int e = pick(r, education);
            int h = pick(r, health);
            double score = s.base + AGE_POINTS[a] + FEMALE_POINTS * female + EDUCATION_POINTS[e] + HEALTH_POINTS[h]
                    + effect + NOISE_SD * r.nextGaussian();
            long tenths = Math.max(0, Math.min(1000, Math.round(score * 10)));
            int c = ((a * 2 + female) * EDUCATION.length + e) * HEALTH.length + h;
            count[c]++;
            sumTenths[c] += tenths;
            sqHundredths[c] += tenths * tenths;
        }
        for (int c = 0; c < nCells; c++) {
            if (count[c] == 0) continue;
            int h = c % HEALTH.length;
            int e = (c / HEALTH.length) % EDUCATION.length;
            int female = (c / (HEALTH.length * EDUCATION.length)) % 2;
            int a = c / (HEALTH.length * EDUCATION.length * 2);
            w.str(0, s.name()).str(1, s.index).str(2, unit).num(3, year).str(4, AGE_BANDS[a]).str(5, female == 1 ? "2" : "1")
                    .str(6, EDUCATION[e]).str(7, HEALTH[h]).num(8, count[c]).dec(9, sumTenths[c] / 10.0, 1)
                    .dec(10, sqHundredths[c] / 100.0, 2).end();
        }
    }

    private static int pick(SplittableRandom r, double[] shares) {
        double u = r.nextDouble();
        double cum = 0;
        for (int i = 0; i < shares.length; i++) {
            cum += shares[i];
            if (u < cum) return i;
        }
        for (int i = shares.length - 1; i >= 0; i--) if (shares[i] > 0) return i;
        return 0;
    }
}
