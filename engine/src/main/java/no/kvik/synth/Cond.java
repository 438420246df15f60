package no.kvik.synth;

/**
 * Event types drawn per person and year. {@code national} is the yearly count at scale 1 (Norway's
 * order of magnitude); the relative risk is exp(slope × (age − 70)) × male RR inside the age range,
 * times exp(frailty × frailCoef). At run start each type is calibrated so that the expected count over
 * the synthetic population is national × scale.
 */
enum Cond {
    AMI(12_000, 0.065, 1.9, 25, 105, 0.3, 0),
    STROKE(11_000, 0.075, 1.3, 25, 105, 0.3, 0),
    HIP_FRACTURE(9_000, 0.13, 0.5, 50, 105, 0.3, 0),
    CANCER_LUNG(3_300, 0.05, 1.1, 40, 105, 0.3, 0),
    CANCER_BREAST(3_700, 0.02, 1, 30, 105, 0, 2),
    CANCER_COLORECTAL(4_600, 0.06, 1.2, 35, 105, 0, 0),
    CANCER_PROSTATE(5_000, 0.06, 1, 45, 105, 0, 1),
    CANCER_MELANOMA(2_900, 0.03, 1.1, 20, 105, 0, 0),
    CANCER_BLADDER(1_700, 0.07, 3.0, 40, 105, 0, 0),
    CANCER_OTHER(15_800, 0.045, 1.1, 0, 105, 0, 0),
    PNEUMONIA(30_000, 0.07, 1.2, 0, 105, 0.6, 0),
    COPD(14_000, 0.06, 1.0, 40, 105, 0.6, 0),
    HEART_FAILURE(14_000, 0.09, 1.2, 40, 105, 0.6, 0),
    UTI(8_000, 0.07, 0.5, 0, 105, 0.6, 0),
    FRACTURE(16_000, 0.06, 0.6, 0, 105, 0.3, 0),
    GASTROENTERITIS(6_000, 0.03, 1.0, 0, 105, 0.3, 0),
    DEHYDRATION(4_000, 0.10, 1.0, 60, 105, 0.6, 0),
    CONSTIPATION(2_500, 0.08, 1.0, 50, 105, 0.3, 0),
    ARTHRITIS(3_000, 0.03, 0.8, 30, 105, 0.3, 0),
    ANEMIA(3_000, 0.06, 0.8, 30, 105, 0.3, 0),
    HIP_PROSTHESIS(9_000, 0.03, 0.7, 45, 95, 0, 0),
    CHOLECYSTECTOMY(7_500, 0.0, 0.5, 18, 90, 0, 0),
    CAESAREAN(9_500, 0.0, 1, 20, 45, 0, 2),
    COLON_SURGERY(4_000, 0.04, 1.1, 40, 95, 0, 0),
    CABG(2_000, 0.04, 3.0, 45, 90, 0.3, 0),
    OTHER_INPATIENT(700_000, 0.035, 1.0, 0, 105, 0.3, 0),
    DAY_TREATMENT(250_000, 0.02, 1.0, 0, 105, 0, 0),
    OUTPATIENT(1_000_000, 0.015, 0.9, 0, 105, 0, 0),
    MENTAL_ADULT(180_000, -0.02, 0.8, 18, 105, 0.3, 0),
    MENTAL_CHILD(60_000, 0.0, 1.0, 0, 17, 0, 0),
    TSB(35_000, -0.02, 2.5, 18, 90, 0.3, 0),
    HOME_SERVICE(90_000, 0.09, 0.8, 0, 105, 0.6, 0),
    NURSING_LONG(14_000, 0.12, 0.8, 60, 105, 0.6, 0),
    NURSING_SHORT(45_000, 0.11, 0.9, 60, 105, 0.6, 0),
    NURSING_RESPITE(8_000, 0.05, 1.0, 0, 105, 0.3, 0),
    BACKGROUND_DEATH(27_000, 0.098, 1.5, 0, 105, 0.3, 0),
    /** J01 antibiotics dispensed (Reseptregisteret order of magnitude). */
    ANTIBIOTIC_RX(1_800_000, 0.012, 0.72, 0, 105, 0.3, 0),
    /** A sample of other dispensings (the real register has tens of millions). */
    OTHER_RX(3_300_000, 0.04, 0.9, 0, 105, 0.3, 0),
    /** A sample of GP contacts (about a third of the real volume). */
    GP_CONTACT(5_000_000, 0.02, 0.8, 0, 105, 0.3, 0),
    CALL_113(750_000, 0.04, 1.1, 0, 105, 0.3, 0),
    /** Half the real 116117 volume. */
    CALL_116117(1_600_000, 0.0, 0.9, 0, 105, 0.3, 0);

    final int national;
    final double slope;
    final double maleRr;
    final int minAge;
    final int maxAge;
    final double frailCoef;
    /** 0 both sexes, 1 men only, 2 women only. */
    final int sexOnly;

    Cond(int national, double slope, double maleRr, int minAge, int maxAge, double frailCoef, int sexOnly) {
        this.national = national;
        this.slope = slope;
        this.maleRr = maleRr;
        this.minAge = minAge;
        this.maxAge = maxAge;
        this.frailCoef = frailCoef;
        this.sexOnly = sexOnly;
    }

    /** Relative risk by age and sex, before frailty. */
    double shape(int age, boolean male) {
        if (age < minAge || age > maxAge) return 0;
        if (sexOnly == 1 && !male || sexOnly == 2 && male) return 0;
        double rr = Math.exp(slope * (age - 70)) * (male ? maleRr : 1);
        switch (this) {
            case ANTIBIOTIC_RX -> rr *= age < 10 ? 1.7 : age < 20 ? 0.8 : 1.0;
            case CALL_116117 -> rr *= age < 6 ? 2.5 : age > 75 ? 1.6 : 1.0;
            case OUTPATIENT, DAY_TREATMENT, OTHER_INPATIENT -> rr *= age < 2 ? 3.0 : 1.0;
            default -> { }
        }
        return rr;
    }
}
