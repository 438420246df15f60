package no.kvik.testutil;

/**
 * Hand-written lines of an {@code npr_somatic} extract for tests that need a few known episodes (the data-quality
 * report's and a release's tests): the contract's header and two treatment sites of the reference data.
 */
public final class SomaticExtract {
    /** The header of an npr_somatic extract (semicolon-separated, as the contract reads it). */
    public static final String HEADER = "episode_id;patient_id;provider_org;admission_time;discharge_time;care_level;"
            + "urgency;main_diagnosis;procedures;residence_municipality;age;sex;discharge_status";
    /** A treatment site (organisation number) listed in the reference data. */
    public static final String A = "983974880";
    /** Another treatment site listed in the reference data. */
    public static final String B = "974795930";

    private SomaticExtract() {
    }

    /**
     * One episode of patient "P" + {@code id} at {@code org}, admitted at 08:00 on {@code admitted} and discharged at
     * 09:00 on {@code discharged} (dates as yyyy-MM-dd), inpatient, urgent, living in Oslo (0301), aged 50, male, alive.
     */
    public static String row(String id, String org, String admitted, String discharged, String diagnosis, String procedures) {
        return id + ";P" + id + ";" + org + ";" + admitted + " 08:00;" + discharged + " 09:00;1;1;" + diagnosis + ";"
                + procedures + ";0301;50;1;1";
    }
}
