package no.kvik.oecd;

import java.util.List;

/**
 * One named validation check of the delivery and what it found.
 *
 * @param name        short id, e.g. {@code sex_totals}
 * @param description what the check asserts
 * @param failures    one message per failing cell, naming indicator, year, sex and age group; empty when passed
 */
public record CheckResult(String name, String description, List<String> failures) {
    public CheckResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
