package no.kvik.catalog;

import java.util.List;

/**
 * Small-cell protection of an indicator.
 *
 * @param minDenominator        a unit with a smaller denominator is hidden
 * @param hideNumeratorBetween  inclusive [low, high] numerator range that is hidden (e.g. [1, 4]); null for none
 */
public record Suppression(Integer minDenominator, List<Integer> hideNumeratorBetween) {

    public Suppression {
        hideNumeratorBetween = hideNumeratorBetween == null ? null : List.copyOf(hideNumeratorBetween);
    }
}
