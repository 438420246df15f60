package no.kvik.contract;

/**
 * A content rule over the typed columns of one row. {@code when} is a DuckDB boolean expression that is
 * TRUE when the row breaks the rule; such a row is stored flagged with {@code id}, never dropped, and the value
 * of {@code field} is stored as NULL. In {@code when}, {@value #PERIOD_END} stands for the last day of the
 * delivery's period (a DATE; see {@code sql/contracts/README.md}), so plausibility rules can bound dates.
 */
public record RowRule(String id, String field, String when, String message) {
    /** Placeholder for the delivery's period end in {@code when}. */
    public static final String PERIOD_END = "${period_end}";
}
