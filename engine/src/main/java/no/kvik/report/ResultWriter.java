package no.kvik.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import no.kvik.config.Timings;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.dhatim.fastexcel.Worksheet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Writes result rows in the one result schema. Parquet, CSV and JSON go through DuckDB COPY from a
 * registered temp table, Arrow IPC through DuckDB's Arrow export of that table; xlsx through fastexcel (DuckDB's
 * excel extension cannot be installed offline).
 */
public final class ResultWriter {
    /** Output formats and their file extensions. */
    public enum Format {
        PARQUET("parquet"), CSV("csv"), JSON("json"), XLSX("xlsx"), ARROW("arrow");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** Name of the temp table {@link #register} creates. */
    public static final String TABLE = "kvik_results";
    private static final int ARROW_BATCH_ROWS = 65_536;

    private ResultWriter() {
    }

    /** Writes {@code dir/baseName.<ext>} for each format; returns the files written. */
    public static List<Path> write(Connection connection, List<IndicatorResult> results, Path dir, String baseName,
                                   Set<Format> formats) throws SQLException, IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        EnumSet<Format> viaDuckDb = EnumSet.copyOf(formats);
        viaDuckDb.remove(Format.XLSX);
        long t = System.nanoTime();
        if (!viaDuckDb.isEmpty()) register(connection, results);
        t = Timings.since("write_register", t);
        for (Format f : formats) {
            Path file = dir.resolve(baseName + "." + f.extension()).toAbsolutePath();
            switch (f) {
                case PARQUET -> copy(connection, file, "FORMAT parquet, COMPRESSION zstd");
                case CSV -> copy(connection, file, "FORMAT csv, HEADER true, DELIMITER ','");
                case JSON -> copy(connection, file, "FORMAT json, ARRAY true");
                case XLSX -> writeXlsx(results, file);
                case ARROW -> writeArrow(connection, file);
            }
            t = Timings.since("write_" + f.extension(), t);
            written.add(file);
        }
        return written;
    }

    /** Creates (or replaces) the temp table {@value #TABLE} with the result schema and the rows, in order. */
    public static void register(Connection connection, List<IndicatorResult> results) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(ResultSchema.createTableSql(TABLE));
        }
        // through DuckDB's appender: multi-row INSERTs of bound parameters took 11 CPU s for 41k rows (issue #17),
        // the appender a fraction of that; the values are the same Java values, stored as the same column types
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", TABLE)) {
            for (IndicatorResult r : results) {
                appender.beginRow();
                for (Object v : r.values()) append(appender, v);
                appender.endRow();
            }
        }
    }

    /** One value of a result row, of the Java types {@link IndicatorResult#values} holds. */
    private static void append(DuckDBAppender appender, Object v) throws SQLException {
        if (v == null) appender.appendNull();
        else if (v instanceof String s) appender.append(s);
        else if (v instanceof Double d) appender.append(d.doubleValue());
        else if (v instanceof LocalDate d) appender.append(d);
        else if (v instanceof Boolean b) appender.append(b.booleanValue());
        else throw new IllegalArgumentException("a result value of type " + v.getClass().getName() + " has no column type");
    }

    private static void copy(Connection connection, Path file, String options) throws SQLException {
        // COPY takes its target as a literal; the path is ours (output folder + fixed name), quoted for SQL
        try (Statement st = connection.createStatement()) {
            st.execute("COPY (SELECT * FROM " + TABLE + ") TO " + sqlString(file.toString()) + " (" + options + ")");
        }
    }

    /**
     * Arrow IPC file format (readable by pyarrow {@code ipc.open_file}, R arrow {@code read_ipc_file}, DuckDB's
     * arrow extension): the temp table through DuckDB's Arrow export, batch by batch, same columns and types as
     * the Parquet file.
     */
    private static void writeArrow(Connection connection, Path file) throws SQLException, IOException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + TABLE);
             BufferAllocator allocator = new RootAllocator();
             ArrowReader reader = (ArrowReader) rs.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, ARROW_BATCH_ROWS);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE);
             ArrowFileWriter writer = new ArrowFileWriter(reader.getVectorSchemaRoot(), reader, channel)) {
            writer.start();
            while (reader.loadNextBatch()) {
                zeroNullSlots(reader.getVectorSchemaRoot());
                writer.writeBatch();
            }
            writer.end();
        }
    }

    /**
     * Zeroes the value bytes under null entries. Arrow leaves them undefined and DuckDB's export leaves whatever its
     * memory held there, so the same results gave different files from run to run.
     */
    static void zeroNullSlots(VectorSchemaRoot root) {
        for (FieldVector v : root.getFieldVectors()) {
            if (v instanceof BitVector bits) {
                for (int i = 0; i < bits.getValueCount(); i++) {
                    if (bits.isNull(i)) BitVectorHelper.unsetBit(bits.getDataBuffer(), i);
                }
            } else if (v instanceof BaseFixedWidthVector fixed) {
                int width = fixed.getTypeWidth();
                for (int i = 0; i < fixed.getValueCount(); i++) {
                    if (fixed.isNull(i)) fixed.getDataBuffer().setZero((long) i * width, width);
                }
            }
        }
    }

    /** One sheet "results": frozen header with autofilter, number formats by column, dates as dates. */
    static void writeXlsx(List<IndicatorResult> results, Path file) throws IOException {
        // no creation time: the same results give the same bytes
        StableWorkbook.write(file, null, wb -> writeSheet(wb.newWorksheet("results"), results));
    }

    /**
     * Writes a header row and one row per result into {@code ws} (the result schema's columns), formatted by
     * {@link SheetWriter}: counts with thousands separators, values in percent where the row is a proportion
     * (value = numerator / denominator), other values, O/E and z with two decimals, dates as yyyy-mm-dd.
     */
    public static void writeSheet(Worksheet ws, List<IndicatorResult> results) {
        List<String> names = ResultSchema.names();
        SheetWriter sheet = new SheetWriter(ws, names);
        for (int r = 0; r < results.size(); r++) {
            IndicatorResult result = results.get(r);
            Object[] values = result.values();
            boolean proportion = isProportion(result);
            for (int c = 0; c < values.length; c++) {
                sheet.cell(r + 1, c, values[c], format(names.get(c), proportion));
            }
        }
        sheet.finish();
    }

    /** The number format of a result column; value-like columns in percent for a proportion's row. */
    static String format(String column, boolean proportion) {
        return switch (column) {
            case "numerator", "denominator", "observed" -> SheetWriter.COUNT;
            case "value", "ci_low", "ci_high", "adjusted_value" -> proportion ? SheetWriter.PERCENT : SheetWriter.DECIMAL;
            case "expected", "o_e", "o_e_low", "o_e_high", "z" -> SheetWriter.DECIMAL;
            default -> null;
        };
    }

    /** A row whose value is its numerator over its denominator (not scaled per 1000, not a median). */
    static boolean isProportion(IndicatorResult r) {
        return r.value() != null && r.numerator() != null && r.denominator() != null && r.denominator() > 0
                && r.value() <= 1 && Math.abs(r.value() - r.numerator() / r.denominator()) <= 1e-9 * Math.max(1, r.value());
    }

    static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
