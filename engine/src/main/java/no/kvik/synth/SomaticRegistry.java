package no.kvik.synth;

import java.util.EnumSet;
import java.util.Set;

/**
 * The NPR somatic family (npr_somatic, with nois_ssi for the followed operations): each somatic person event
 * becomes an acute admission, a planned treatment or a cancer course.
 */
final class SomaticRegistry implements RegistryFamily {
    private static final Set<Cond> EVENTS = EnumSet.of(Cond.AMI, Cond.STROKE, Cond.HIP_FRACTURE, Cond.PNEUMONIA,
            Cond.HEART_FAILURE, Cond.COPD, Cond.UTI, Cond.FRACTURE, Cond.GASTROENTERITIS, Cond.DEHYDRATION,
            Cond.CONSTIPATION, Cond.ARTHRITIS, Cond.ANEMIA, Cond.OTHER_INPATIENT, Cond.DAY_TREATMENT, Cond.OUTPATIENT,
            Cond.HIP_PROSTHESIS, Cond.CHOLECYSTECTOMY, Cond.CAESAREAN, Cond.COLON_SURGERY, Cond.CABG,
            Cond.CANCER_LUNG, Cond.CANCER_BREAST, Cond.CANCER_COLORECTAL, Cond.CANCER_PROSTATE, Cond.CANCER_MELANOMA,
            Cond.CANCER_BLADDER, Cond.CANCER_OTHER);

    private final ChunkContext cx;
    private final Codes codes;
    private final AcuteAdmissions acute;
    private final PlannedTreatment planned;
    private final CancerTreatment cancer;

    SomaticRegistry(ChunkContext cx) {
        this.cx = cx;
        this.codes = cx.codes;
        SomaticEpisodes episodes = new SomaticEpisodes(cx);
        SurgicalInfections infections = new SurgicalInfections(cx);
        this.acute = new AcuteAdmissions(cx, episodes, infections);
        this.planned = new PlannedTreatment(cx, episodes, infections);
        this.cancer = new CancerTreatment(cx, episodes);
    }

    @Override
    public Set<Cond> events() {
        return EVENTS;
    }

    @Override
    public void event(int slot, Cond c, int day) {
        switch (c) {
            case AMI, STROKE, HIP_FRACTURE -> indexCondition(slot, c, day);
            case PNEUMONIA -> acute.admit(slot, c, day, pick(codes.readmissionGroup.get(c)), -1, -2.9, 5, true);
            case HEART_FAILURE -> acute.admit(slot, c, day, pick(codes.readmissionGroup.get(c)), -1, -3.1, 6, true);
            case COPD -> acute.admit(slot, c, day, pick(codes.readmissionGroup.get(c)), -1, -3.5, 5, true);
            case UTI, FRACTURE, GASTROENTERITIS, DEHYDRATION, CONSTIPATION, ARTHRITIS, ANEMIA ->
                    acute.admit(slot, c, day, pick(codes.readmissionGroup.get(c)), -1, -4.6, 4, true);
            case OTHER_INPATIENT -> {
                if (cx.r.nextDouble() < 0.7) acute.admit(slot, c, day, pick(codes.otherPool), -1, -5.6, 3.5, false);
                else planned.treat(slot, c, day, pick(codes.otherPool), '1', null, null, 3);
            }
            case DAY_TREATMENT -> planned.treat(slot, c, day, pick(codes.otherPool), '2', null, null, 0);
            case OUTPATIENT -> planned.treat(slot, c, day, pick(codes.otherPool), '3', null, null, 0);
            case HIP_PROSTHESIS, CHOLECYSTECTOMY, CAESAREAN, COLON_SURGERY, CABG -> operation(slot, c, day);
            case CANCER_LUNG, CANCER_BREAST, CANCER_COLORECTAL, CANCER_PROSTATE, CANCER_MELANOMA, CANCER_BLADDER,
                 CANCER_OTHER -> cancer.diagnose(slot, c, day);
            default -> throw new IllegalStateException("unhandled somatic event " + c);
        }
    }

    /** The three conditions with 30-day mortality indicators (mortality index 0, 1, 2 in {@link Plan}). */
    private void indexCondition(int slot, Cond c, int day) {
        switch (c) {
            case AMI -> {
                boolean nstemi = cx.r.nextDouble() < 0.55;
                String code = nstemi ? pick(codes.amiNstemi) : pick(codes.amiOther);
                acute.admit(slot, c, day, code, 0, -2.6, 4, false);
            }
            case STROKE -> {
                double u = cx.r.nextDouble();
                String code = u < 0.15 ? pick(codes.strokeHaem) : u < 0.95 ? pick(codes.strokeIsch) : pick(codes.strokeUnspec);
                acute.admit(slot, c, day, code, 1, -2.85, 7, true);
            }
            default -> acute.admit(slot, c, day, pick(codes.hipFracture), 2, -3.6, 6, true);
        }
    }

    /** The five NOIS operations: inpatient, with their diagnosis, procedure code, NOIS group and mean stay. */
    private void operation(int slot, Cond c, int day) {
        switch (c) {
            case HIP_PROSTHESIS -> planned.treat(slot, c, day, codes.surgeryDiagnosis[0], '1', pick(codes.hipProsthesis), "HIP_TOTAL", 4);
            case CHOLECYSTECTOMY -> planned.treat(slot, c, day, cx.r.nextBoolean() ? codes.surgeryDiagnosis[1] : codes.surgeryDiagnosis[2],
                    '1', pick(codes.chole), "CHOLECYSTECTOMY", 2);
            case CAESAREAN -> planned.treat(slot, c, day, codes.surgeryDiagnosis[3], '1', pick(codes.caesarean), "CAESAREAN", 3);
            case COLON_SURGERY -> planned.treat(slot, c, day, codes.surgeryDiagnosis[4], '1', pick(codes.colon), "COLON", 7);
            default -> planned.treat(slot, c, day, codes.surgeryDiagnosis[5], '1', pick(codes.cabg), "CABG", 8);
        }
    }

    private String pick(String[] values) {
        return Rng.pick(cx.r, values);
    }
}
