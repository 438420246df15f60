package no.kvik.notebook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.kvik.sql.DuckDb;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Measures moving a DuckDB query result into a Tablesaw table: the JDBC row loop the notebook uses
 * ({@link TablesawTypes#readRows}) against DuckDB's Arrow export ({@code DuckDBResultSet.arrowExportStream}) read
 * column by column. Prints figures; asserts nothing. Run:
 * {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp engine/target/kvik.jar no.kvik.notebook.ResultTransferBenchmark [rows] [repeats]}.
 */
final class ResultTransferBenchmark {
    /** A result shaped like the notebook's: text, small and large integers, doubles and dates, some NULLs. */
    static final String QUERY = "SELECT 'unit ' || (i % 997) AS unit_name, CAST(i % 1000 AS INTEGER) AS denominator, "
            + "i AS id, CASE WHEN i % 50 = 0 THEN NULL ELSE (i % 7919) / 7919.0::DOUBLE END AS value, "
            + "DATE '2020-01-01' + CAST(i % 1461 AS INTEGER) AS period_start FROM range(?) t(i)";

    private ResultTransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Connection c = DuckDb.open(); BufferAllocator allocator = new RootAllocator()) {
            // one untimed run of each first: class loading, JIT and DuckDB's first query are not the transfer
            Table jdbc = viaJdbc(c, rows);
            Table arrow = viaArrow(c, allocator, rows);
            if (!sameContent(jdbc, arrow)) throw new IllegalStateException("JDBC and Arrow tables differ");
            long[] jdbcMs = new long[repeats];
            long[] arrowMs = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                viaJdbc(c, rows);
                long t1 = System.nanoTime();
                viaArrow(c, allocator, rows);
                long t2 = System.nanoTime();
                jdbcMs[r] = (t1 - t0) / 1_000_000;
                arrowMs[r] = (t2 - t1) / 1_000_000;
            }
            System.out.printf("%,d rows x %d columns, %d repeats, same content: yes%n", jdbc.rowCount(), jdbc.columnCount(), repeats);
            System.out.printf("JDBC row loop (TablesawTypes.readRows): median %d ms, runs %s%n", median(jdbcMs), Arrays.toString(jdbcMs));
            System.out.printf("Arrow export (arrowExportStream):    median %d ms, runs %s%n", median(arrowMs), Arrays.toString(arrowMs));
        }
    }

    static Table viaJdbc(Connection c, long rows) throws SQLException {
        try (var ps = c.prepareStatement(QUERY)) {
            ps.setLong(1, rows);
            try (ResultSet rs = ps.executeQuery()) {
                return TablesawTypes.readRows("jdbc", rs);
            }
        }
    }

    /** The same table through Arrow record batches; column kinds from the same type map as the JDBC path. */
    static Table viaArrow(Connection c, BufferAllocator allocator, long rows) throws Exception {
        try (var ps = c.prepareStatement(QUERY)) {
            ps.setLong(1, rows);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Column<?>> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(create(TablesawTypes.kindOf(md.getColumnTypeName(i)), md.getColumnName(i)));
                }
                try (ArrowReader reader = (ArrowReader) rs.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, 65_536)) {
                    while (reader.loadNextBatch()) {
                        VectorSchemaRoot root = reader.getVectorSchemaRoot();
                        for (int j = 0; j < columns.size(); j++) append(columns.get(j), root.getVector(j), root.getRowCount());
                    }
                }
                return Table.create("arrow", columns);
            }
        }
    }

    private static Column<?> create(TablesawTypes.Kind kind, String name) {
        return switch (kind) {
            case STRING -> StringColumn.create(name);
            case INT -> IntColumn.create(name);
            case LONG -> LongColumn.create(name);
            case DOUBLE -> DoubleColumn.create(name);
            case DATE -> DateColumn.create(name);
            default -> throw new IllegalArgumentException("the benchmark query has no " + kind + " column");
        };
    }

    private static void append(Column<?> column, FieldVector vector, int n) {
        for (int i = 0; i < n; i++) {
            if (vector.isNull(i)) {
                column.appendMissing();
                continue;
            }
            if (vector instanceof VarCharVector v) ((StringColumn) column).append(new String(v.get(i), java.nio.charset.StandardCharsets.UTF_8));
            else if (vector instanceof IntVector v) ((IntColumn) column).append(v.get(i));
            else if (vector instanceof BigIntVector v) ((LongColumn) column).append(v.get(i));
            else if (vector instanceof Float8Vector v) ((DoubleColumn) column).append(v.get(i));
            else if (vector instanceof DateDayVector v) ((DateColumn) column).append(LocalDate.ofEpochDay(v.get(i)));
            else throw new IllegalArgumentException("no conversion for Arrow vector " + vector.getClass().getSimpleName());
        }
    }

    private static boolean sameContent(Table a, Table b) {
        if (a.rowCount() != b.rowCount() || a.columnCount() != b.columnCount()) return false;
        for (int j = 0; j < a.columnCount(); j++) {
            Column<?> x = a.column(j);
            Column<?> y = b.column(j);
            if (!x.type().equals(y.type())) return false;
            for (int i = 0; i < a.rowCount(); i++) {
                if (!java.util.Objects.equals(x.getString(i), y.getString(i))) return false;
            }
        }
        return true;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
