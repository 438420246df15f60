package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/**
 * SheetWriter styles runs of cells of one format in one call (a release's subscriber workbook took minutes styling
 * millions of cells one by one). The reference here is the earlier way, every formatted cell styled on its own
 * straight through fastexcel: the styles (styles.xml, in the order they were created) and every cell with its style
 * index (each sheet's sheetData) must be the same bytes.
 */
class SheetWriterFormatRunsTest {
    private static final List<String> HEADER = List.of("share", "count", "date", "plain", "precise");

    /** Cell (row, column) of sheet {@code sheet}: formats alternate, runs break at nulls and at a text cell. */
    private static Object value(int sheet, int row, int col) {
        return switch (col) {
            case 0 -> row >= 10 && row <= 12 ? null : (Object) (row * 0.013 + sheet);
            case 1 -> row == 30 ? "n/a" : (Object) (row * 1000.0 + 0.1 + 0.2);
            case 2 -> row < 20 ? LocalDate.of(2024, 1, 1).plusDays(row) : null;
            case 3 -> (Object) (row * 7L);
            default -> sheet == 1 && row >= 5 ? (Object) (row / 3.0) : null;
        };
    }

    /** Column 0 alternates percent and decimals by row, as a proportion's and a rate's rows do in one column. */
    private static String format(int sheet, int row, int col) {
        return switch (col) {
            case 0 -> row % 2 == 0 ? SheetWriter.PERCENT : SheetWriter.DECIMAL;
            case 1 -> SheetWriter.COUNT;
            case 4 -> SheetWriter.PRECISE;
            default -> null;
        };
    }

    private static byte[] workbook(boolean cellByCell) throws IOException {
        return StableWorkbook.bytes(null, (Workbook wb) -> {
            for (int sheet = 0; sheet < 2; sheet++) {
                Worksheet ws = wb.newWorksheet("s" + sheet);
                SheetWriter writer = new SheetWriter(ws, HEADER);
                for (int row = 1; row <= 60; row++) {
                    for (int col = 0; col < HEADER.size(); col++) {
                        Object v = value(sheet, row, col);
                        String f = format(sheet, row, col);
                        if (!cellByCell) {
                            writer.cell(row, col, v, f);
                        } else if (v instanceof Number n && f != null) {
                            ws.value(row, col, SheetWriter.clean(n));
                            ws.style(row, col).format(f).set();
                        } else if (v instanceof LocalDate d) {
                            ws.value(row, col, d);
                            ws.style(row, col).format(SheetWriter.DATE).set();
                        } else {
                            writer.cell(row, col, v, null);
                        }
                    }
                }
                writer.finish();
            }
        });
    }

    private static Map<String, String> entries(byte[] xlsx) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String sheetData(String sheetXml) {
        int from = sheetXml.indexOf("<sheetData");
        int to = sheetXml.indexOf("</sheetData>");
        assertTrue(from >= 0 && to > from, "a sheetData element");
        return sheetXml.substring(from, to);
    }

    @Test
    void runsGiveTheStylesAndCellsOfStylingEveryCellOnItsOwn() throws Exception {
        Map<String, String> runs = entries(workbook(false));
        Map<String, String> single = entries(workbook(true));
        assertEquals(single.get("xl/styles.xml"), runs.get("xl/styles.xml"));
        for (String sheet : List.of("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")) {
            assertEquals(sheetData(single.get(sheet)), sheetData(runs.get(sheet)), sheet);
        }
        // the reference is not trivially empty: formatted cells carry a style index, empty cells are not written
        String second = sheetData(runs.get("xl/worksheets/sheet2.xml"));
        assertTrue(second.contains("<c r=\"E6\" s=\""), "row 6's precise value styled: " + second.substring(0, 400));
        assertTrue(!second.contains("r=\"A11\""), "row 10's empty share cell is not written");
    }
}
