package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.ResultSchema;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks read back with Apache POI, a library independent of the fastexcel writer. */
class WorkbookFormatTest {
    @TempDir
    Path dir;

    private static List<IndicatorResult> rows() {
        Period y = Periods.parse("2024");
        List<IndicatorResult> rows = new ArrayList<>();
        // a proportion whose value carries binary noise: 0.1 + 0.2 = 0.30000000000000004 in IEEE 754
        rows.add(new IndicatorResult("corridor_patients", "1.0.0", y.start(), y.end(), y.label(), "nation", "nation",
                "Norge", 3.0, 10.0, 0.1 + 0.2, 0.1, 0.6, null, null, null, null, null, null, null, null,
                null, null, null, null, null));
        // a rate per 1000: value ≠ numerator / denominator, so two decimals rather than percent
        rows.add(new IndicatorResult("antibiotic_prescriptions_per_1000", "1.0.0", y.start(), y.end(), y.label(),
                "county", "03", "Oslo", 41234.0, 700000.0, 58.905714285714285, 58.3, 59.5, null, null, null, null,
                null, null, null, 1.25, null, null, null, null, null));
        return rows;
    }

    @Test
    void resultsWorkbookHasFrozenHeaderAutofilterNumberFormatsAndWidths() throws Exception {
        Path file = ResultWriter.write(null, rows(), dir, "results", EnumSet.of(ResultWriter.Format.XLSX)).get(0);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheet("results");
            PaneInformation pane = sheet.getPaneInformation();
            assertNotNull(pane, "a pane");
            assertTrue(pane.isFreezePane());
            assertEquals(1, pane.getHorizontalSplitPosition(), "the header row stays in view");
            assertEquals(0, pane.getVerticalSplitPosition());
            int last = ResultSchema.COLUMNS.size() - 1;
            assertEquals("A1:" + org.apache.poi.ss.util.CellReference.convertNumToColString(last) + "3",
                    sheet.getCTWorksheet().getAutoFilter().getRef());
            assertTrue(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold(), "bold header");
            int value = ResultSchema.names().indexOf("value");
            int numerator = ResultSchema.names().indexOf("numerator");
            int start = ResultSchema.names().indexOf("period_start");
            int z = ResultSchema.names().indexOf("z");
            XSSFRow proportion = sheet.getRow(1);
            assertEquals("0.0%", proportion.getCell(value).getCellStyle().getDataFormatString());
            assertEquals(0.3, proportion.getCell(value).getNumericCellValue(), 0.0, "no float noise in the cell");
            assertEquals("#,##0", proportion.getCell(numerator).getCellStyle().getDataFormatString());
            assertEquals("yyyy-mm-dd", proportion.getCell(start).getCellStyle().getDataFormatString());
            assertTrue(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(proportion.getCell(start)));
            XSSFRow rate = sheet.getRow(2);
            assertEquals("#,##0.00", rate.getCell(value).getCellStyle().getDataFormatString());
            // 15 significant digits kept: 58.9057142857143 (the 16th and 17th digits are noise to Excel too)
            assertEquals(58.9057142857143, rate.getCell(value).getNumericCellValue(), 0.0);
            assertEquals("#,##0.00", rate.getCell(z).getCellStyle().getDataFormatString());
            XSSFCell name = rate.getCell(ResultSchema.names().indexOf("indicator_id"));
            // "antibiotic_prescriptions_per_1000" is 33 characters: the column fits it (width in 1/256 characters)
            assertTrue(sheet.getColumnWidth(name.getColumnIndex()) >= 33 * 256, "width " + sheet.getColumnWidth(0));
        }
    }

    @Test
    void cleanRoundsToExcelsFifteenDigitsAndKeepsWholeNumbers() {
        assertEquals(1.0, SheetWriter.clean(0.9999999999999999));
        assertEquals(0.3, SheetWriter.clean(0.1 + 0.2));
        assertEquals(0.15070821529745, SheetWriter.clean(0.15070821529745043));
        assertEquals(42L, SheetWriter.clean(42L));
        assertEquals(1e20, SheetWriter.clean(1e20));
    }

    @Test
    void sheetNamesAreReadableUniqueAndFitExcelsLimit() throws Exception {
        assertEquals("cancer_path_all_in_std", SheetWriter.sheetName("cancer_pathway_all_within_standard", Set.of()));
        assertEquals("hip_fracture_surgery_48h", SheetWriter.sheetName("hip_fracture_surgery_48h", Set.of()));
        // words abbreviated (haemorrhagic → haem, mortality → mort), then the longest word shortened
        assertEquals("oecd_haem_strok_30d_mort_linked", SheetWriter.sheetName("oecd_haemorrhagic_stroke_30d_mortality_linked", Set.of()));
        assertEquals("a 2", SheetWriter.sheetName("a", Set.of("A")));
        // physician and physio abbreviate apart (else the two nursing-home hours sheets were named alike)
        assertEquals("nurs_home_pt_hours_per_res_week", SheetWriter.sheetName("nursing_home_physio_hours_per_resident_week", Set.of()));
        Set<String> taken = new HashSet<>();
        Path indicators = Path.of(System.getProperty("user.dir")).getParent().resolve("sql/indicators");
        try (Stream<Path> files = Files.walk(indicators)) {
            // every indicator has its <id>.json (several may share one SQL file under shared/)
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String id = f.getFileName().toString().replace(".json", "");
                String sheet = SheetWriter.sheetName(id, taken);
                assertTrue(sheet.length() <= 31, sheet);
                assertFalse(sheet.contains("~"), sheet);
                assertFalse(sheet.matches(".* \\d+$"), "no two indicator ids abbreviate alike: " + id + " → " + sheet);
                taken.add(sheet);
            }
        }
        assertTrue(taken.size() >= 89, "every indicator: " + taken.size());
    }
}
