package no.kvik.engine;

import java.util.Map;
import java.util.Set;
import no.kvik.catalog.Level;

/**
 * The small-unit rule of one run ({@code periodRules.smallUnitPoolYears} / {@code smallUnitBelowDenominator}):
 * a unit whose denominator in a calendar year is below {@code belowDenominator} is not reported for that
 * year alone but for the window of whole years ending in it, as NKI reports small municipalities with
 * three-year figures.
 *
 * @param belowDenominator  a unit is small in a year when its denominator there is below this
 * @param windowOfYear      each one-year period of the run mapped to the window ending in it (years without
 *                          a complete window in the run are absent: their small units are reported alone)
 * @param onlyForSmallUnits windows run for this rule alone: in them only the small units' rows are published
 */
public record SmallUnitPooling(double belowDenominator, Map<Period, Period> windowOfYear, Set<Period> onlyForSmallUnits) {
    public static final SmallUnitPooling NONE = new SmallUnitPooling(0, Map.of(), Set.of());

    public SmallUnitPooling {
        windowOfYear = Map.copyOf(windowOfYear);
        onlyForSmallUnits = Set.copyOf(onlyForSmallUnits);
    }

    /** True when {@code a} is a unit (not the nation) that is small in a year this rule pools. */
    boolean pools(UnitAggregate a) {
        return a.level() != Level.NATION && windowOfYear.containsKey(a.period())
                && a.denominator() < belowDenominator;
    }
}
