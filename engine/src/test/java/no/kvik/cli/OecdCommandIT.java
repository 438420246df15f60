package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.cli.OecdTestStore.Run;
import no.kvik.config.KvikHome;
import no.kvik.oecd.DeliveryWriter;
import no.kvik.store.Store;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvik oecd end to end: a tiny synthetic store ({@link OecdTestStore}: scale 0.006 ≈ 33,000 inhabitants, 2020-2021;
 * npr_somatic and death ingested) → delivery for 2020 (2021 holds the follow-up), read back from the workbook and the CSV and
 * recounted independently in DuckDB.
 */
class OecdCommandIT {
    @TempDir
    static Path tmp;
    static Path store;
    static final KvikHome HOME = OecdTestStore.HOME;

    @BeforeAll
    static void buildStore() throws Exception {
        store = OecdTestStore.ingest(tmp.resolve("store"), "npr_somatic|death");
    }

    private static List<List<String>> sheet(Path xlsx, String name) throws Exception {
        try (InputStream in = Files.newInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            Sheet sheet = wb.findSheet(name).orElseThrow(() -> new AssertionError("no sheet " + name));
            List<List<String>> rows = new ArrayList<>();
            try (Stream<Row> rs = sheet.openStream()) {
                rs.forEach(r -> {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < r.getCellCount(); c++) cells.add(r.getCellText(c));
                    rows.add(cells);
                });
            }
            return rows;
        }
    }

    /** A CSV read by DuckDB (quoted fields), all values as text, empty fields as "". */
    private static List<Map<String, String>> readCsv(Path csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT * FROM read_csv(?, all_varchar = true, header = true)")) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getString(i) == null ? "" : rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Admission-based AMI recounted straight from the store (not through the indicator SQL): care level 1/2,
     * principal diagnosis in OECD_AMI (compared upper-case: the list has codes like I214a), age 45+, admitted in 2020; death = discharged dead within 30 days.
     */
    private static Map<String, long[]> recountAmiInHospital() throws Exception {
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = Store.open(store, HOME); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CASE sex WHEN '1' THEN 'M' ELSE 'F' END, "
                     + "CASE WHEN age >= 85 THEN '85+' ELSE (age // 5 * 5) || '-' || (age // 5 * 5 + 4) END, count(*), "
                     + "count(*) FILTER (WHERE discharge_status = '9' AND CAST(discharge_time AS DATE) "
                     + "<= CAST(admission_time AS DATE) + 30) FROM npr_somatic WHERE care_level IN ('1', '2') AND age >= 45 "
                     + "AND year(admission_time) = 2020 AND upper(replace(trim(main_diagnosis), '.', '')) IN (SELECT upper(icd10_code) FROM "
                     + "ref_icd10_subsets_for_indicators WHERE code_set = 'OECD_AMI') GROUP BY ALL")) {
            while (rs.next()) out.put(rs.getString(1) + " " + rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)});
        }
        return out;
    }

    @Test
    void writesTheCheckedDeliveryAsWorkbookAndCsv() throws Exception {
        Path out = tmp.resolve("out-esp");
        Run r = OecdTestStore.run("oecd", "--year", "2020", "--store", store.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("standardised to ESP2013 (not the OECD 2010 population)"), r.out());
        Path xlsx = out.resolve("oecd_hcqo_acute_2020.xlsx");
        Path csv = out.resolve("oecd_hcqo_acute_2020.csv");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".oecd-")).toList());
        }

        List<List<String>> data = sheet(xlsx, "data");
        assertEquals(DeliveryWriter.COLUMNS, data.get(0));
        assertEquals(1 + 9 * 3 * 10, data.size());
        // read again with POI: a contents sheet first, a frozen filterable header, rates in percent, counts grouped
        try (InputStream in = Files.newInputStream(xlsx);
             org.apache.poi.xssf.usermodel.XSSFWorkbook x = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            assertEquals("contents", x.getSheetName(0));
            assertEquals("data!A1", x.getSheet("contents").getRow(1).getCell(0).getHyperlink().getAddress());
            org.apache.poi.xssf.usermodel.XSSFSheet d = x.getSheet("data");
            assertEquals(1, d.getPaneInformation().getHorizontalSplitPosition());
            assertEquals("A1:P271", d.getCTWorksheet().getAutoFilter().getRef());
            // the first written rate cell (a small synthetic store leaves many rates empty)
            org.apache.poi.ss.usermodel.Cell rate = null;
            for (String column : List.of("crude_rate", "std_rate")) {
                int k = DeliveryWriter.COLUMNS.indexOf(column);
                for (int i = 1; i <= d.getLastRowNum() && rate == null; i++) rate = d.getRow(i).getCell(k);
            }
            assertTrue(rate != null, "no rate written");
            assertEquals("0.00%", rate.getCellStyle().getDataFormatString());
            assertEquals("#,##0", d.getRow(1).getCell(DeliveryWriter.COLUMNS.indexOf("cases")).getCellStyle().getDataFormatString());
        }
        List<Map<String, String>> csvRows = readCsv(csv);
        assertEquals(9 * 3 * 10, csvRows.size());

        Map<String, long[]> recount = recountAmiInHospital();
        long cases = 0;
        long deaths = 0;
        for (Map<String, String> row : csvRows) {
            if (!row.get("indicator_id").equals("oecd_ami_30d_mortality_in_hospital")) continue;
            String key = row.get("sex") + " " + row.get("age_group");
            if (row.get("sex").equals("T") || row.get("age_group").equals("total")) continue;
            long[] expected = recount.getOrDefault(key, new long[2]);
            assertEquals(expected[0], Long.parseLong(row.get("cases")), key + " cases");
            assertEquals(expected[1], Long.parseLong(row.get("deaths")), key + " deaths");
            cases += expected[0];
            deaths += expected[1];
        }
        assertTrue(cases > 50 && deaths > 0, cases + " cases, " + deaths + " deaths");
        // the workbook holds the same numbers as the CSV (T total of the same indicator)
        int t = 1 + 9; // the M total row of the first indicator is row 10 (header is row 0)
        assertEquals("M", data.get(t).get(6));
        assertEquals("total", data.get(t).get(7));
        assertEquals(csvRows.get(t - 1).get("cases"), data.get(t).get(8));
        assertEquals("ESP2013", data.get(t).get(14));

        List<List<String>> checks = sheet(xlsx, "checks");
        assertEquals(List.of("year_coverage", "counts_valid", "sex_totals", "age_totals", "rates_in_range",
                "engine_counts", "ages_in_range", "std_within_strata", "same_cohort", "linked_at_least_in_hospital",
                "nested_windows", "medication_linked"),
                checks.subList(1, checks.size()).stream().map(c -> c.get(0)).toList());
        assertTrue(checks.subList(1, checks.size()).stream().allMatch(c -> c.get(1).equals("passed")));

        Map<String, String> meta = new LinkedHashMap<>();
        sheet(xlsx, "metadata").forEach(m -> meta.put(m.get(0), m.size() > 1 ? m.get(1) : ""));
        assertTrue(meta.get("oecd_2010_standard_population").startsWith("NOT shipped"), meta.toString());
        assertEquals("ESP2013", meta.get("standard"));
        assertEquals("2020", meta.get("year"));
        assertEquals(1 + 9, sheet(xlsx, "definitions").size());
        assertEquals(1 + 18, sheet(xlsx, "standard").size());
    }

    @Test
    void theNorwayStandardIsTheShippedPopulationOf2024() throws Exception {
        Path out = tmp.resolve("out-nor");
        Run r = OecdTestStore.run("oecd", "--year", "2020", "--store", store.toString(), "--out", out.toString(), "--standard", "norway");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("standardised to NOR2024 (not the OECD 2010 population)"), r.out());
        // data/reference/norway_population_2024_age_sex.csv (SSB, 1 January 2024); 85+ = 85-89 + 90-94 + 95+
        Map<String, Double> expected = new HashMap<>();
        String[] ages = {"45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+"};
        double[] men = {181909, 194059, 185737, 162454, 145410, 126146, 110094, 61176, 30322 + 11657 + 2751};
        double[] women = {175099, 186706, 178402, 158623, 147683, 130857, 119493, 74316, 44937 + 23298 + 8028};
        for (int i = 0; i < ages.length; i++) {
            expected.put("M " + ages[i], men[i]);
            expected.put("F " + ages[i], women[i]);
        }
        List<List<String>> std = sheet(out.resolve("oecd_hcqo_acute_2020.xlsx"), "standard");
        // (the standardised rates themselves: DeliveryTableTest, by hand; this tiny store leaves strata empty)
        assertEquals(1 + 18, std.size());
        for (List<String> row : std.subList(1, std.size())) {
            assertEquals("NOR2024", row.get(0));
            assertEquals(expected.get(row.get(1) + " " + row.get(2)), Double.parseDouble(row.get(3)), 0, row.toString());
        }
    }

    @Test
    void aYearWithoutItsFollowUpStopsTheExportAndWritesNothing() {
        Path out = tmp.resolve("out-2021");
        Run r = OecdTestStore.run("oecd", "--year", "2021", "--store", store.toString(), "--out", out.toString());
        assertEquals(ExitCodes.DATA_ERRORS, r.code(), r.out());
        assertTrue(r.err().contains("kvik oecd: export stopped, nothing written"), r.err());
        assertTrue(r.err().contains("year_coverage: npr_somatic has no admissions in 2022-01"), r.err());
        assertTrue(r.err().contains("year_coverage: death has no deaths in 2022-01"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadStandardFileIsAUsageErrorNamingLineAndField() throws Exception {
        Path f = tmp.resolve("weights.csv");
        Files.writeString(f, "age_group,weight\n45-49,one\n");
        CliRun r = CliRun.run("oecd", "--year", "2020", "--store", store.toString(), "--out", tmp.resolve("x").toString(),
                "--standard", f.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("file " + f + ", line 2, field weight: 'one' is not a number"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
