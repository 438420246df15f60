package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.ResultSchema;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {
    @TempDir
    Path dir;

    private static List<IndicatorResult> rows() {
        Period t2 = Periods.parse("2024-T2");
        List<IndicatorResult> rows = new ArrayList<>();
        rows.add(new IndicatorResult("corridor_patients", "1.0.0", t2.start(), t2.end(), t2.label(), "nation", "nation",
                "Norge", 26.0, 44.0, 26.0 / 44, 0.444097537410319, 0.723121443724503, null, null, null, null, null, null, null, null,
                null, null, null, "high", null));
        rows.add(new IndicatorResult("corridor_patients", "1.0.0", t2.start(), t2.end(), t2.label(), "hospital", "101",
                "Sykehus 101, \"Øst\"", null, null, null, null, null, null, null, null, null, null, null, null, null, null, true, null,
                null, "primary_denominator"));
        return rows;
    }

    /** A null slot keeps no stale bytes: DuckDB's Arrow export left old memory there, so two runs wrote different files. */
    @Test
    void nullSlotsAreZeroedBeforeArrowIsWritten() {
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.vector.Float8Vector values = new org.apache.arrow.vector.Float8Vector("value", allocator);
             org.apache.arrow.vector.BitVector flags = new org.apache.arrow.vector.BitVector("flag", allocator)) {
            values.allocateNew(3);
            flags.allocateNew(3);
            for (int i = 0; i < 3; i++) {
                values.set(i, 1.5 + i);
                flags.set(i, 1);
            }
            values.setNull(1);   // clears the validity bit only: 2.5 stays in the data buffer
            flags.setNull(2);
            values.setValueCount(3);
            flags.setValueCount(3);
            assertEquals(2.5, values.getDataBuffer().getDouble(8), 0, "stale value under the null before");
            org.apache.arrow.vector.VectorSchemaRoot root = new org.apache.arrow.vector.VectorSchemaRoot(
                    List.of(values.getField(), flags.getField()), List.of(values, flags), 3);
            ResultWriter.zeroNullSlots(root);
            assertEquals(0L, values.getDataBuffer().getLong(8));
            assertEquals(1.5, values.get(0), 0);
            assertEquals(3.5, values.get(2), 0);
            assertEquals(0, org.apache.arrow.vector.BitVectorHelper.get(flags.getDataBuffer(), 2));
            assertEquals(1, flags.get(1));
        }
    }

    /** results.arrow read back by Arrow Java's own IPC file reader (not DuckDB): the schema's columns and the rows. */
    @Test
    void arrowIpcFileHoldsTheResultSchemaAndRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<Path> files = ResultWriter.write(c, rows(), dir, "results", EnumSet.of(ResultWriter.Format.ARROW));
            assertEquals(List.of(dir.resolve("results.arrow").toAbsolutePath()), files);
            try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
                 java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(files.get(0));
                 org.apache.arrow.vector.ipc.ArrowFileReader reader = new org.apache.arrow.vector.ipc.ArrowFileReader(channel, allocator)) {
                org.apache.arrow.vector.VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertEquals(ResultSchema.names(), root.getSchema().getFields().stream().map(f -> f.getName()).toList());
                assertTrue(reader.loadNextBatch());
                assertEquals(2, root.getRowCount());
                assertEquals("nation", root.getVector("unit_id").getObject(0).toString());
                assertEquals(26.0 / 44, (Double) root.getVector("value").getObject(0), 0);
                // DATE as days since 1970-01-01: 2024-05-01 is day 19844
                assertEquals(19844, ((org.apache.arrow.vector.DateDayVector) root.getVector("period_start")).get(0));
                assertEquals("Sykehus 101, \"Øst\"", root.getVector("unit_name").getObject(1).toString());
                assertTrue(root.getVector("numerator").isNull(1));
                assertEquals(Boolean.TRUE, root.getVector("fdr_flag").getObject(1));
                assertEquals("primary_denominator", root.getVector("suppressed").getObject(1).toString());
                assertTrue(!reader.loadNextBatch());
            }
        }
    }

    @Test
    void parquetCsvAndJsonRoundTripThroughDuckDb() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            List<Path> files = ResultWriter.write(c, rows(), dir, "results",
                    EnumSet.of(ResultWriter.Format.PARQUET, ResultWriter.Format.CSV, ResultWriter.Format.JSON));
            assertEquals(3, files.size());
            String[] readers = {"read_parquet(?)", "read_csv(?, header = true, all_varchar = false)", "read_json(?)"};
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + readers[i] + " ORDER BY level DESC")) {
                    ps.setString(1, files.get(i).toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        String where = files.get(i).getFileName().toString();
                        assertEquals(ResultSchema.COLUMNS.size(), rs.getMetaData().getColumnCount(), where);
                        for (int k = 0; k < ResultSchema.COLUMNS.size(); k++) {
                            assertEquals(ResultSchema.COLUMNS.get(k).name(), rs.getMetaData().getColumnName(k + 1), where);
                        }
                        assertTrue(rs.next());
                        assertEquals("nation", rs.getString("unit_id"), where);
                        assertEquals(LocalDate.of(2024, 5, 1), rs.getObject("period_start", LocalDate.class), where);
                        assertEquals("2024-T2", rs.getString("period_label"), where);
                        assertEquals(26.0 / 44, rs.getDouble("value"), 1e-15, where);
                        assertEquals(0.444097537410319, rs.getDouble("ci_low"), 1e-15, where);
                        assertEquals("high", rs.getString("goal_level"), where);
                        rs.getObject("expected");
                        assertTrue(rs.wasNull(), where);
                        assertTrue(rs.next());
                        assertEquals("Sykehus 101, \"Øst\"", rs.getString("unit_name"), where);
                        assertNull(rs.getObject("numerator"), where);
                        assertEquals("primary_denominator", rs.getString("suppressed"), where);
                        assertTrue(rs.getBoolean("fdr_flag"), where);
                        assertTrue(!rs.next(), where);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT typeof(period_start), typeof(numerator), typeof(fdr_flag) FROM read_parquet(?) LIMIT 1")) {
                ps.setString(1, files.get(0).toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("DATE", rs.getString(1));
                    assertEquals("DOUBLE", rs.getString(2));
                    assertEquals("BOOLEAN", rs.getString(3));
                }
            }
        }
    }

    @Test
    void xlsxOpensAndHasTheValues() throws Exception {
        Path file = ResultWriter.write(null, rows(), dir, "results", EnumSet.of(ResultWriter.Format.XLSX)).get(0);
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            Sheet sheet = wb.getFirstSheet();
            assertEquals("results", sheet.getName());
            List<Row> rows;
            try (Stream<Row> s = sheet.openStream()) {
                rows = s.toList();
            }
            assertEquals(3, rows.size());
            for (int k = 0; k < ResultSchema.COLUMNS.size(); k++) {
                assertEquals(ResultSchema.COLUMNS.get(k).name(), rows.get(0).getCellText(k));
            }
            Row nation = rows.get(1);
            assertEquals("corridor_patients", nation.getCellText(0));
            assertEquals(LocalDate.of(2024, 5, 1), nation.getCellAsDate(2).orElseThrow().toLocalDate());
            assertEquals(26.0 / 44, nation.getCellAsNumber(10).orElseThrow().doubleValue(), 1e-15);
            assertEquals("high", nation.getCellText(24));
            Row hidden = rows.get(2);
            assertEquals("Sykehus 101, \"Øst\"", hidden.getCellText(7));
            assertTrue(hidden.getCellAsNumber(8).isEmpty());
            assertEquals("primary_denominator", hidden.getCellText(25));
        }
    }
}
