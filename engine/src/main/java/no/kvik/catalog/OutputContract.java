package no.kvik.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /**
     * Null when the output columns of {@code jdbcSql}, prepared with its parameters not yet bound, follow the contract,
     * else what is wrong. The engine checks this before it binds and runs an indicator, and the given/expect runner
     * checks it the same way: a parameter DuckDB cannot type unbound (one in date arithmetic) leaves the columns
     * unknown here, so such SQL fails in both rather than only in a run.
     */
    public static String checkUnbound(Connection connection, String jdbcSql) throws SQLException {
        try (PreparedStatement bare = connection.prepareStatement(jdbcSql)) {
            ResultSetMetaData md = bare.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i));
            return check(columns);
        }
    }

    public static boolean isOutputColumn(String name) {
        return COLUMNS.contains(name) || name.startsWith(COVARIATE_PREFIX);
    }
}
