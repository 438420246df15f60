package no.kvik.engine;

import java.time.LocalDate;
import java.util.Map;
import no.kvik.catalog.Frequency;

/**
 * What to run an indicator for.
 *
 * @param from         first day (inclusive) of the range, or null for all data in the store
 * @param to           end (exclusive) of the range, or null for all data in the store
 * @param frequency    period length, or null for the indicator's own frequency
 * @param rollingYears when above 0, windows of this many whole years are reported as well (e.g. 2022-2024);
 *                     0 uses the indicator's periodRules.poolYears when that is above 1
 * @param parameters   parameter values over the declared defaults (raw values, converted by declared type)
 */
public record RunRequest(LocalDate from, LocalDate to, Frequency frequency, int rollingYears, Map<String, ?> parameters) {

    public RunRequest {
        if ((from == null) != (to == null)) throw new IllegalArgumentException("give both ends of the period range or neither");
        if (from != null && !from.isBefore(to)) throw new IllegalArgumentException("period range " + from + " to " + to + " is empty");
        if (rollingYears < 0) throw new IllegalArgumentException("rollingYears must be >= 0");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Every period of the indicator's frequency over all years in the store. */
    public static RunRequest allYears() {
        return new RunRequest(null, null, null, 0, Map.of());
    }

    /** The indicator's periods wholly inside [from, to). */
    public static RunRequest between(LocalDate from, LocalDate to) {
        return new RunRequest(from, to, null, 0, Map.of());
    }

    public RunRequest withFrequency(Frequency f) {
        return new RunRequest(from, to, f, rollingYears, parameters);
    }

    public RunRequest withRollingYears(int years) {
        return new RunRequest(from, to, frequency, years, parameters);
    }

    public RunRequest withParameters(Map<String, ?> values) {
        return new RunRequest(from, to, frequency, rollingYears, values);
    }
}
