package no.kvik.quality;

import java.util.HashMap;
import java.util.Map;
import no.kvik.store.Redaction;

/**
 * Delivered unit values as the data-quality report shows them: cut to {@link Redaction#MAX_VALUE_CHARS} (a unit
 * value that is no unit may be anything), and where two different values look alike once cut, the second and later
 * (in the order first asked for) get " #2", " #3", …, so that each delivered value keeps lines and counts of its own
 * instead of overwriting another's. Ask in a deciding order (the report's queries sort by the delivered value).
 */
final class ShownUnits {
    private final Map<String, String> shownByValue = new HashMap<>();
    private final Map<String, Integer> valuesByCut = new HashMap<>();

    String of(String value) {
        return shownByValue.computeIfAbsent(value, v -> {
            String cut = Redaction.truncate(v);
            int nth = valuesByCut.merge(cut, 1, Integer::sum);
            return nth == 1 ? cut : cut + " #" + nth;
        });
    }
}
