package no.kvik.release;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Stream;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.ResultSchema;

/**
 * The HTTP side of the export solution in {@link ApiServer}: the current selection of a released edition as CSV,
 * xlsx or JSON, with its permanent link.
 *
 * <pre>
 * GET /releases/{edition}/export.csv?indicators=&amp;levels=&amp;units=&amp;periods=     results.csv's header and selected lines
 * GET /releases/{edition}/export.xlsx?…&amp;lang=no|en                               selection sheet + a sheet per indicator
 * GET /api/releases/{edition}/export?…                                          the same rows as JSON
 * </pre>
 * Every answer carries {@code Link: <permanent link>; rel="canonical"}: the base URL, the edition, and the
 * selection's canonical query ({@link ExportSelection#canonicalQuery}), so any spelling of a selection has one link,
 * and one link always gives the same bytes. Limits beside the connection layer's: at most {@link #MAX_ROWS} rows per
 * download (400 beyond, naming the count), and at most {@link #BUILT_AT_ONCE} downloads built at once (503 beyond, at
 * once, like a full connection pool).
 */
final class ExportResponses {
    /** Rows per download: the whole demo release fits; a bigger selection is narrowed by the user. */
    static final int MAX_ROWS = 100_000;
    /** Downloads built at once: each holds its rows and file in memory while it is built. */
    static final int BUILT_AT_ONCE = 2;
    static final String CSV_TYPE = "text/csv; charset=utf-8";
    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String EDITION = "\\d{4}-\\d{1,2}";

    private enum Format { CSV, XLSX, JSON }

    private final Path releases;
    private final Supplier<String> base;
    private final int maxRows;
    private final int atOnce;
    private final Map<String, ReleasedRows> editions = new ConcurrentHashMap<>();
    private final Semaphore building;

    /**
     * @param base    the permanent links' scheme, host and port (and path prefix), without a trailing slash
     * @param maxRows rows per download ({@link #MAX_ROWS} in the server)
     * @param atOnce  downloads built at once ({@link #BUILT_AT_ONCE} in the server)
     */
    ExportResponses(Path releases, Supplier<String> base, int maxRows, int atOnce) {
        this.releases = releases;
        this.base = base;
        this.maxRows = maxRows;
        this.atOnce = atOnce;
        this.building = new Semaphore(atOnce);
    }

    /** Whether a raw path is one of the export endpoints (any edition). */
    static boolean isExport(String rawPath) {
        List<String> p = parts(rawPath);
        return p.size() == 3 && p.get(0).equals("releases") && (p.get(2).equals("export.csv") || p.get(2).equals("export.xlsx"))
                || p.size() == 4 && p.get(0).equals("api") && p.get(1).equals("releases") && p.get(3).equals("export");
    }

    private static List<String> parts(String rawPath) {
        return Stream.of(rawPath.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** Answers an export path; a bad selection or edition is an {@link ApiServer.ApiError} (JSON like every error). */
    JsonHttpServer.Response respond(String rawPath, String rawQuery) {
        List<String> p = parts(rawPath);
        boolean api = p.get(0).equals("api");
        String edition = api ? p.get(2) : p.get(1);
        Format format = api ? Format.JSON : p.get(2).equals("export.csv") ? Format.CSV : Format.XLSX;
        if (!edition.matches(EDITION)) throw new ApiServer.ApiError(400, "edition must look like 2024-2, got '" + edition + "'");
        Path dir = releases.resolve(edition);
        if (!Files.exists(dir.resolve(ReleaseManifest.FILE))) throw new ApiServer.ApiError(404, "no release " + edition);
        ReleasedRows release = editions.computeIfAbsent(edition, e -> read(dir));
        ExportSelection selection;
        try {
            selection = ExportSelection.parse(rawQuery).validate(release.universe());
        } catch (ExportSelection.Invalid e) {
            throw new ApiServer.ApiError(400, e.getMessage());
        }
        List<ReleasedRows.Row> rows = release.select(selection);
        if (rows.size() > maxRows) {
            throw new ApiServer.ApiError(400, "the selection has " + rows.size() + " rows; at most " + maxRows
                    + " are served per download: narrow it by indicators, levels, units or periods");
        }
        String link = link(edition, format, selection);
        if (!building.tryAcquire()) {
            throw new ApiServer.ApiError(503, "the server is building " + atOnce + " downloads already; try again");
        }
        try {
            byte[] body = switch (format) {
                case CSV -> csv(release, rows);
                case XLSX -> ExportWorkbook.bytes(release, selection, rows, link);
                case JSON -> json(release, selection, rows, link);
            };
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", switch (format) {
                case CSV -> CSV_TYPE;
                case XLSX -> XLSX_TYPE;
                case JSON -> "application/json; charset=utf-8";
            });
            headers.put("Link", "<" + link + ">; rel=\"canonical\"");
            if (format != Format.JSON) {
                headers.put("Content-Disposition", "attachment; filename=\"" + fileName(edition, format, selection) + "\"");
            }
            headers.put("X-Content-Type-Options", "nosniff");
            return new JsonHttpServer.Response(200, body, headers);
        } catch (IOException e) {
            throw new ApiServer.ApiError(500, "cannot build the download: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiServer.ApiError(500, e.getMessage()); // a released file that does not read: names file, row, field
        } finally {
            building.release();
        }
    }

    private ReleasedRows read(Path dir) {
        try {
            return ReleasedRows.read(dir);
        } catch (IllegalStateException e) {
            throw new ApiServer.ApiError(500, e.getMessage());
        } catch (IOException e) {
            throw new ApiServer.ApiError(500, "cannot read release " + dir.getFileName() + ": " + e.getMessage());
        }
    }

    /** The permanent link of a selection: edition pinned in the path, the canonical query. */
    String link(String edition, Format format, ExportSelection selection) {
        String path = switch (format) {
            case CSV -> "/releases/" + edition + "/export.csv";
            case XLSX -> "/releases/" + edition + "/export.xlsx";
            case JSON -> "/api/releases/" + edition + "/export";
        };
        String query = selection.canonicalQuery(format == Format.XLSX);
        return base.get() + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** {@code kvik-<edition>-export-<first 8 hex of the canonical query's SHA-256>.<ext>}: one name per link. */
    private static String fileName(String edition, Format format, ExportSelection selection) {
        String query = selection.canonicalQuery(format == Format.XLSX);
        String hash = ReleaseFiles.sha256(query.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        return "kvik-" + edition + "-export-" + hash + (format == Format.CSV ? ".csv" : ".xlsx");
    }

    /** The release's results.csv header and the selected rows' lines, byte for byte. */
    private static byte[] csv(ReleasedRows release, List<ReleasedRows.Row> rows) {
        StringBuilder sb = new StringBuilder(release.header);
        for (ReleasedRows.Row r : rows) sb.append(r.text());
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(ReleasedRows release, ExportSelection selection, List<ReleasedRows.Row> rows, String link)
            throws IOException {
        ObjectNode out = ReleaseFiles.JSON.createObjectNode();
        out.put("edition", release.edition);
        ObjectNode sel = out.putObject("selection");
        putAll(sel.putArray("indicators"), selection.indicators());
        putAll(sel.putArray("levels"), selection.levels());
        putAll(sel.putArray("units"), selection.units());
        putAll(sel.putArray("periods"), selection.periods());
        out.put("link", link);
        out.put("rowCount", rows.size());
        ArrayNode results = out.putArray("results");
        List<String> names = ResultSchema.names();
        for (ReleasedRows.Row r : rows) {
            IndicatorResult result = release.result(r);
            Object[] values = result.values();
            ObjectNode o = results.addObject();
            for (int c = 0; c < values.length; c++) {
                Object v = values[c];
                if (v == null) o.putNull(names.get(c));
                else if (v instanceof Double d) o.put(names.get(c), d);
                else if (v instanceof Boolean b) o.put(names.get(c), b);
                else if (v instanceof LocalDate d) o.put(names.get(c), d.toString());
                else o.put(names.get(c), v.toString());
            }
        }
        return ReleaseFiles.JSON.writeValueAsBytes(out);
    }

    private static void putAll(ArrayNode array, Set<String> values) {
        values.forEach(array::add);
    }
}
