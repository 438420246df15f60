/**
 * The data-quality report of a store ({@link no.kvik.quality.QualityReport}): completeness, validity,
 * flagged rows by reason and rejected files, per registry contract, reporting unit and period.
 */
package no.kvik.quality;
