package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks depend only on their content: no wall-clock time in docProps/core.xml or the zip entries. */
class StableWorkbookTest {
    @TempDir
    Path dir;

    private static List<IndicatorResult> rows() {
        Period y = Periods.parse("2024");
        return List.of(new IndicatorResult("corridor_patients", "1.0.0", y.start(), y.end(), y.label(), "nation", "nation",
                "Norge", 26.0, 44.0, 26.0 / 44, 0.444097537410319, 0.723121443724503, null, null, null, null, null, null,
                null, null, null, null, null, "high", null));
    }

    /** Fails without the fix: fastexcel writes Instant.now() (milliseconds) as the creation time. */
    @Test
    void resultsXlsxWrittenTwiceIsByteIdentical() throws Exception {
        Path a = ResultWriter.write(null, rows(), dir.resolve("a"), "results", EnumSet.of(ResultWriter.Format.XLSX)).get(0);
        Thread.sleep(20);
        Path b = ResultWriter.write(null, rows(), dir.resolve("b"), "results", EnumSet.of(ResultWriter.Format.XLSX)).get(0);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        String core = entry(Files.readAllBytes(a), "docProps/core.xml");
        assertFalse(core.contains("dcterms:created"), core);
        assertTrue(core.contains("<dc:creator>kvik</dc:creator>"), core);
        // still a workbook Excel's other reader opens, with the value
        try (InputStream in = Files.newInputStream(a); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(26.0 / 44, wb.getSheet("results").getRow(1).getCell(10).getNumericCellValue(), 1e-15);
            assertEquals(null, wb.getProperties().getCoreProperties().getCreated());
        }
    }

    @Test
    void aDatedWorkbookCarriesItsDateAndOneEntryTime() throws Exception {
        StableWorkbook.Content content = wb -> wb.newWorksheet("s").value(0, 0, "x");
        byte[] one = StableWorkbook.bytes(LocalDate.of(2025, 3, 14), content);
        Thread.sleep(20);
        byte[] two = StableWorkbook.bytes(LocalDate.of(2025, 3, 14), content);
        assertArrayEquals(one, two);
        assertTrue(entry(one, "docProps/core.xml").contains(
                "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-03-14T00:00:00Z</dcterms:created>"));
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(one))) {
            int entries = 0;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; entries++) {
                assertEquals(LocalDate.of(2025, 3, 14).atStartOfDay(), e.getTimeLocal(), e.getName());
            }
            assertTrue(entries >= 7);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(one))) {
            assertEquals(LocalDate.of(2025, 3, 14).atStartOfDay().toInstant(ZoneOffset.UTC),
                    wb.getProperties().getCoreProperties().getCreated().toInstant());
        }
    }

    static String entry(byte[] zipBytes, String name) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name);
    }
}
