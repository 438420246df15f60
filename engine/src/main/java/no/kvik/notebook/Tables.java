package no.kvik.notebook;

import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rows (records, map entries, anything) to a Tablesaw table, one typed column definition per column:
 * <pre>{@code
 * Tables.of("trend alerts", alerts,
 *         Tables.text("unit_name", TrendAlert::unitName),
 *         Tables.integer("periods", TrendAlert::periods),
 *         Tables.number("p", TrendAlert::p));
 * }</pre>
 * Columns appear in the order given, rows in the order of the list. Every column names itself explicitly (no
 * reflection over record components), so a table's header reads in the code that builds it. A null number is
 * stored as Tablesaw's missing value; text is stored as the function returns it.
 */
final class Tables {

    private Tables() {
    }

    /** One column of a table built from rows of type {@code R}: its name and how to fill it. */
    public sealed interface Column<R> permits TextColumn, NumberColumn, IntegerColumn, LongIntegerColumn {
        String name();

        /** The column holding this definition's value of every row, in row order. */
        tech.tablesaw.columns.Column<?> fill(List<? extends R> rows);
    }

    /** A string column; the function's value is appended as it is. */
    public record TextColumn<R>(String name, Function<? super R, String> value) implements Column<R> {
        @Override
        public StringColumn fill(List<? extends R> rows) {
            StringColumn column = StringColumn.create(name);
            for (R row : rows) column.append(value.apply(row));
            return column;
        }
    }

    /** A double column; a null value is stored as missing, NaN as NaN (Tablesaw's missing double as well). */
    public record NumberColumn<R>(String name, Function<? super R, Double> value) implements Column<R> {
        @Override
        public DoubleColumn fill(List<? extends R> rows) {
            DoubleColumn column = DoubleColumn.create(name);
            for (R row : rows) {
                Double v = value.apply(row);
                if (v == null) column.appendMissing();
                else column.append(v.doubleValue());
            }
            return column;
        }
    }

    /** An int column; a null value is stored as missing. */
    public record IntegerColumn<R>(String name, Function<? super R, Integer> value) implements Column<R> {
        @Override
        public IntColumn fill(List<? extends R> rows) {
            IntColumn column = IntColumn.create(name);
            for (R row : rows) {
                Integer v = value.apply(row);
                if (v == null) column.appendMissing();
                else column.append(v.intValue());
            }
            return column;
        }
    }

    /** A long column; a null value is stored as missing. */
    public record LongIntegerColumn<R>(String name, Function<? super R, Long> value) implements Column<R> {
        @Override
        public LongColumn fill(List<? extends R> rows) {
            LongColumn column = LongColumn.create(name);
            for (R row : rows) {
                Long v = value.apply(row);
                if (v == null) column.appendMissing();
                else column.append(v.longValue());
            }
            return column;
        }
    }

    public static <R> Column<R> text(String name, Function<? super R, String> value) {
        return new TextColumn<>(name, value);
    }

    public static <R> Column<R> number(String name, Function<? super R, Double> value) {
        return new NumberColumn<>(name, value);
    }

    public static <R> Column<R> integer(String name, Function<? super R, Integer> value) {
        return new IntegerColumn<>(name, value);
    }

    public static <R> Column<R> longInteger(String name, Function<? super R, Long> value) {
        return new LongIntegerColumn<>(name, value);
    }

    /** The table {@code name} with one row per element of {@code rows} and the given columns, in that order. */
    @SafeVarargs
    public static <R> Table of(String name, List<? extends R> rows, Column<R>... columns) {
        tech.tablesaw.columns.Column<?>[] filled = new tech.tablesaw.columns.Column<?>[columns.length];
        for (int i = 0; i < columns.length; i++) filled[i] = columns[i].fill(rows);
        return Table.create(name, filled);
    }
}
