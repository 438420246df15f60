package no.kvik.oecd;

import java.util.List;

/**
 * The OECD HCQO acute-care indicators of the delivery, in template order: 30-day mortality after AMI,
 * haemorrhagic and ischaemic stroke (ages 45+) and after hip fracture (ages 65+), admission-based and
 * patient-based, and hip-fracture surgery within 2 days (65+). The inclusion rules live in their SQL files
 * (sql/indicators/somatic/oecd_*); this only names them.
 *
 * @param id          catalogue id of the indicator
 * @param condition   AMI, HAEMORRHAGIC_STROKE, ISCHAEMIC_STROKE or HIP_FRACTURE (the OECD condition)
 * @param dataType    ADMISSION_BASED (unlinked, in-hospital deaths in the same hospital) or PATIENT_BASED
 *                    (linked, deaths in or out of hospital)
 * @param codes       the ICD-10 principal diagnoses, as published (for the definitions sheet)
 * @param minAge      youngest age of the indicator (45 or 65): the first age group standardised over
 * @param numeratorIs what the numerator (the template's deaths column) counts, for the definitions sheet
 */
public record AcuteIndicator(String id, String condition, String dataType, String codes, int minAge,
                             String numeratorIs) {
    public static final String ADMISSION_BASED = "admission_based";
    public static final String PATIENT_BASED = "patient_based";
    public static final String DEATHS_30D = "deaths within 30 days of admission";
    public static final String OPERATED_2D = "admissions operated (hip-fracture surgery) within 2 calendar days";

    public AcuteIndicator(String id, String condition, String dataType, String codes) {
        this(id, condition, dataType, codes, 45, DEATHS_30D);
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
            new AcuteIndicator("oecd_hip_fracture_30d_mortality_in_hospital", "HIP_FRACTURE", ADMISSION_BASED,
                    "S72.0-S72.2", 65, DEATHS_30D),
            new AcuteIndicator("oecd_hip_fracture_30d_mortality_linked", "HIP_FRACTURE", PATIENT_BASED,
                    "S72.0-S72.2", 65, DEATHS_30D),
            new AcuteIndicator("oecd_hip_fracture_surgery_2d", "HIP_FRACTURE", ADMISSION_BASED, "S72.0-S72.2", 65,
                    OPERATED_2D));

    /** True for the 30-day mortality indicators (the numerator counts deaths). */
    public boolean isMortality() {
        return DEATHS_30D.equals(numeratorIs);
    }
}
