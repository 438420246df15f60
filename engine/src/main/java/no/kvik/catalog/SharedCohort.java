package no.kvik.catalog;

import java.util.List;

/**
 * The {@code cohort} object of the metadata: the indicator's SQL reads its cases' cohort from the table macro
 * {@code macro} (in sql/reference), called with the indicator's values of {@code parameters} in that order, and
 * several indicators build the same cohort. The engine may then build it once per store state and parameter values
 * and let every such indicator read it (engine.SharedCohorts, issue #17); the SQL alone still gives the same rows.
 *
 * @param macro      the cohort's table macro, lower_snake_case
 * @param parameters the names of the macro's arguments: declared parameters or period_start/period_end
 */
public record SharedCohort(String macro, List<String> parameters) {
    public SharedCohort {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
