package no.kvik.oecd;

import java.util.List;

/**
 * The six OECD HCQO acute-care 30-day mortality indicators of the delivery, in template order. The
 * inclusion rules live in their SQL files (sql/indicators/somatic/oecd_*); this only names them.
 *
 * @param id        catalogue id of the indicator
 * @param condition AMI, HAEMORRHAGIC_STROKE or ISCHAEMIC_STROKE (the OECD condition)
 * @param dataType  ADMISSION_BASED (unlinked, in-hospital deaths in the same hospital) or PATIENT_BASED
 *                  (linked, deaths in or out of hospital)
 * @param codes     the ICD-10 principal diagnoses, as published (for the definitions sheet)
 */
public record AcuteIndicator(String id, String condition, String dataType, String codes) {
    public static final String ADMISSION_BASED = "admission_based";
    public static final String PATIENT_BASED = "patient_based";

    /** The six indicators in delivery order: condition, then admission-based before patient-based. */
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
                    "I63-I64"));
}
