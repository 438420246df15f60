package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cancer patient pathways of the 20 organ-specific types beyond the six the person model draws
 * ({@link CancerTreatment}), written as a second npr_somatic delivery per year ({@code npr_somatic_pathways_YYYY.csv})
 * so that the main file keeps its bytes. Patients are drawn per diagnosis year from a stream of their own (national
 * yearly new cases × scale, by municipality population); 80% start a pathway (first visit, OA, outpatient) and every
 * patient gets a first treatment (day care) after a lead time around 85% of the pathway's standard. A diagnosis of
 * the last days of a year is treated the next year: each episode lands in the file of its discharge year, as
 * npr_somatic is delivered, and the trust of the planted reporting gap reports nothing discharged in its missing tertial.
 * Patient and episode ids carry their own prefix ({@code KP}, {@code K}), so the patients are
 * no one of the person model: they have no other stays, no deaths, no waiting-time or epicrisis fields, and count
 * only in the cancer pathway indicators and the new-cancer-patient share.
 *
 * <p>Planted: one university hospital (drawn from the seed, named in truth.json under
 * {@code cancer_pathway_effects}) takes {@link #SLOW_SITE_LEAD_FACTOR} times as long to start treatment.
 */
final class CancerPathwayRegistry {
    /** Pathway code, yearly new cases in Norway (rounded orders of magnitude, Kreftregisteret), main diagnoses drawn. */
    record PathwayType(String code, int nationalPerYear, String[] diagnoses, char sex, boolean children) {
    }

    static final List<PathwayType> TYPES = List.of(
            new PathwayType("ACUTE_LEUKAEMIA", 250, new String[]{"C920", "C910"}, 'B', false),
            new PathwayType("PANCREAS", 900, new String[]{"C259", "C250"}, 'B', false),
            new PathwayType("OVARY", 450, new String[]{"C56"}, 'F', false),
            new PathwayType("BILIARY", 300, new String[]{"C221", "C23", "C249"}, 'B', false),
            new PathwayType("BRAIN", 450, new String[]{"C719", "C711"}, 'B', false),
            new PathwayType("HEAD_NECK", 850, new String[]{"C029", "C099", "C329"}, 'B', false),
            new PathwayType("CHILDREN", 180, new String[]{"C910", "C719", "C499"}, 'B', true),
            new PathwayType("OESOPHAGUS_STOMACH", 750, new String[]{"C159", "C169"}, 'B', false),
            new PathwayType("CERVIX", 330, new String[]{"C539"}, 'F', false),
            new PathwayType("UTERUS", 800, new String[]{"C541", "C549"}, 'F', false),
            new PathwayType("LYMPHOMA", 1300, new String[]{"C829", "C833", "C819"}, 'B', false),
            new PathwayType("MYELOMA", 550, new String[]{"C900"}, 'B', false),
            new PathwayType("NEUROENDOCRINE", 500, new String[]{"C179"}, 'B', false),
            new PathwayType("KIDNEY", 950, new String[]{"C64"}, 'B', false),
            new PathwayType("PENIS", 60, new String[]{"C609"}, 'M', false),
            new PathwayType("LIVER", 350, new String[]{"C220"}, 'B', false),
            new PathwayType("SARCOMA", 300, new String[]{"C499", "C412"}, 'B', false),
            new PathwayType("THYROID", 450, new String[]{"C73"}, 'B', false),
            new PathwayType("TESTIS", 330, new String[]{"C629"}, 'M', false),
            new PathwayType("CLL", 400, new String[]{"C911"}, 'B', false));
    static final double IN_PATHWAY = 0.8;
    static final double LEAD_SHARE_OF_STANDARD = 0.85;
    static final double SLOW_SITE_LEAD_FACTOR = 1.6;
    /** Stream unit of the planted slow site (kind UNITS, year 0): apart from every yearly extract stream. */
    private static final long SLOW_SITE_STREAM = 9_001;
    /** Stream units of the patients of a diagnosis year (kind UNITS): apart from the extract ordinals. */
    private static final long PATIENT_STREAM = 9_002;

    private final Synthesizer.Run run;
    private final SynthReference ref;
    private final Plan plan;
    private final int slowSite;
    private final double[] cumulativePopulation;

    CancerPathwayRegistry(Synthesizer.Run run) {
        this.run = run;
        this.ref = run.ref();
        this.plan = run.plan();
        this.slowSite = slowSite(ref, plan.seed);
        for (PathwayType t : TYPES) {
            ref.checkIcd(t.diagnoses());
            if (!ref.pathwayLeadDays.containsKey(t.code())) {
                throw new IllegalStateException("cancer pathway " + t.code() + " missing in cancer_pathways.csv");
            }
        }
        cumulativePopulation = new double[ref.municipalities.size()];
        double sum = 0;
        for (int m = 0; m < cumulativePopulation.length; m++) {
            sum += ref.municipalities.get(m).population();
            cumulativePopulation[m] = sum;
        }
        for (int m = 0; m < cumulativePopulation.length; m++) cumulativePopulation[m] /= sum;
    }

    /** The planted slow site: a university hospital drawn from the seed. */
    static int slowSite(SynthReference ref, long seed) {
        List<Integer> universities = new ArrayList<>();
        for (int s = 0; s < ref.sites.size(); s++) if (ref.sites.get(s).university()) universities.add(s);
        SplittableRandom r = Rng.stream(seed, Rng.UNITS, 0, SLOW_SITE_STREAM);
        return universities.get(r.nextInt(universities.size()));
    }

    /** What truth.json says of the planted effect. */
    static Map<String, Object> truth(SynthReference ref, long seed) {
        SynthReference.Site site = ref.sites.get(slowSite(ref, seed));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("provider_org", site.orgnr());
        t.put("name", site.name());
        t.put("outcome", "cancer pathway lead time (pathway types of npr_somatic_pathways files)");
        t.put("lead_time_factor", SLOW_SITE_LEAD_FACTOR);
        t.put("note", "treatment starts later: fewer pathways within the standard lead time at this hospital");
        return t;
    }

    /** The episodes of the year's file: patients diagnosed last year and this year, each episode discharged this year. */
    void write(ExtractWriter w, int year) {
        int[] serial = {0};
        if (year > plan.firstYear) patients(w, year - 1, year, serial);
        patients(w, year, year, serial);
    }

    private void patients(ExtractWriter w, int diagnosisYear, int fileYear, int[] serial) {
        SplittableRandom r = Rng.stream(plan.seed, Rng.UNITS, diagnosisYear, PATIENT_STREAM);
        int jan1 = Civil.yearStart(diagnosisYear);
        int days = Civil.daysInYear(diagnosisYear);
        int patient = 0;
        for (PathwayType t : TYPES) {
            int n = Rng.poisson(r, t.nationalPerYear() * plan.scale);
            int standard = ref.pathwayLeadDays.get(t.code());
            for (int i = 0; i < n; i++) {
                patient++;
                // every draw is made whether or not the patient's episodes land in this file, so both files agree
                int day = jan1 + r.nextInt(days);
                int m = Rng.pickCumulative(r, cumulativePopulation);
                int[] local = ref.catchmentSites.get(m);
                int site = local[r.nextInt(local.length)];
                if (r.nextDouble() < 0.3 && run.universityOf(site) >= 0) site = run.universityOf(site);
                boolean male = t.sex() == 'M' || (t.sex() == 'B' && r.nextDouble() < 0.5);
                int age = t.children() ? r.nextInt(18)
                        : (int) Math.max(18, Math.min(99, Math.round(67 + 12 * r.nextGaussian())));
                String main = Rng.pick(r, t.diagnoses());
                boolean inPathway = r.nextDouble() < IN_PATHWAY;
                double factor = site == slowSite ? SLOW_SITE_LEAD_FACTOR : 1.0;
                int lead = (int) Math.max(1, Math.round(standard * LEAD_SHARE_OF_STANDARD * factor * Math.exp(0.35 * r.nextGaussian())));
                int treatDay = day + lead;
                long visitTime = day * DAY + 8 * HOUR + (long) (r.nextDouble() * 6 * HOUR);
                long treatTime = treatDay * DAY + 8 * HOUR + (long) (r.nextDouble() * 4 * HOUR);
                String patientId = "KP" + diagnosisYear + String.format("%07d", patient);
                String org = ref.sites.get(site).orgnr();
                boolean gapSite = ref.sites.get(site).bohf() == plan.gapBohf;
                String muni = ref.municipalities.get(m).number();
                // the planted reporting gap holds here too: nothing discharged by the trust in its missing tertial
                if (inPathway && Civil.year(day) == fileYear && !(gapSite && inGap(day))) {
                    episode(w, "K" + fileYear + String.format("%08d", ++serial[0]), patientId, org, visitTime, visitTime + HOUR,
                            '3', main, muni, age, male, t.code(), day, -1);
                }
                if (Civil.year(treatDay) == fileYear && !(gapSite && inGap(treatDay))) {
                    episode(w, "K" + fileYear + String.format("%08d", ++serial[0]), patientId, org, treatTime, treatTime + 3 * HOUR,
                            '2', main, muni, age, male, inPathway ? t.code() : null, inPathway ? day : -1, inPathway ? treatDay : -1);
                }
            }
        }
    }

    private boolean inGap(int day) {
        return Civil.year(day) == plan.gapYear && Civil.tertial(day) == plan.gapTertial;
    }

    private static void episode(ExtractWriter w, String episodeId, String patientId, String org, long admission, long discharge,
                                char level, String main, String muni, int age, boolean male, String pathway, int pathwayStart,
                                int pathwayTreatment) {
        Extract e = Extract.NPR_SOMATIC_PATHWAYS;
        w.str(e.column("episode_id"), episodeId).str(e.column("patient_id"), patientId)
                .str(e.column("provider_org"), org).ts(e.column("admission_time"), admission)
                .ts(e.column("discharge_time"), discharge).str(e.column("care_level"), String.valueOf(level))
                .str(e.column("urgency"), "4").str(e.column("main_diagnosis"), main)
                .str(e.column("residence_municipality"), muni).num(e.column("age"), age)
                .str(e.column("sex"), male ? "1" : "2").str(e.column("discharge_status"), "1");
        if (pathway != null) w.str(e.column("cancer_pathway"), pathway);
        if (pathwayStart >= 0) w.date(e.column("pathway_start_date"), pathwayStart);
        if (pathwayTreatment >= 0) w.date(e.column("pathway_treatment_date"), pathwayTreatment);
        w.end();
    }
}
