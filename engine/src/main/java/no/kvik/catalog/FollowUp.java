package no.kvik.catalog;

import java.util.Map;

/**
 * How long after a case's event date its outcome is observed (the {@code followUp} object of the metadata):
 * {@code {"parameter": "survival_days"}} (the value of an INTEGER parameter, so a run with another value
 * follows up that long) or {@code {"days": 30}}. A period is reported only when the store covers its last
 * day plus this many days (engine.Engine, "no periods beyond the data").
 *
 * @param days      a fixed follow-up in days, or null
 * @param parameter the INTEGER parameter holding the follow-up in days, or null
 */
public record FollowUp(Integer days, String parameter) {

    /** The follow-up in days for a run with these parameter values (declared defaults already applied). */
    public int daysFor(Map<String, ?> parameterValues) {
        if (days != null) return days;
        Object v = parameterValues.get(parameter);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("followUp.parameter '" + parameter + "' has no integer value: " + v);
        }
        return n.intValue();
    }
}
