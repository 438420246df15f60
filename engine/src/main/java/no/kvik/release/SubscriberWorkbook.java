package no.kvik.release;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.kvik.engine.IndicatorResult;
import no.kvik.report.ResultWriter;
import no.kvik.report.SheetWriter;
import no.kvik.report.StableWorkbook;
import org.dhatim.fastexcel.HyperLink;
import org.dhatim.fastexcel.Worksheet;

/**
 * The data file e-mailed to subscribers: a definitions sheet that is also the contents (its sheet column links
 * to each indicator's sheet), then one sheet of results per indicator; every sheet with a frozen, filterable
 * header and number formats ({@link SheetWriter}).
 */
final class SubscriberWorkbook {
    static final List<String> DEFINITION_COLUMNS = List.of("sheet", "id", "version", "area", "name_no", "name_en",
            "measure", "per", "direction", "frequency", "levels", "target", "target_high", "target_medium",
            "sources", "basis", "description_no", "sql_sha256");

    private SubscriberWorkbook() {
    }

    /** The indicator's sheet: its id, or for ids over Excel's 31 characters every word abbreviated to fit. */
    static String sheetName(String id, java.util.Set<String> taken) {
        return SheetWriter.sheetName(id, taken);
    }

    static void write(Path file, List<Definition> definitions, Map<String, List<IndicatorResult>> rows, LocalDate date)
            throws IOException {
        // created = the publication date: the release's files depend only on its inputs
        StableWorkbook.write(file, date, wb -> {
            Worksheet defs = wb.newWorksheet("definitions");
            SheetWriter sheet = new SheetWriter(defs, DEFINITION_COLUMNS);
            for (int r = 0; r < definitions.size(); r++) {
                Definition d = definitions.get(r);
                Object[] v = {d.sheet(), d.id(), d.version(), d.area(), d.nameNo(), d.nameEn(), d.measure(), d.per(),
                        d.direction(), d.frequency(), String.join(" ", d.levels()),
                        d.target() == null ? null : d.target().value(), d.target() == null ? null : d.target().high(),
                        d.target() == null ? null : d.target().medium(), String.join(" ", d.sources()), d.basis(),
                        d.descriptionNo(), d.sqlSha256()};
                for (int c = 0; c < v.length; c++) {
                    sheet.cell(r + 1, c, v[c] instanceof String || v[c] instanceof Number ? v[c] : null, null);
                }
                // the contents: a click on the sheet name opens the indicator's sheet
                defs.hyperlink(r + 1, 0, HyperLink.internal("'" + d.sheet().replace("'", "''") + "'!A1", d.sheet()));
            }
            sheet.finish();
            for (Definition d : definitions) {
                ResultWriter.writeSheet(wb.newWorksheet(d.sheet()), rows.getOrDefault(d.id(), List.of()));
            }
        });
    }
}
