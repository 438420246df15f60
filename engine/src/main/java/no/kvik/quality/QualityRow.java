package no.kvik.quality;

/**
 * One line of the data-quality report (the same narrow shape for every section, so CSV and JSON agree).
 *
 * @param section     completeness, validity, fill, flagged, removed or rejected_file
 * @param contractId  extract type (registry contract)
 * @param registry    registry of the contract (NPR, KPR, …)
 * @param unit        reporting unit (value of the contract's reportingUnitColumn); empty for all units
 * @param period      year ({@code 2021}) or tertial ({@code 2021-T1}); empty for rejected files
 * @param measure     what is counted: {@code units_delivered}, {@code rows}, {@code valid_rows},
 *                    {@code valid_<column>}, {@code filled_<column>}, an error item {@code reason:field}, or the rejected file's name
 * @param numerator   count
 * @param denominator count the numerator is a share of, or null
 * @param share       numerator / denominator, or null
 * @param detail      free text (the rejection reason, the basis of expected units)
 */
public record QualityRow(String section, String contractId, String registry, String unit, String period,
                         String measure, long numerator, Long denominator, Double share, String detail) {

    static QualityRow of(String section, String contractId, String registry, String unit, String period,
                         String measure, long numerator, Long denominator, String detail) {
        Double share = denominator == null || denominator == 0 ? null : (double) numerator / denominator;
        return new QualityRow(section, contractId, registry, unit, period, measure, numerator, denominator, share,
                detail);
    }
}
