package no.kvik.oecd;

/**
 * One row of the OECD delivery template (engine/docs/oecd-delivery.md): an indicator × year × sex × age group.
 * Rates are proportions (per 1). The standardised rate and its interval are filled on the all-ages rows only;
 * null where they do not apply, with {@code note} saying why when they were not computable.
 */
public record DeliveryRow(String indicatorId, String indicatorName, String condition, String dataType, int year,
                          String sex, String ageGroup, Double cases, Double deaths, Double crudeRate, Double stdRate,
                          Double stdLow, Double stdHigh, String standard, String note) {

    /** "indicator year, sex S, age group A" for messages. */
    public String where() {
        return indicatorId + " " + year + ", sex " + sex + ", age group " + ageGroup;
    }
}
