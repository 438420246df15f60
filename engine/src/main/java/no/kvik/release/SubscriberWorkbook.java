package no.kvik.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.kvik.engine.IndicatorResult;
import no.kvik.report.ResultWriter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The data file e-mailed to subscribers: a definitions sheet, then one sheet of results per indicator. */
final class SubscriberWorkbook {
    static final List<String> DEFINITION_COLUMNS = List.of("sheet", "id", "version", "area", "name_no", "name_en",
            "measure", "per", "direction", "frequency", "levels", "target", "target_high", "target_medium",
            "sources", "basis", "description_no", "sql_sha256");

    private SubscriberWorkbook() {
    }

    /** Excel sheet names hold at most 31 characters; longer ids are cut and numbered to stay unique. */
    static String sheetName(String id, int index) {
        return id.length() <= 31 ? id : id.substring(0, 26) + "~" + String.format("%03d", index + 1);
    }

    static void write(Path file, List<Definition> definitions, Map<String, List<IndicatorResult>> rows, LocalDate date)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(os, "kvik", "1.0");
            Worksheet defs = wb.newWorksheet("definitions");
            for (int c = 0; c < DEFINITION_COLUMNS.size(); c++) defs.value(0, c, DEFINITION_COLUMNS.get(c));
            for (int r = 0; r < definitions.size(); r++) {
                Definition d = definitions.get(r);
                Object[] v = {d.sheet(), d.id(), d.version(), d.area(), d.nameNo(), d.nameEn(), d.measure(), d.per(),
                        d.direction(), d.frequency(), String.join(" ", d.levels()),
                        d.target() == null ? null : d.target().value(), d.target() == null ? null : d.target().high(),
                        d.target() == null ? null : d.target().medium(), String.join(" ", d.sources()), d.basis(),
                        d.descriptionNo(), d.sqlSha256()};
                for (int c = 0; c < v.length; c++) {
                    if (v[c] instanceof String s) defs.value(r + 1, c, s);
                    else if (v[c] instanceof Number n) defs.value(r + 1, c, n);
                }
            }
            for (Definition d : definitions) {
                ResultWriter.writeSheet(wb.newWorksheet(d.sheet()), rows.getOrDefault(d.id(), List.of()));
            }
            wb.finish();
        }
        ReleaseFiles.normaliseZip(file, date);
    }
}
