package no.kvik.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Further yearly indicators of the national quality registries (stroke NHR, heart NHI, hip fracture NHFR) and the
 * NOIS point-prevalence survey of hospital-acquired infections (PIAHS), written as a second registry_aggregate
 * delivery per year ({@code registry_aggregate_quality_YYYY.csv}) so the first file keeps its bytes. Denominators come
 * from the year's counters (stroke, NSTEMI and hip fracture patients per site; for PIAHS the inpatients present on a
 * survey day, about the mean occupied beds, with one row per survey: T2 for May, T3 for November), numerators are binomial draws around a national share with a
 * random effect per site (SD {@link #SITE_SD} on the log odds, fixed over the years) and one planted site per
 * indicator, named in truth.json under {@code quality_registry_effects}.
 */
final class QualityRegistryOutcomes {
    /** One registry indicator: its registry, id, national share and the planted site's log odds ratio. */
    record Indicator(String registry, String id, double nationalShare, double plantedLogOddsRatio, String note) {
    }

    static final List<Indicator> INDICATORS = List.of(
            new Indicator("NHR", "hjerneslag_inn_enhet", 0.85, -1.2, "fewer stroke patients admitted directly to a stroke unit"),
            new Indicator("NHR", "hjerneslag_pf_malepunkt_2c", 0.68, -1.0, "fewer ambulances leaving the scene within 25 minutes"),
            new Indicator("NHI", "hjerteinfarkt_invasivt_nstemi", 0.82, -1.2, "fewer NSTEMI patients investigated invasively"),
            new Indicator("NHFR", "hoftebrudd_24t", 0.68, -1.0, "fewer hip fractures operated within 24 hours"),
            new Indicator("NOIS", "piahs_prevalens", 0.034, 0.9, "more hospital-acquired infections on the survey days"));
    static final double SITE_SD = 0.3;
    /** Stream unit of the site effects (kind UNITS, year 0): apart from every yearly extract stream. */
    private static final long EFFECT_STREAM = 9_003;

    private final SynthReference ref;
    private final Plan plan;
    private final PlantedSiteEffects effects;

    QualityRegistryOutcomes(Synthesizer.Run run) {
        this.ref = run.ref();
        this.plan = run.plan();
        this.effects = PlantedSiteEffects.draw(ref, plan.seed, EFFECT_STREAM, INDICATORS.size(), SITE_SD);
    }

    /**
     * The planted site of each indicator: drawn from the seed among the eight hospitals with the largest local
     * catchments, so the effect is seen even at small scales.
     */
    static int[] plantedSites(SynthReference ref, long seed) {
        return PlantedSiteEffects.plantedSites(ref, seed, EFFECT_STREAM, INDICATORS.size());
    }

    /** What truth.json says of the planted effects. */
    static List<Object> truth(SynthReference ref, long seed) {
        int[] planted = plantedSites(ref, seed);
        List<Object> l = new ArrayList<>();
        for (int k = 0; k < planted.length; k++) {
            Indicator i = INDICATORS.get(k);
            l.add(PlantedSiteEffects.truth(ref.sites.get(planted[k]), i.registry(), i.id(), "national_share",
                    i.nationalShare(), "log_odds_ratio", i.plantedLogOddsRatio(), SITE_SD, i.note()));
        }
        return l;
    }

    void write(ExtractWriter w, SplittableRandom r, int year, ChunkStats stats) {
        int days = Civil.daysInYear(year);
        for (int s = 0; s < ref.sites.size(); s++) {
            String org = ref.sites.get(s).orgnr();
            double cov = plan.registryCoverage[s];
            int hipDen = stats.hipDen[s][0] + stats.hipDen[s][1] + stats.hipDen[s][2];
            int[] denominators = {
                    stats.strokeDen[s],
                    Rng.binomial(r, stats.strokeDen[s], 0.55), // brought by ambulance within the 4-hour window
                    stats.nstemiDen[s],
                    hipDen,
                    (int) Math.round(stats.inpatientDays[s] / (double) days)};
            for (int k = 0; k < INDICATORS.size(); k++) {
                Indicator i = INDICATORS.get(k);
                int den = denominators[k];
                if (den <= 0) continue;
                double logit = Math.log(i.nationalShare() / (1 - i.nationalShare())) + effects.shift(k, s, i.plantedLogOddsRatio());
                // the prevalence survey is made on one day in May (T2) and one in November (T3)
                String[] periods = i.registry().equals("NOIS") ? new String[]{"T2", "T3"} : new String[]{"Y"};
                for (String period : periods) {
                    int num = Rng.binomial(r, den, Rng.logistic(logit));
                    w.str(0, i.registry()).str(1, i.id()).str(2, org).num(3, year).str(4, period).num(5, num).num(6, den)
                            .dec(7, cov, 3).end();
                }
            }
        }
    }
}
