package no.kvik.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;

/**
 * The released rows of one edition as the export solution serves them: each row of the release's
 * {@code results.csv} kept as its exact text (the CSV download is those lines, so it has the release's columns,
 * order and number formatting), with the four fields a selection filters on; the indicators' sheet names and names
 * from {@code definitions.json}; the dates from the manifest. Released folders are frozen, so this is read once.
 */
final class ReleasedRows {
    static final String CSV = Release.RESULTS + ".csv";
    private static final int INDICATOR = ResultSchema.names().indexOf("indicator_id");
    private static final int PERIOD = ResultSchema.names().indexOf("period_label");
    private static final int LEVEL = ResultSchema.names().indexOf("level");
    private static final int UNIT = ResultSchema.names().indexOf("unit_id");

    /** A released row: the fields selected on and the row's text in results.csv, line end included. */
    record Row(String indicatorId, String periodLabel, String level, String unitId, String text, int line) {
    }

    /** A released indicator: id, its sheet in the subscriber workbook, and its names. */
    record Indicator(String id, String sheet, String nameNo, String nameEn) {
    }

    final String edition;
    final LocalDate published;
    final LocalDate dataEnd;
    /** The header line of results.csv, line end included. */
    final String header;
    final List<Row> rows;
    /** In definitions.json order (the subscriber workbook's sheet order). */
    final List<Indicator> indicators;

    private ReleasedRows(String edition, LocalDate published, LocalDate dataEnd, String header, List<Row> rows,
                         List<Indicator> indicators) {
        this.edition = edition;
        this.published = published;
        this.dataEnd = dataEnd;
        this.header = header;
        this.rows = List.copyOf(rows);
        this.indicators = List.copyOf(indicators);
    }

    /** Reads a release folder's manifest, definitions and results.csv. */
    static ReleasedRows read(Path dir) throws IOException {
        JsonNode manifest = ReleaseFiles.JSON.readTree(dir.resolve(ReleaseManifest.FILE).toFile());
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode d : ReleaseFiles.JSON.readTree(dir.resolve(Release.DEFINITIONS).toFile())) {
            indicators.add(new Indicator(d.get("id").asText(), d.get("sheet").asText(), d.get("nameNo").asText(),
                    d.get("nameEn").asText()));
        }
        Path csv = dir.resolve(CSV);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        String header = null;
        int line = 1;
        Map<String, String> canonical = new HashMap<>();
        for (int at = 0; at < text.length(); ) {
            Record r = record(text, at, csv, line);
            if (header == null) {
                header = text.substring(at, r.end);
                if (!r.fields.equals(ResultSchema.names())) {
                    throw new IllegalStateException(csv + ": the header is " + r.fields + ", expected the result schema "
                            + ResultSchema.names());
                }
            } else {
                if (r.fields.size() != ResultSchema.COLUMNS.size()) {
                    throw new IllegalStateException(csv + " data row " + (line - 1) + " (line " + line + "): " + r.fields.size() + " fields, expected "
                            + ResultSchema.COLUMNS.size());
                }
                // the same few ids recur on every row: one String each
                rows.add(new Row(intern(canonical, r.fields.get(INDICATOR)), intern(canonical, r.fields.get(PERIOD)),
                        intern(canonical, r.fields.get(LEVEL)), intern(canonical, r.fields.get(UNIT)),
                        text.substring(at, r.end), line));
            }
            line += r.lines;
            at = r.end;
        }
        if (header == null) throw new IllegalStateException(csv + " is empty (expected at least its header)");
        return new ReleasedRows(manifest.get("edition").asText(), LocalDate.parse(manifest.get("published").asText()),
                LocalDate.parse(manifest.get("dataEnd").asText()), header, rows, indicators);
    }

    private static String intern(Map<String, String> canonical, String s) {
        return s == null ? null : canonical.computeIfAbsent(s, k -> k);
    }

    /** The values a selection may name. */
    ExportSelection.Universe universe() {
        Set<String> ids = new LinkedHashSet<>();
        for (Indicator i : indicators) ids.add(i.id());
        Set<String> units = new LinkedHashSet<>();
        Set<String> periods = new LinkedHashSet<>();
        for (Row r : rows) {
            units.add(r.unitId());
            periods.add(r.periodLabel());
        }
        return new ExportSelection.Universe(ids, units, periods);
    }

    /** The selected rows, in the release's order. */
    List<Row> select(ExportSelection selection) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (selection.includes(r.indicatorId(), r.level(), r.unitId(), r.periodLabel())) out.add(r);
        }
        return out;
    }

    /**
     * A row as a result record, parsed from its CSV text: numbers with {@link Double#parseDouble} (DuckDB writes the
     * shortest text that reads back as the same double, so the value is the one the release computed), an unquoted
     * empty field as null.
     */
    IndicatorResult result(Row row) {
        Record r = record(row.text(), 0, Path.of(CSV), row.line());
        List<String> f = r.fields;
        return new IndicatorResult(f.get(0), f.get(1), date(f, 2, row), date(f, 3, row), f.get(4), f.get(5), f.get(6),
                f.get(7), number(f, 8, row), number(f, 9, row), number(f, 10, row), number(f, 11, row),
                number(f, 12, row), f.get(13), number(f, 14, row), number(f, 15, row), number(f, 16, row),
                number(f, 17, row), number(f, 18, row), number(f, 19, row), number(f, 20, row), f.get(21),
                bool(f, 22, row), f.get(23), f.get(24), f.get(25));
    }

    private String where(Row row, int column) {
        return edition + "/" + CSV + " data row " + (row.line() - 1) + " (line " + row.line() + "), field "
                + ResultSchema.names().get(column);
    }

    private Double number(List<String> f, int column, Row row) {
        String s = f.get(column);
        if (s == null) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where(row, column) + ": not a number");
        }
    }

    private LocalDate date(List<String> f, int column, Row row) {
        String s = f.get(column);
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where(row, column) + ": not a date (yyyy-mm-dd)");
        }
    }

    private Boolean bool(List<String> f, int column, Row row) {
        String s = f.get(column);
        if (s == null) return null;
        if (s.equals("true")) return true;
        if (s.equals("false")) return false;
        throw new IllegalStateException(where(row, column) + ": not true or false");
    }

    /** One CSV record: its fields (an unquoted empty field is null), where it ends and how many lines it spans. */
    private record Record(List<String> fields, int end, int lines) {
    }

    /** RFC 4180 record starting at {@code at}: quoted fields may hold commas, doubled quotes and line breaks. */
    private static Record record(String text, int at, Path file, int line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        int lines = 1;
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (inQuotes) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n') lines++;
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0) throw new IllegalStateException(file + " line " + line + ": a quote inside an unquoted field");
                inQuotes = true;
                quoted = true;
            } else if (c == ',') {
                fields.add(quoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                quoted = false;
            } else if (c == '\n') {
                break;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (inQuotes) throw new IllegalStateException(file + " line " + line + ": a quoted field is not closed");
        fields.add(quoted || field.length() > 0 ? field.toString() : null);
        return new Record(fields, i, lines);
    }
}
