package no.kvik.contract;

/**
 * A content rule over the typed columns of one row. {@code when} is a DuckDB boolean expression that is
 * TRUE when the row breaks the rule; such a row is stored flagged with {@code id}, never dropped.
 */
public record RowRule(String id, String field, String when, String message) {
}
