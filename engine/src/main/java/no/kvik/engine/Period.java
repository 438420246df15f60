package no.kvik.engine;

import java.time.LocalDate;

/**
 * A reporting period [start, end) with its label: 2024-T2 (tertial), 2024-H1 (half-year), 2024 (year)
 * or 2022-2024 (a window of whole years).
 */
public record Period(LocalDate start, LocalDate end, String label) {
    public Period {
        if (!start.isBefore(end)) throw new IllegalArgumentException("period " + label + ": start must be before end");
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }
}
