package no.kvik.catalog;

import java.util.List;

/** The columns every indicator query returns, in this order, followed by any {@code cov_*} covariates. */
public final class OutputContract {
    public static final List<String> COLUMNS = List.of("event_date", "provider_org", "residence_municipality",
            "residence_county", "central_id", "sex", "age", "numerator", "denominator", "value");
    public static final String COVARIATE_PREFIX = "cov_";

    private OutputContract() {
    }

    /** Null when {@code columns} follows the contract, else what is wrong. */
    public static String check(List<String> columns) {
        if (columns.size() < COLUMNS.size() || !columns.subList(0, COLUMNS.size()).equals(COLUMNS)) {
            return "output columns must start with " + COLUMNS + ", got " + columns;
        }
        for (String extra : columns.subList(COLUMNS.size(), columns.size())) {
            if (!extra.startsWith(COVARIATE_PREFIX)) {
                return "extra output column '" + extra + "' must be a covariate named " + COVARIATE_PREFIX + "*";
            }
        }
        return null;
    }

    public static boolean isOutputColumn(String name) {
        return COLUMNS.contains(name) || name.startsWith(COVARIATE_PREFIX);
    }
}
