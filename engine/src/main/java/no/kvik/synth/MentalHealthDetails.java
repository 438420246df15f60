package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * The coercion decisions (npr_coercion) and patient pathways (npr_mh_pathway) of the mental-health episodes that
 * {@link MentalHealthRegistry} writes. Every draw comes from the chunk's own stream {@link ChunkContext#mr} and no
 * row sequence number is taken (ids derive from the episode's), so the npr_mental rows and every other extract
 * are the same bytes as without these two extracts.
 */
final class MentalHealthDetails {
    private static final Extract COERCION = Extract.NPR_COERCION;
    private static final Extract PATHWAY = Extract.NPR_MH_PATHWAY;
    private static final int C_ID = COERCION.column("decision_id"), C_EPISODE = COERCION.column("episode_id"),
            C_PATIENT = COERCION.column("patient_id"), C_ORG = COERCION.column("provider_org"),
            C_TYPE = COERCION.column("decision_type"), C_DATE = COERCION.column("decision_date"),
            C_RESIDENCE = COERCION.column("residence_municipality"), C_AGE = COERCION.column("age"), C_SEX = COERCION.column("sex");
    private static final int P_ID = PATHWAY.column("pathway_id"), P_PATIENT = PATHWAY.column("patient_id"),
            P_ORG = PATHWAY.column("provider_org"), P_SECTOR = PATHWAY.column("sector"), P_TYPE = PATHWAY.column("pathway_type"),
            P_REFERRAL = PATHWAY.column("referral_date"), P_APPOINTMENT = PATHWAY.column("first_appointment_date"),
            P_DECISION = PATHWAY.column("clinical_decision_date"), P_PLAN = PATHWAY.column("treatment_plan_date"),
            P_EVALUATION = PATHWAY.column("first_evaluation_date"), P_END = PATHWAY.column("end_date"),
            P_RESIDENCE = PATHWAY.column("residence_municipality"), P_AGE = PATHWAY.column("age"), P_SEX = PATHWAY.column("sex");
    /** Coercive measures (psykisk helsevernloven § 4-8 a-d) and the share of measured patients given each. */
    private static final String[] MEASURES = {"MECH", "ISOL", "MED", "HOLD"};
    private static final double[] MEASURE_SHARE = {0.45, 0.30, 0.35, 0.50};

    private final ChunkContext cx;

    MentalHealthDetails(ChunkContext cx) {
        this.cx = cx;
    }

    /** The facts of one written npr_mental episode that its details repeat. */
    record Episode(int slot, String episodeId, String patientId, String org, String sector, boolean inpatient,
                   int referral, int start, int end, int age) {
    }

    void write(Episode e) {
        coercion(e);
        pathway(e);
    }

    /**
     * Involuntary admissions (about 16 % of adult inpatient admissions, 5 % in child and adolescent care), compulsory
     * care without a stay (1 % of adult outpatient episodes) and coercive measures (about 7 % of adult inpatients aged
     * 16 or more), with the trust's logit shift ({@link Plan#coercionLogit}).
     */
    private void coercion(Episode e) {
        SplittableRandom r = cx.mr;
        double shift = cx.plan.coercionLogit(e.org());
        boolean adult = e.sector().equals("PHV_V");
        if (e.sector().equals("TSB")) return;
        if (e.inpatient()) {
            double involuntary = Rng.logistic(logit(adult ? 0.16 : 0.05) + shift);
            if (r.nextDouble() < involuntary) decision(e, r.nextDouble() < 0.5 ? "TVOBS" : "TPH", e.start(), 0);
            if (adult && e.age() >= 16 && r.nextDouble() < Rng.logistic(logit(0.07) + shift)) {
                int last = Math.min(cx.nextJan1 - 1, e.end() < 0 ? cx.nextJan1 - 1 : e.end());
                int n = 0;
                for (int k = 0; k < MEASURES.length; k++) {
                    boolean given = r.nextDouble() < MEASURE_SHARE[k];
                    if (given || (k == MEASURES.length - 1 && n == 0)) {
                        decision(e, MEASURES[k], e.start() + r.nextInt(Math.max(1, last - e.start() + 1)), ++n);
                    }
                }
            }
        } else if (adult && r.nextDouble() < 0.01) {
            decision(e, "TUD", e.start(), 0);
        }
    }

    private void decision(Episode e, String type, int day, int n) {
        ExtractWriter w = cx.writer(COERCION);
        w.str(C_ID, e.episodeId()).cell(C_ID).append('-').append(type).append(n);
        w.str(C_EPISODE, e.episodeId()).str(C_PATIENT, e.patientId()).str(C_ORG, e.org()).str(C_TYPE, type).date(C_DATE, day);
        w.str(C_RESIDENCE, cx.residence(e.slot())).num(C_AGE, e.age()).str(C_SEX, cx.sex(e.slot()));
        w.end();
    }

    /**
     * A pathway for about 85 % of started referrals; assessment (first appointment to clinical decision) within the
     * norm for about 75 % (42 days in PHV, 21 in TSB), first evaluation within the norm (42 days after the decision in
     * PHV, 7 in TSB) for about 55 %, a treatment plan with the patient for about 40 %, all with the trust's logit
     * shift ({@link Plan#pathwayLogit}). A measuring point after the last generated year is not known yet (empty).
     */
    private void pathway(Episode e) {
        SplittableRandom r = cx.mr;
        if (r.nextDouble() >= 0.85) return;
        boolean tsb = e.sector().equals("TSB");
        double shift = cx.plan.pathwayLogit(e.org());
        int assessNorm = tsb ? 21 : 42;
        int evaluationNorm = tsb ? 7 : 42;
        int decision = r.nextDouble() < 0.1 ? -1 : e.start() + within(r, assessNorm, Rng.logistic(logit(0.75) + shift));
        boolean plan = decision >= 0 && r.nextDouble() < Rng.logistic(logit(0.40) + shift);
        int evaluation = decision < 0 ? -1 : decision + within(r, evaluationNorm, Rng.logistic(logit(0.55) + shift));
        int planDay = plan ? decision + r.nextInt(14) : -1;
        double u = r.nextDouble();
        String type = u < 0.90 ? "GENERAL" : u < 0.96 ? "PSYCHOSIS" : e.sector().equals("PHV_BU") && u < 0.99 ? "EATING_DISORDER" : "OCD";
        ExtractWriter w = cx.writer(PATHWAY);
        w.str(P_ID, "P").cell(P_ID).append(e.episodeId(), 1, e.episodeId().length());
        w.str(P_PATIENT, e.patientId()).str(P_ORG, e.org()).str(P_SECTOR, e.sector()).str(P_TYPE, type);
        w.date(P_REFERRAL, e.referral()).date(P_APPOINTMENT, e.start());
        known(w, P_DECISION, decision);
        known(w, P_PLAN, planDay);
        known(w, P_EVALUATION, decision < 0 || decision > cx.horizonEnd ? -1 : evaluation);
        known(w, P_END, e.end() >= Math.max(evaluation, decision) ? e.end() : -1);
        w.str(P_RESIDENCE, cx.residence(e.slot())).num(P_AGE, e.age()).str(P_SEX, cx.sex(e.slot()));
        w.end();
    }

    /** Days to a measuring point: within the norm (0..norm) with probability p, else 1 to 60 days beyond it. */
    private static int within(SplittableRandom r, int norm, double p) {
        return r.nextDouble() < p ? r.nextInt(norm + 1) : norm + 1 + r.nextInt(60);
    }

    private void known(ExtractWriter w, int col, int day) {
        if (day < 0 || day > cx.horizonEnd) w.empty(col); else w.date(col, day);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
