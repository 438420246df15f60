package no.kvik.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A DuckDB result read into Tablesaw columns through DuckDB's Arrow export: record batches of Arrow vectors,
 * each copied column by column, instead of one JDBC {@code getObject} per value. Only the types of
 * {@link TablesawTypes#ARROW_TYPES} (and DECIMAL) reach here.
 */
final class ArrowColumns {
    /** Rows per Arrow record batch. */
    private static final int BATCH_ROWS = 65_536;

    private ArrowColumns() {
    }

    static Table read(String tableName, DuckDBResultSet rs, List<TablesawTypes.Kind> kinds) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Column<?>> columns = new ArrayList<>();
        for (int i = 1; i <= kinds.size(); i++) columns.add(TablesawTypes.create(kinds.get(i - 1), md.getColumnName(i)));
        // the reader holds buffers of the allocator: closed first (try-with-resources closes in reverse order)
        try (BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, BATCH_ROWS)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int j = 0; j < columns.size(); j++) {
                    try {
                        append(columns.get(j), kinds.get(j), root.getVector(j), root.getRowCount());
                    } catch (ArithmeticException e) {
                        throw new SQLException("column '" + md.getColumnName(j + 1) + "': value does not fit a long", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new SQLException("reading the Arrow export of " + tableName + ": " + e.getMessage(), e);
        }
        return Table.create(tableName, columns);
    }

    private static void append(Column<?> column, TablesawTypes.Kind kind, FieldVector vector, int rows) {
        for (int i = 0; i < rows; i++) {
            if (vector.isNull(i)) {
                column.appendMissing();
                continue;
            }
            switch (kind) {
                case STRING -> ((StringColumn) column).append(vector instanceof VarCharVector v
                        ? new String(v.get(i), StandardCharsets.UTF_8) : vector.getObject(i).toString());
                case INT -> ((IntColumn) column).append((int) ((BaseIntVector) vector).getValueAsLong(i));
                case LONG -> ((LongColumn) column).append(vector instanceof DecimalVector v
                        ? v.getObject(i).longValueExact() : ((BaseIntVector) vector).getValueAsLong(i));
                case DOUBLE -> ((DoubleColumn) column).append(vector instanceof DecimalVector v
                        ? v.getObject(i).doubleValue() : ((FloatingPointVector) vector).getValueAsDouble(i));
                case BOOLEAN -> ((BooleanColumn) column).append(((BitVector) vector).get(i) == 1);
                case DATE -> ((DateColumn) column).append(LocalDate.ofEpochDay(((DateDayVector) vector).get(i)));
                case DATETIME -> throw new IllegalStateException("timestamps are read row by row, not through Arrow");
            }
        }
    }
}
