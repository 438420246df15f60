package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import no.kvik.engine.ResultSchema;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export solution over real HTTP on an ephemeral loopback port, on the shared small release (2024-1, three
 * indicators). Every expected row is taken from the release's own results.csv, filtered here with a regex split of
 * its lines (independent of the server's CSV reader), and the xlsx is read back with Apache POI.
 */
class ExportServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<String> COLUMNS = ResultSchema.names();
    private static final String HIP = "hip_fracture_surgery_48h";
    private static final String SURVIVAL = "all_cause_30d_survival";
    /** Selection of two indicators, two levels (one repeated), a yearly and a tertial period, written out of order. */
    private static final String QUERY = "periods=2023-T2,2022&levels=rhf,nation,rhf&indicators=" + HIP + "," + SURVIVAL;
    private static final String CANONICAL = "indicators=" + SURVIVAL + "," + HIP + "&levels=nation,rhf&periods=2022,2023-T2";

    private static ApiServer server;
    private static Path release;
    private static String header;
    /** results.csv's rows, each its line and its fields. */
    private static List<String> lines;

    @BeforeAll
    static void start() throws Exception {
        ReleaseFixture fixture = ReleaseFixture.get();
        release = fixture.release;
        server = ApiServer.start(fixture.releases, 0);
        List<String> all = Files.readAllLines(release.resolve("results.csv"), StandardCharsets.UTF_8);
        header = all.get(0);
        lines = all.subList(1, all.size());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A CSV line's fields: split at commas outside double quotes, quotes removed (no field here holds a line break). */
    private static Map<String, String> fields(String line) {
        String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        assertEquals(COLUMNS.size(), f.length, line);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < f.length; i++) {
            String v = f[i].startsWith("\"") ? f[i].substring(1, f[i].length() - 1).replace("\"\"", "\"") : f[i];
            m.put(COLUMNS.get(i), v);
        }
        return m;
    }

    private static List<String> expected(Predicate<Map<String, String>> keep) {
        return lines.stream().filter(l -> keep.test(fields(l))).toList();
    }

    private static final Predicate<Map<String, String>> SELECTED = f -> Set.of(HIP, SURVIVAL).contains(f.get("indicator_id"))
            && Set.of("nation", "rhf").contains(f.get("level")) && Set.of("2022", "2023-T2").contains(f.get("period_label"));

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String link(HttpResponse<?> r) {
        String h = r.headers().firstValue("Link").orElseThrow();
        assertTrue(h.startsWith("<") && h.endsWith(">; rel=\"canonical\""), h);
        return h.substring(1, h.indexOf('>'));
    }

    @Test
    void csvIsTheReleasesLinesOfTheSelectionUnderItsCanonicalLink() throws Exception {
        HttpResponse<byte[]> r = get("/releases/2024-1/export.csv?" + QUERY);
        assertEquals(200, r.statusCode());
        assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        List<String> want = expected(SELECTED);
        // both indicators, both levels, both periods are in it: 1 nation + 4 RHF rows per indicator and period it has
        assertTrue(want.stream().anyMatch(l -> l.startsWith(HIP + ",")) && want.stream().anyMatch(l -> l.startsWith(SURVIVAL + ",")));
        assertEquals(Set.of("nation", "rhf"), Set.copyOf(want.stream().map(l -> fields(l).get("level")).toList()));
        assertEquals(header + "\n" + String.join("\n", want) + "\n", new String(r.body(), StandardCharsets.UTF_8));
        String canonical = base() + "/releases/2024-1/export.csv?" + CANONICAL;
        assertEquals(canonical, link(r));
        assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().matches(
                "attachment; filename=\"kvik-2024-1-export-[0-9a-f]{8}\\.csv\""));
        // the permanent link gives the same bytes, with itself as its link; so does asking again
        HttpResponse<byte[]> again = CLIENT.send(HttpRequest.newBuilder(URI.create(canonical)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(r.body(), again.body());
        assertEquals(canonical, link(again));
        assertArrayEquals(r.body(), get("/releases/2024-1/export.csv?" + QUERY).body());
    }

    @Test
    void unitsSelectTheirRowsAtEveryLevelAndNoParametersSelectTheWholeRelease() throws Exception {
        HttpResponse<byte[]> r = get("/releases/2024-1/export.csv?units=nation,1&indicators=" + HIP);
        List<String> want = expected(f -> f.get("indicator_id").equals(HIP) && Set.of("nation", "1").contains(f.get("unit_id")));
        assertTrue(want.size() > 6, "national rows and unit 1's rows");
        assertEquals(header + "\n" + String.join("\n", want) + "\n", new String(r.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> all = get("/releases/2024-1/export.csv");
        assertArrayEquals(Files.readAllBytes(release.resolve("results.csv")), all.body());
        assertEquals(base() + "/releases/2024-1/export.csv", link(all));
    }

    @Test
    void xlsxHasTheSubscriberSheetsRowsAndASelectionSheetWithTheLink() throws Exception {
        HttpResponse<byte[]> r = get("/releases/2024-1/export.xlsx?" + QUERY + "&lang=en");
        assertEquals(200, r.statusCode());
        assertEquals(ExportResponses.XLSX_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        String canonical = base() + "/releases/2024-1/export.xlsx?" + CANONICAL + "&lang=en";
        assertEquals(canonical, link(r));
        assertArrayEquals(r.body(), get("/releases/2024-1/export.xlsx?" + QUERY + "&lang=en").body());
        assertFalse(Arrays.equals(r.body(), get("/releases/2024-1/export.xlsx?" + QUERY).body()), "Norwegian labels differ");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()));
             XSSFWorkbook subscriber = new XSSFWorkbook(Files.newInputStream(release.resolve(Release.SUBSCRIBER)))) {
            assertEquals(List.of("selection", SURVIVAL, HIP), sheetNames(wb), "definitions order, as the subscriber file");
            Sheet sel = wb.getSheet("selection");
            Map<String, Cell> field = new HashMap<>();
            Map<String, Cell> key = new HashMap<>();
            for (Row row : sel) {
                field.put(row.getCell(0).getStringCellValue(), row.getCell(1));
                key.put(row.getCell(0).getStringCellValue(), row.getCell(0));
            }
            assertEquals("2024-1", field.get("edition").getStringCellValue());
            assertEquals(SURVIVAL + ", " + HIP, field.get("indicators").getStringCellValue());
            assertEquals("nation, rhf", field.get("levels").getStringCellValue());
            assertEquals("all", field.get("units").getStringCellValue());
            assertEquals("2022, 2023-T2", field.get("periods").getStringCellValue());
            assertEquals(expected(SELECTED).size(), (int) field.get("rows").getNumericCellValue());
            assertEquals(canonical, field.get("permanent link").getStringCellValue());
            assertEquals(canonical, field.get("permanent link").getHyperlink().getAddress());
            // the contents: a link to each indicator's sheet, its name and its row count
            assertEquals("'" + HIP + "'!A1", key.get(HIP).getHyperlink().getAddress());
            long hipRows = expected(SELECTED.and(f -> f.get("indicator_id").equals(HIP))).size();
            assertTrue(field.get(HIP).getStringCellValue().startsWith(HIP + ": "));
            assertTrue(field.get(HIP).getStringCellValue().endsWith(" (rows in the sheet: " + hipRows + ")"));
            String published = Files.readString(release.resolve(ReleaseManifest.FILE)).replaceAll("(?s).*\"published\" : \"([^\"]+)\".*", "$1");
            assertEquals(LocalDate.parse(published), field.get("published").getLocalDateTimeCellValue().toLocalDate());
            for (String id : List.of(HIP, SURVIVAL)) {
                XSSFSheet sheet = wb.getSheet(id);
                List<String> want = expected(SELECTED.and(f -> f.get("indicator_id").equals(id)));
                assertEquals(want.size() + 1, sheet.getPhysicalNumberOfRows(), id);
                for (int c = 0; c < COLUMNS.size(); c++) assertEquals(COLUMNS.get(c), sheet.getRow(0).getCell(c).getStringCellValue());
                assertTrue(sheet.getPaneInformation().isFreezePane());
                assertTrue(sheet.getCTWorksheet().isSetAutoFilter());
                for (int i = 0; i < want.size(); i++) {
                    Map<String, String> f = fields(want.get(i));
                    Row row = sheet.getRow(i + 1);
                    for (int c = 0; c < COLUMNS.size(); c++) assertCell(f.get(COLUMNS.get(c)), row.getCell(c), id + " row " + (i + 1));
                    // the same cell values and formats as the subscriber file's row of this period, level and unit
                    Row same = find(subscriber.getSheet(id), f);
                    for (int c = 0; c < COLUMNS.size(); c++) assertSameCell(same.getCell(c), row.getCell(c));
                }
            }
        }
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
        return names;
    }

    /** A cell against the CSV field: text, a date, a boolean, or a number rounded to Excel's 15 digits. */
    private static void assertCell(String csv, Cell cell, String where) {
        if (csv.isEmpty()) {
            assertTrue(cell == null || cell.getCellType() == CellType.BLANK, where);
        } else if (csv.matches("\\d{4}-\\d{2}-\\d{2}")) {
            assertTrue(DateUtil.isCellDateFormatted(cell), where);
            assertEquals(LocalDate.parse(csv), cell.getLocalDateTimeCellValue().toLocalDate(), where);
        } else if (csv.equals("true") || csv.equals("false")) {
            assertEquals(Boolean.parseBoolean(csv), cell.getBooleanCellValue(), where);
        } else if (cell.getCellType() == CellType.NUMERIC) {
            double v = Double.parseDouble(csv);
            assertEquals(v, cell.getNumericCellValue(), Math.abs(v) * 1e-14, where);
        } else {
            assertEquals(csv, cell.getStringCellValue(), where);
        }
    }

    private static Row find(Sheet sheet, Map<String, String> f) {
        int period = COLUMNS.indexOf("period_label");
        int level = COLUMNS.indexOf("level");
        int unit = COLUMNS.indexOf("unit_id");
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && row.getCell(period).getStringCellValue().equals(f.get("period_label"))
                    && row.getCell(level).getStringCellValue().equals(f.get("level"))
                    && row.getCell(unit).getStringCellValue().equals(f.get("unit_id"))) {
                return row;
            }
        }
        throw new AssertionError("not in the subscriber file: " + f);
    }

    private static void assertSameCell(Cell want, Cell got) {
        if (want == null || want.getCellType() == CellType.BLANK) {
            assertTrue(got == null || got.getCellType() == CellType.BLANK);
            return;
        }
        assertEquals(want.getCellType(), got.getCellType());
        switch (want.getCellType()) {
            case NUMERIC -> assertEquals(want.getNumericCellValue(), got.getNumericCellValue(), 0.0);
            case BOOLEAN -> assertEquals(want.getBooleanCellValue(), got.getBooleanCellValue());
            default -> assertEquals(want.getStringCellValue(), got.getStringCellValue());
        }
        assertEquals(want.getCellStyle().getDataFormatString(), got.getCellStyle().getDataFormatString());
    }

    @Test
    void aSelectionWithoutRowsIsTheHeaderOnly() throws Exception {
        // a yearly indicator has no tertial rows: valid values, no row
        HttpResponse<byte[]> r = get("/releases/2024-1/export.csv?indicators=" + SURVIVAL + "&periods=2023-T2");
        assertEquals(200, r.statusCode());
        assertEquals(header + "\n", new String(r.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> x = get("/releases/2024-1/export.xlsx?indicators=" + SURVIVAL + "&periods=2023-T2");
        assertEquals(200, x.statusCode());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
            assertEquals(List.of("utvalg", SURVIVAL), sheetNames(wb));
            assertEquals(1, wb.getSheet(SURVIVAL).getPhysicalNumberOfRows());
        }
    }

    @Test
    void jsonUnderTheApiHasTheSameRows() throws Exception {
        HttpResponse<byte[]> r = get("/api/releases/2024-1/export?" + QUERY);
        assertEquals(200, r.statusCode());
        assertEquals(base() + "/api/releases/2024-1/export?" + CANONICAL, link(r));
        JsonNode body = ReleaseFiles.JSON.readTree(r.body());
        List<String> want = expected(SELECTED);
        assertEquals(want.size(), body.get("rowCount").asInt());
        assertEquals(want.size(), body.get("results").size());
        for (int i = 0; i < want.size(); i++) {
            Map<String, String> f = fields(want.get(i));
            JsonNode row = body.get("results").get(i);
            assertEquals(COLUMNS, iterable(row.fieldNames()));
            for (String c : COLUMNS) {
                JsonNode v = row.get(c);
                if (f.get(c).isEmpty()) assertTrue(v.isNull(), c);
                else if (v.isNumber()) assertEquals(Double.parseDouble(f.get(c)), v.asDouble(), 0.0, c);
                else assertEquals(f.get(c), v.asText(), c);
            }
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aBadSelectionIsA400NamingTheParameterAndTheValue() throws Exception {
        assertError(400, "indicators: unknown indicator 'nope' (not in this release)", "/releases/2024-1/export.csv?indicators=nope");
        assertError(400, "periods: unknown period '2031' (not in this release)", "/releases/2024-1/export.xlsx?periods=2022,2031");
        assertError(400, "units: unknown unit code 'x9' (not in this release)", "/api/releases/2024-1/export?units=x9");
        HttpResponse<byte[]> level = get("/releases/2024-1/export.csv?levels=galaxy");
        assertEquals(400, level.statusCode());
        assertTrue(ReleaseFiles.JSON.readTree(level.body()).get("error").asText().startsWith("levels: unknown level 'galaxy'"));
        assertError(400, "unknown query parameter 'indicator' (expected indicators, levels, units, periods, lang)",
                "/releases/2024-1/export.csv?indicator=" + HIP);
        assertError(400, "unknown language 'de' (expected no or en)", "/releases/2024-1/export.xlsx?lang=de");
        assertError(404, "no release 2099-1", "/releases/2099-1/export.csv");
        assertError(400, "edition must look like 2024-2, got '..'", "/releases/../export.csv");
    }

    private static void assertError(int status, String message, String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(status, r.statusCode(), path);
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(message, ReleaseFiles.JSON.readTree(r.body()).get("error").asText());
    }

    @Test
    void whenEveryBuildSlotIsTakenTheAnswerIsA503AtOnce() {
        ExportResponses none = new ExportResponses(release.getParent(), () -> "http://example.org", 100, 0);
        ApiServer.ApiError e = assertThrows(ApiServer.ApiError.class,
                () -> none.respond("/releases/2024-1/export.csv", "levels=nation"));
        assertEquals(503, e.status);
        assertEquals("the server is building 0 downloads already; try again", e.getMessage());
    }

    @Test
    void aBrokenReleasedFileIsAnErrorNamingFileRowAndField(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("2024-1");
        Files.createDirectories(copy);
        for (String f : List.of(ReleaseManifest.FILE, Release.DEFINITIONS)) Files.copy(release.resolve(f), copy.resolve(f));
        List<String> broken = new ArrayList<>(Files.readAllLines(release.resolve("results.csv"), StandardCharsets.UTF_8));
        int row = 3;
        String[] f = broken.get(row).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        f[COLUMNS.indexOf("denominator")] = "many";
        broken.set(row, String.join(",", f));
        Files.write(copy.resolve("results.csv"), broken, StandardCharsets.UTF_8);
        ExportResponses exports = new ExportResponses(tmp, () -> "http://example.org", 100_000, 1);
        // the CSV passes lines through; the xlsx and JSON read the numbers and name the bad one
        assertEquals(200, exports.respond("/releases/2024-1/export.csv", "").status());
        ApiServer.ApiError e = assertThrows(ApiServer.ApiError.class, () -> exports.respond("/api/releases/2024-1/export", ""));
        assertEquals(500, e.status);
        // the list's index 3 is data row 3, line 4 of the file
        assertEquals("2024-1/results.csv data row 3 (line 4), field denominator: not a number", e.getMessage());
        Files.writeString(copy.resolve("results.csv"), "indicator_id,value\n", StandardCharsets.UTF_8);
        ExportResponses fresh = new ExportResponses(tmp, () -> "http://example.org", 100_000, 1);
        e = assertThrows(ApiServer.ApiError.class, () -> fresh.respond("/releases/2024-1/export.csv", ""));
        assertEquals(500, e.status);
        assertTrue(e.getMessage().endsWith("results.csv: the header is [indicator_id, value], expected the result schema "
                + COLUMNS), e.getMessage());
    }

    @Test
    void thePublicUrlIsThePermanentLinksBase() throws Exception {
        try (ApiServer published = ApiServer.start(release.getParent(), 0, "https://statistikk.example.no/kvik/")) {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + published.port()
                    + "/releases/2024-1/export.csv?levels=nation")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("https://statistikk.example.no/kvik/releases/2024-1/export.csv?levels=nation", link(r));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiServer.start(release.getParent(), 0, "ftp://example.no"));
        assertEquals("public URL 'ftp://example.no' must be http(s)://host[:port][/path], without query or fragment",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiServer.publicUrl("https://example.no/?a=1"));
    }

    @Test
    void aSelectionOverTheRowLimitIsRefusedWithItsCount() {
        ExportResponses exports = new ExportResponses(release.getParent(), () -> "http://example.org", 5, 1);
        ApiServer.ApiError e = assertThrows(ApiServer.ApiError.class,
                () -> exports.respond("/releases/2024-1/export.csv", "indicators=" + HIP));
        assertEquals(400, e.status);
        long rows = expected(f -> f.get("indicator_id").equals(HIP)).size();
        assertEquals("the selection has " + rows + " rows; at most 5 are served per download: narrow it by indicators, "
                + "levels, units or periods", e.getMessage());
        // the base given for permanent links is used as it is
        assertEquals("<http://example.org/releases/2024-1/export.csv?indicators=" + HIP + "&levels=nation&periods=2022>; "
                + "rel=\"canonical\"", exports.respond("/releases/2024-1/export.csv", "periods=2022&indicators=" + HIP
                + "&levels=nation").headers().get("Link"));
    }
}
