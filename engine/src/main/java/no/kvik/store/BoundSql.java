package no.kvik.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated SQL text with its parameters in order of appearance. Values (paths, allowed codes, bounds,
 * formats) are always bound through {@code ?}; only identifiers checked by {@link #identifier} and
 * fixed keywords go into the text.
 */
final class BoundSql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    BoundSql sql(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Appends a {@code ?} placeholder bound to {@code value}. */
    BoundSql bind(Object value) {
        text.append('?');
        params.add(value);
        return this;
    }

    /** Appends {@code (?, ?, …)} bound to the values. */
    BoundSql bindList(List<?> values) {
        text.append('(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) text.append(", ");
            bind(values.get(i));
        }
        return sql(")");
    }

    String text() {
        return text.toString();
    }

    List<Object> params() {
        return List.copyOf(params);
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(text());
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    /** A double-quoted SQL identifier; only lower_snake_case names are accepted, so quoting is exact. */
    static String identifier(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
            throw new StoreException("'" + name + "' is not a lower_snake_case name usable as a store column");
        }
        return '"' + name + '"';
    }

    /**
     * A single-quoted SQL string literal, for the one place DuckDB cannot bind: file paths inside view
     * definitions (a view stores its text). The paths come from the store's own manifest.
     */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
