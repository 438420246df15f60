package no.kvik.oecd;

import java.util.List;

/**
 * The OECD indicators of the delivery, in template order: the HCQO acute-care ones ({@link #ALL}: 30-day
 * mortality after AMI, haemorrhagic and ischaemic stroke (ages 45+) and after hip fracture (ages 65+),
 * admission-based and patient-based, and hip-fracture surgery within 2 days (65+)) and, with
 * {@code kvik oecd --integrated-care}, the integrated-care pilot's follow-up of chronic heart failure and heart
 * attack ({@link #INTEGRATED_CARE}). The inclusion rules live in their SQL files (sql/indicators/somatic/oecd_*);
 * this only names them.
 *
 * @param id          catalogue id of the indicator
 * @param condition   AMI, HAEMORRHAGIC_STROKE, ISCHAEMIC_STROKE or HIP_FRACTURE (the OECD condition)
 * @param dataType    ADMISSION_BASED (unlinked, in-hospital deaths in the same hospital) or PATIENT_BASED
 *                    (linked, deaths in or out of hospital)
 * @param codes       the ICD-10 principal diagnoses, as published (for the definitions sheet)
 * @param minAge      youngest age of the indicator (45 or 65): the first age group standardised over
 * @param numeratorIs what the numerator (the template's deaths column) counts, for the definitions sheet
 * @param cohort      the cases it shares with the other indicators of the same cohort (they must count the same
 *                    cases in every cell), or null when it shares them with none
 * @param followUpMonths months after the year whose data the outcome needs (1 for 30 days, 12 for 365 days
 *                    after a December discharge)
 */
public record AcuteIndicator(String id, String condition, String dataType, String codes, int minAge,
                             String numeratorIs, String cohort, int followUpMonths) {
    public static final String ADMISSION_BASED = "admission_based";
    public static final String PATIENT_BASED = "patient_based";
    public static final String DEATHS_30D = "deaths within 30 days of admission";
    public static final String OPERATED_2D = "admissions operated (hip-fracture surgery) within 2 calendar days";

    public static final String CHF_CODES = "I11.0, I13.0, I13.2, I50";
    public static final String CHF_DISCHARGES = "CHF discharges";
    public static final String AMI_DISCHARGES = "AMI discharges";
    /** The integrated-care cohorts, each followed across hospital, primary care and pharmacy. */
    public static final List<String> INTEGRATED_CARE_COHORTS = List.of(CHF_DISCHARGES, AMI_DISCHARGES);
    /** Start of {@link #numeratorIs} of a medication indicator (what the medication_linked check looks at). */
    public static final String DISPENSED = "dispensed";

    public AcuteIndicator(String id, String condition, String dataType, String codes) {
        this(id, condition, dataType, codes, 45, DEATHS_30D, null, 1);
    }

    /** A hip-fracture indicator (65+); the admission-based ones share the admissions. */
    private static AcuteIndicator hip(String id, String dataType, String numeratorIs) {
        return new AcuteIndicator(id, "HIP_FRACTURE", dataType, "S72.0-S72.2", 65, numeratorIs,
                ADMISSION_BASED.equals(dataType) ? "hip-fracture admissions" : null, 1);
    }

    /** An integrated-care pilot indicator: the CHF discharge cohort (45+) followed up for {@code numeratorIs}. */
    private static AcuteIndicator chf(String id, String numeratorIs, int followUpMonths) {
        return new AcuteIndicator(id, "CHF", PATIENT_BASED, CHF_CODES, 45, numeratorIs, CHF_DISCHARGES,
                followUpMonths);
    }

    /** An integrated-care indicator of the heart-attack cohort: AMI discharges (45+) followed up for {@code numeratorIs}. */
    private static AcuteIndicator ami(String id, String numeratorIs, int followUpMonths) {
        return new AcuteIndicator(id, "AMI", PATIENT_BASED, "I21-I22", 45, numeratorIs, AMI_DISCHARGES, followUpMonths);
    }

    /** The indicator's age groups: those of {@link Strata#AGE_GROUPS} from {@code minAge} up. */
    public List<String> ageGroups() {
        return Strata.AGE_GROUPS.stream().filter(a -> Strata.lowerAge(a) >= minAge).toList();
    }

    /** The indicators in delivery order: condition, then admission-based before patient-based. */
    public static final List<AcuteIndicator> ALL = List.of(
            new AcuteIndicator("oecd_ami_30d_mortality_in_hospital", "AMI", ADMISSION_BASED, "I21-I22"),
            new AcuteIndicator("oecd_ami_30d_mortality_linked", "AMI", PATIENT_BASED, "I21-I22"),
            new AcuteIndicator("oecd_haemorrhagic_stroke_30d_mortality_in_hospital", "HAEMORRHAGIC_STROKE",
                    ADMISSION_BASED, "I60-I62"),
            new AcuteIndicator("oecd_haemorrhagic_stroke_30d_mortality_linked", "HAEMORRHAGIC_STROKE", PATIENT_BASED,
                    "I60-I62"),
            new AcuteIndicator("oecd_ischaemic_stroke_30d_mortality_in_hospital", "ISCHAEMIC_STROKE", ADMISSION_BASED,
                    "I63-I64"),
            new AcuteIndicator("oecd_ischaemic_stroke_30d_mortality_linked", "ISCHAEMIC_STROKE", PATIENT_BASED,
                    "I63-I64"),
            hip("oecd_hip_fracture_30d_mortality_in_hospital", ADMISSION_BASED, DEATHS_30D),
            hip("oecd_hip_fracture_30d_mortality_linked", PATIENT_BASED, DEATHS_30D),
            hip("oecd_hip_fracture_surgery_2d", ADMISSION_BASED, OPERATED_2D));

    /**
     * The integrated-care pilot (kvik oecd --integrated-care): patients discharged alive after a chronic heart
     * failure stay, then after a heart attack (first per patient and year), followed across hospital, primary care
     * and pharmacy.
     */
    public static final List<AcuteIndicator> INTEGRATED_CARE = List.of(
            chf("oecd_chf_1y_mortality", "deaths within 365 days of discharge", 12),
            chf("oecd_chf_30d_readmission", "acute readmissions within 30 days of discharge", 1),
            chf("oecd_chf_1y_readmission", "acute readmissions within 365 days of discharge", 12),
            chf("oecd_chf_gp_contact_7d", "GP contacts within 7 days after the discharge day", 1),
            chf("oecd_chf_gp_contact_30d", "GP contacts within 30 days after the discharge day", 1),
            chf("oecd_chf_acei_arb_and_beta_blocker_1y",
                    DISPENSED + ": ACE inhibitor/ARB and beta blocker both within 365 days of discharge", 12),
            ami("oecd_ami_1y_mortality", "deaths within 365 days of discharge", 12),
            ami("oecd_ami_30d_readmission", "acute readmissions within 30 days of discharge", 1),
            ami("oecd_ami_1y_readmission", "acute readmissions within 365 days of discharge", 12),
            ami("oecd_ami_gp_contact_7d", "GP contacts within 7 days after the discharge day", 1),
            ami("oecd_ami_gp_contact_30d", "GP contacts within 30 days after the discharge day", 1),
            ami("oecd_ami_statin_1y", DISPENSED + ": statin within 365 days of discharge", 12),
            ami("oecd_ami_antiplatelet_1y", DISPENSED + ": antiplatelet within 365 days of discharge", 12),
            ami("oecd_ami_beta_blocker_1y", DISPENSED + ": beta blocker within 365 days of discharge", 12),
            ami("oecd_ami_acei_arb_1y", DISPENSED + ": ACE inhibitor/ARB within 365 days of discharge", 12));

    /**
     * Pairs (narrower, wider) of indicators of one cohort whose outcome windows nest, so the wider one's numerator
     * is at least the narrower one's in every cell.
     */
    public static final List<List<String>> NESTED_WINDOWS = List.of(
            List.of("oecd_chf_30d_readmission", "oecd_chf_1y_readmission"),
            List.of("oecd_chf_gp_contact_7d", "oecd_chf_gp_contact_30d"),
            List.of("oecd_ami_30d_readmission", "oecd_ami_1y_readmission"),
            List.of("oecd_ami_gp_contact_7d", "oecd_ami_gp_contact_30d"));

    /** True for an indicator of an integrated-care cohort (followed across hospital, primary care and pharmacy). */
    public boolean isIntegratedCare() {
        // a null-safe test: List.of(...).contains(null) throws, and most acute-care indicators have no cohort
        return cohort != null && INTEGRATED_CARE_COHORTS.contains(cohort);
    }

    /** True for an integrated-care indicator whose numerator counts dispensings (prescription registry). */
    public boolean isMedication() {
        return numeratorIs.startsWith(DISPENSED);
    }

    /** True for the 30-day mortality indicators (the numerator counts deaths). */
    public boolean isMortality() {
        return DEATHS_30D.equals(numeratorIs);
    }
}
