package no.kvik.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The patient safety programme's point-prevalence measurements of pressure ulcers and falls (pasientsikkerhetsprogrammet
 * "I trygge hender 24-7": trykksår, fall), reported by the hospitals as counts per measurement, written as a third
 * registry_aggregate delivery per year ({@code registry_aggregate_patient_safety_YYYY.csv}, registry {@code PSP}) so
 * the other files keep their bytes. Each site measures on one day in spring (T2) and one in autumn (T3); the patients
 * present are about the mean occupied beds (inpatient days / days), those 65 and over about half of them. Numerators
 * are binomial draws around a national share with a random effect per site (SD {@link #SITE_SD} on the log odds, fixed
 * over the years) and one planted site per measure, named in truth.json under {@code patient_safety_effects}. Falls
 * with injury are counted over all inpatient days instead (one row per tertial: the falls and the patient days), a
 * Poisson draw around a national rate per patient day with the same kind of site and planted effects on the log rate.
 */
final class PatientSafetyMeasurements {
    /**
     * One measure: its id in registry_aggregate, national share (or rate per patient day), the planted site's log odds
     * (or log rate) ratio, its population, and whether it counts events over patient days per tertial.
     */
    record Measure(String id, double nationalShare, double plantedLogOddsRatio, boolean aged65Plus, boolean perPatientDay,
                   String note) {
    }

    static final String REGISTRY = "PSP";
    static final List<Measure> MEASURES = List.of(
            new Measure("trykksar_kat2_4_sykehus", 0.05, 0.9, false, false, "more hospital-acquired pressure ulcers (category 2-4)"),
            new Measure("trykksar_risikovurdert_24t", 0.75, -1.2, false, false, "fewer patients risk-assessed for pressure ulcers within 24 hours"),
            new Measure("fall_med_skade_liggedogn", 0.0012, 1.0, false, true, "more inpatient falls with injury per 1000 patient days"),
            new Measure("fall_risikovurdert_65", 0.70, -1.0, true, false, "fewer patients 65 and over screened for fall risk"));
    static final double SITE_SD = 0.3;
    /** Stream unit of the planted sites and site effects (kind UNITS, year 0): apart from every yearly extract stream. */
    private static final long EFFECT_STREAM = 9_101;

    private final SynthReference ref;
    private final PlantedSiteEffects effects;

    PatientSafetyMeasurements(SynthReference ref, long seed) {
        this.ref = ref;
        this.effects = PlantedSiteEffects.draw(ref, seed, EFFECT_STREAM, MEASURES.size(), SITE_SD);
    }

    /** The planted site of each measure: among the eight hospitals with the largest catchments, so it shows at small scales. */
    static int[] plantedSites(SynthReference ref, long seed) {
        return PlantedSiteEffects.plantedSites(ref, seed, EFFECT_STREAM, MEASURES.size());
    }

    /** What truth.json says of the planted effects. */
    static List<Object> truth(SynthReference ref, long seed) {
        int[] planted = plantedSites(ref, seed);
        List<Object> l = new ArrayList<>();
        for (int k = 0; k < planted.length; k++) {
            Measure m = MEASURES.get(k);
            l.add(PlantedSiteEffects.truth(ref.sites.get(planted[k]), REGISTRY, m.id(),
                    m.perPatientDay() ? "national_rate_per_patient_day" : "national_share", m.nationalShare(),
                    m.perPatientDay() ? "log_rate_ratio" : "log_odds_ratio", m.plantedLogOddsRatio(), SITE_SD, m.note()));
        }
        return l;
    }

    void write(ExtractWriter w, SplittableRandom r, int year, ChunkStats stats, double[] registryCoverage) {
        int days = Civil.daysInYear(year);
        for (int s = 0; s < ref.sites.size(); s++) {
            String org = ref.sites.get(s).orgnr();
            int present = (int) Math.round(stats.inpatientDays[s] / (double) days);
            if (present <= 0) continue;
            for (String period : new String[]{"T2", "T3"}) {
                int patients = Math.max(1, present + (int) Math.round(0.1 * present * r.nextGaussian()));
                int aged65 = Rng.binomial(r, patients, 0.5);
                for (int k = 0; k < MEASURES.size(); k++) {
                    Measure m = MEASURES.get(k);
                    if (m.perPatientDay()) continue;
                    int den = m.aged65Plus() ? aged65 : patients;
                    if (den <= 0) continue;
                    double logit = Math.log(m.nationalShare() / (1 - m.nationalShare())) + effects.shift(k, s, m.plantedLogOddsRatio());
                    int num = Rng.binomial(r, den, Rng.logistic(logit));
                    w.str(0, REGISTRY).str(1, m.id()).str(2, org).num(3, year).str(4, period).num(5, num).num(6, den)
                            .dec(7, registryCoverage[s], 3).end();
                }
            }
            for (int k = 0; k < MEASURES.size(); k++) {
                Measure m = MEASURES.get(k);
                if (!m.perPatientDay()) continue;
                double logRate = Math.log(m.nationalShare()) + effects.shift(k, s, m.plantedLogOddsRatio());
                for (String period : new String[]{"T1", "T2", "T3"}) {
                    int patientDays = (int) Math.round(stats.inpatientDays[s] / 3.0);
                    if (patientDays <= 0) continue;
                    int falls = Rng.poisson(r, patientDays * Math.exp(logRate));
                    w.str(0, REGISTRY).str(1, m.id()).str(2, org).num(3, year).str(4, period).num(5, falls).num(6, patientDays)
                            .dec(7, registryCoverage[s], 3).end();
                }
            }
        }
    }
}
