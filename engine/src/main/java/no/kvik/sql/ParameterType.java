package no.kvik.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The types an indicator parameter may declare, with conversion from JSON-like values and JDBC binding. */
public enum ParameterType {
    DATE, INTEGER, BIGINT, DOUBLE, VARCHAR, BOOLEAN;

    /**
     * Converts a value as it comes from JSON or the command line (String, Number, Boolean, LocalDate)
     * to this type's Java value; throws IllegalArgumentException saying what was expected.
     */
    public Object convert(Object value) {
        if (value == null) return null;
        switch (this) {
            case DATE:
                if (value instanceof LocalDate d) return d;
                if (value instanceof String s) {
                    try {
                        return LocalDate.parse(s.trim());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected a date yyyy-MM-dd, got '" + s + "'");
                    }
                }
                break;
            case INTEGER, BIGINT:
                Long l = integral(value);
                if (l != null) {
                    if (this == INTEGER && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
                        throw new IllegalArgumentException("value " + l + " does not fit an INTEGER");
                    }
                    return this == INTEGER ? (Object) l.intValue() : (Object) l;
                }
                break;
            case DOUBLE:
                if (value instanceof Number n) return n.doubleValue();
                if (value instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a number, got '" + s + "'");
                    }
                }
                break;
            case VARCHAR:
                if (value instanceof String s) return s;
                break;
            case BOOLEAN:
                if (value instanceof Boolean b) return b;
                if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("expected " + name() + ", got " + describe(value));
    }

    /** Binds an already converted value (see {@link #convert}) at a 1-based index. */
    public void bind(PreparedStatement ps, int index, Object converted) throws SQLException {
        if (converted == null) {
            ps.setNull(index, switch (this) {
                case DATE -> java.sql.Types.DATE;
                case INTEGER -> java.sql.Types.INTEGER;
                case BIGINT -> java.sql.Types.BIGINT;
                case DOUBLE -> java.sql.Types.DOUBLE;
                case VARCHAR -> java.sql.Types.VARCHAR;
                case BOOLEAN -> java.sql.Types.BOOLEAN;
            });
            return;
        }
        switch (this) {
            case DATE -> ps.setObject(index, (LocalDate) converted);
            case INTEGER -> ps.setInt(index, (Integer) converted);
            case BIGINT -> ps.setLong(index, (Long) converted);
            case DOUBLE -> ps.setDouble(index, (Double) converted);
            case VARCHAR -> ps.setString(index, (String) converted);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) converted);
        }
    }

    /**
     * An already converted value (see {@link #convert}) as a typed SQL literal of this type, for scripts a person runs
     * in a DuckDB console ({@code EXECUTE q(name := literal)}); the engine itself always binds values.
     */
    public String sqlLiteral(Object converted) {
        if (converted == null) return "CAST(NULL AS " + name() + ")";
        return switch (this) {
            case DATE -> "DATE '" + converted + "'";
            case INTEGER, BIGINT -> "CAST(" + converted + " AS " + name() + ")";
            case DOUBLE -> "CAST('" + Double.toString((Double) converted) + "' AS DOUBLE)";
            case VARCHAR -> "'" + ((String) converted).replace("'", "''") + "'";
            case BOOLEAN -> converted.toString();
        };
    }

    private static Long integral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) return b.longValueExact();
        if (value instanceof BigDecimal b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return d.longValue();
        if (value instanceof String s && s.trim().matches("-?\\d+")) return Long.parseLong(s.trim());
        return null;
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
