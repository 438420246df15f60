package no.kvik.release;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.engine.IndicatorResult;
import no.kvik.report.ResultWriter;
import no.kvik.report.SheetWriter;
import no.kvik.report.StableWorkbook;
import org.dhatim.fastexcel.HyperLink;
import org.dhatim.fastexcel.Worksheet;

/**
 * The export solution's xlsx: a selection sheet (edition, dates, the selection, the row count, the permanent link,
 * and a link to each indicator's sheet), then one sheet of results per selected indicator named and written as in the
 * subscriber workbook ({@link SubscriberWorkbook}: {@link ResultWriter#writeSheet}, the same columns, number formats
 * and rounding). Its creation time is the release's publication date, so the same link gives the same bytes.
 */
final class ExportWorkbook {
    private ExportWorkbook() {
    }

    /** Labels of the selection sheet, Norwegian and English. */
    private static final Map<String, List<String>> LABELS = Map.of(
            "no", List.of("felt", "verdi", "utgave", "publisert", "data til (ikke med)", "indikatorer", "nivåer",
                    "enheter", "perioder", "rader", "permanent lenke", "rader i arket"),
            "en", List.of("field", "value", "edition", "published", "data up to (not including)", "indicators",
                    "levels", "units", "periods", "rows", "permanent link", "rows in the sheet"));

    static byte[] bytes(ReleasedRows release, ExportSelection selection, List<ReleasedRows.Row> rows, String link)
            throws IOException {
        List<ReleasedRows.Indicator> sheets = new ArrayList<>();
        for (ReleasedRows.Indicator i : release.indicators) {
            if (selection.indicators().isEmpty() || selection.indicators().contains(i.id())) sheets.add(i);
        }
        Map<String, List<IndicatorResult>> byIndicator = new LinkedHashMap<>();
        for (ReleasedRows.Row r : rows) {
            byIndicator.computeIfAbsent(r.indicatorId(), k -> new ArrayList<>()).add(release.result(r));
        }
        List<String> label = LABELS.get(selection.lang());
        return StableWorkbook.bytes(release.published, wb -> {
            Worksheet ws = wb.newWorksheet(selection.lang().equals("en") ? "selection" : "utvalg");
            SheetWriter sheet = new SheetWriter(ws, List.of(label.get(0), label.get(1)));
            Object[][] fields = {
                    {label.get(2), release.edition},
                    {label.get(3), release.published},
                    {label.get(4), release.dataEnd},
                    {label.get(5), selection.shown(selection.indicators())},
                    {label.get(6), selection.shown(selection.levels())},
                    {label.get(7), selection.shown(selection.units())},
                    {label.get(8), selection.shown(selection.periods())},
                    {label.get(9), rows.size()},
                    {label.get(10), link}};
            int row = 1;
            for (Object[] f : fields) {
                sheet.cell(row, 0, f[0], null);
                sheet.cell(row, 1, f[1], f[1] instanceof Integer ? SheetWriter.COUNT : null);
                row++;
            }
            // fastexcel 0.19 writes a link's target into the relationships XML unescaped: a query's & would break it
            ws.hyperlink(row - 1, 1, HyperLink.external(xmlAttribute(link), link));
            // the contents: each indicator's sheet, its name in the selection's language and its row count
            for (ReleasedRows.Indicator i : sheets) {
                int n = byIndicator.getOrDefault(i.id(), List.of()).size();
                String name = selection.lang().equals("en") ? i.nameEn() : i.nameNo();
                sheet.cell(row, 0, i.sheet(), null);
                sheet.cell(row, 1, i.id() + ": " + name + " (" + label.get(11) + ": " + n + ")", null);
                ws.hyperlink(row, 0, HyperLink.internal("'" + i.sheet().replace("'", "''") + "'!A1", i.sheet()));
                row++;
            }
            sheet.finish();
            for (ReleasedRows.Indicator i : sheets) {
                ResultWriter.writeSheet(wb.newWorksheet(i.sheet()), byIndicator.getOrDefault(i.id(), List.of()));
            }
        });
    }

    private static String xmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
