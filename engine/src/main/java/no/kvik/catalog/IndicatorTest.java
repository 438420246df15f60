package no.kvik.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One given/expect test of an indicator's SQL.
 *
 * @param name       what the test covers
 * @param parameters parameter values (over the declared defaults); must include period_start and period_end
 * @param given      rows per contract table, columns as named in the contract (omitted columns are null)
 * @param expect     the exact output rows, compared on the columns listed, order-insensitive
 */
public record IndicatorTest(String name, Map<String, Object> parameters, Map<String, List<Map<String, Object>>> given,
                            List<Map<String, Object>> expect) {

    public IndicatorTest {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        given = given == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
        expect = expect == null ? null : List.copyOf(expect);
    }
}
