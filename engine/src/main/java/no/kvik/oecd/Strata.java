package no.kvik.oecd;

import java.util.List;

/** The OECD strata: sex (M, F and the total T) × five-year age group 45-49 … 85+ (and the all-ages total). */
public final class Strata {
    /** The age groups of the macro oecd_age_group (sql/reference/macro_oecd_age_group.sql), in order. */
    public static final List<String> AGE_GROUPS = List.of("45-49", "50-54", "55-59", "60-64", "65-69", "70-74",
            "75-79", "80-84", "85+");
    /** The all-ages row of a sex. */
    public static final String ALL_AGES = "total";
    public static final String MALE = "M";
    public static final String FEMALE = "F";
    public static final String BOTH = "T";
    /** The two sexes of the standardisation strata, in template order. */
    public static final List<String> SEXES = List.of(MALE, FEMALE);
    /** Template order of the sex column. */
    public static final List<String> SEX_ROWS = List.of(MALE, FEMALE, BOTH);

    private Strata() {
    }

    /** The template sex code of a registry sex code ('1' male, '2' female), or null for anything else. */
    public static String sexOf(String registryCode) {
        if ("1".equals(registryCode)) return MALE;
        if ("2".equals(registryCode)) return FEMALE;
        return null;
    }

    /** The youngest age of an age group of {@link #AGE_GROUPS} ("65-69" → 65, "85+" → 85). */
    public static int lowerAge(String ageGroup) {
        return Integer.parseInt(ageGroup.replace("+", "").split("-")[0]);
    }

    /** The standardisation stratum key of a sex and age group, e.g. "F 85+". */
    public static String key(String sex, String ageGroup) {
        return sex + " " + ageGroup;
    }
}
