package no.kvik.notebook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;
import org.duckdb.DuckDBResultSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * DuckDB query results and result records as Tablesaw tables, with an explicit DuckDB → Tablesaw type map.
 * Tablesaw's own JDBC reader cannot take DuckDB's HUGEINT (SUM of integers, JDBC type OTHER) and reads
 * small-scale DECIMALs as FLOAT; here every DuckDB type name maps to one column type, and an unmapped
 * type is an error naming the column.
 */
final class TablesawTypes {
    private TablesawTypes() {
    }

    /** The Tablesaw column kinds the map produces. */
    public enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, DATE, DATETIME }

    /**
     * The type map. HUGEINT/UHUGEINT and UBIGINT become LONG (a value that does not fit is an error, not
     * a wrap-around); every DECIMAL(p,s) becomes DOUBLE; TINYINT/SMALLINT/INTEGER/USMALLINT/UTINYINT become INT.
     */
    public static Kind kindOf(String duckDbTypeName) {
        String t = duckDbTypeName.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) return Kind.DOUBLE;
        return switch (t) {
            case "VARCHAR", "UUID", "ENUM" -> Kind.STRING;
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> Kind.INT;
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT" -> Kind.LONG;
            case "FLOAT", "DOUBLE" -> Kind.DOUBLE;
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "DATE" -> Kind.DATE;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> Kind.DATETIME;
            default -> throw new IllegalArgumentException("no Tablesaw type for DuckDB type " + duckDbTypeName);
        };
    }

    /**
     * Reads a whole result set into a table. A DuckDB result whose columns are all of {@link #ARROW_TYPES} is
     * moved through DuckDB's Arrow export, column by column (about twice as fast as the row loop on a million
     * rows, see {@code notebook.ResultTransferBenchmark}); any other result row by row over JDBC. Both give the
     * same table.
     */
    public static Table read(String tableName, ResultSet rs) throws SQLException {
        List<Kind> kinds = kinds(rs.getMetaData());
        if (rs.isWrapperFor(DuckDBResultSet.class) && arrowReadable(rs.getMetaData())) {
            return ArrowColumns.read(tableName, rs.unwrap(DuckDBResultSet.class), kinds);
        }
        return readRows(tableName, rs, kinds);
    }

    /**
     * DuckDB types whose Arrow export {@link ArrowColumns} converts (ENUM, UUID, unsigned and timestamp types go
     * through the row loop: dictionaries, binary UUIDs and unsigned overflow would each need their own path).
     */
    static final java.util.Set<String> ARROW_TYPES = java.util.Set.of("VARCHAR", "BOOLEAN", "TINYINT", "SMALLINT",
            "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DATE");

    private static boolean arrowReadable(ResultSetMetaData md) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String type = md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
            if (!ARROW_TYPES.contains(type) && !type.startsWith("DECIMAL")) return false;
        }
        return true;
    }

    /** The column kinds of a result; an unmapped type is an error naming the column. */
    static List<Kind> kinds(ResultSetMetaData md) throws SQLException {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            try {
                kinds.add(kindOf(md.getColumnTypeName(i)));
            } catch (IllegalArgumentException e) {
                throw new SQLException("column '" + md.getColumnName(i) + "': " + e.getMessage(), e);
            }
        }
        return kinds;
    }

    /** As {@link #read}, always by the JDBC row loop (the benchmark's baseline). */
    public static Table readRows(String tableName, ResultSet rs) throws SQLException {
        return readRows(tableName, rs, kinds(rs.getMetaData()));
    }

    /** The JDBC row loop: one {@code getObject} per value. */
    static Table readRows(String tableName, ResultSet rs, List<Kind> kinds) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column<?>> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) columns.add(create(kinds.get(i - 1), md.getColumnName(i)));
        while (rs.next()) {
            for (int i = 1; i <= n; i++) {
                try {
                    append(columns.get(i - 1), kinds.get(i - 1), rs.getObject(i));
                } catch (ArithmeticException e) {
                    throw new SQLException("column '" + md.getColumnName(i) + "': value does not fit a long", e);
                }
            }
        }
        return Table.create(tableName, columns);
    }

    /** Result records as a table with the result schema's columns and types. */
    public static Table results(String tableName, List<IndicatorResult> results) {
        List<Column<?>> columns = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (ResultSchema.Column c : ResultSchema.COLUMNS) {
            Kind kind = kindOf(c.duckDbType());
            kinds.add(kind);
            columns.add(create(kind, c.name()));
        }
        for (IndicatorResult r : results) {
            Object[] values = r.values();
            for (int i = 0; i < values.length; i++) append(columns.get(i), kinds.get(i), values[i]);
        }
        return Table.create(tableName, columns);
    }

    static Column<?> create(Kind kind, String name) {
        return switch (kind) {
            case STRING -> StringColumn.create(name);
            case INT -> IntColumn.create(name);
            case LONG -> LongColumn.create(name);
            case DOUBLE -> DoubleColumn.create(name);
            case BOOLEAN -> BooleanColumn.create(name);
            case DATE -> DateColumn.create(name);
            case DATETIME -> DateTimeColumn.create(name);
        };
    }

    private static void append(Column<?> column, Kind kind, Object v) {
        if (v == null) {
            column.appendMissing();
            return;
        }
        switch (kind) {
            case STRING -> ((StringColumn) column).append(v.toString());
            case INT -> ((IntColumn) column).append(((Number) v).intValue());
            case LONG -> ((LongColumn) column).append(toLong(v));
            case DOUBLE -> ((DoubleColumn) column).append(((Number) v).doubleValue());
            case BOOLEAN -> ((BooleanColumn) column).append((Boolean) v);
            case DATE -> ((DateColumn) column).append(v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v);
            case DATETIME -> ((DateTimeColumn) column).append(
                    v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v);
        }
    }

    private static long toLong(Object v) {
        if (v instanceof BigInteger b) return b.longValueExact();
        if (v instanceof BigDecimal b) return b.longValueExact();
        return ((Number) v).longValue();
    }
}
