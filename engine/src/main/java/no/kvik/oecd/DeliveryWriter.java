package no.kvik.oecd;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.report.SheetWriter;
import no.kvik.report.StableWorkbook;
import org.dhatim.fastexcel.HyperLink;
import org.dhatim.fastexcel.Worksheet;

/**
 * Exports a checked delivery in the template of engine/docs/oecd-delivery.md: {@code oecd_hcqo_acute_<year>.csv}
 * (the data sheet) and {@code .xlsx} (sheets data, standard, definitions, checks, metadata). Files are written
 * to a temporary folder beside the output folder and moved in only when both are complete.
 */
public final class DeliveryWriter {
    public static final String COUNTRY = "NOR";
    public static final List<String> COLUMNS = List.of("indicator_id", "indicator_name", "condition", "data_type",
            "country", "year", "sex", "age_group", "cases", "deaths", "crude_rate", "std_rate", "std_low95",
            "std_high95", "standard", "note");

    private DeliveryWriter() {
    }

    /** The base name of the files of a year. */
    public static String baseName(int year) {
        return "oecd_hcqo_acute_" + year;
    }

    /**
     * Writes the delivery; refuses one whose checks failed.
     *
     * @param runInfo extra metadata lines (e.g. store, kvik version), in order
     */
    public static List<Path> write(OecdDelivery d, Catalogue catalogue, Map<String, String> runInfo, Path outDir)
            throws IOException {
        if (!d.passed()) throw new IllegalStateException("the delivery failed its checks; nothing is written");
        Path parent = outDir.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".oecd-");
        try {
            Path csv = tmp.resolve(baseName(d.year()) + ".csv");
            Path xlsx = tmp.resolve(baseName(d.year()) + ".xlsx");
            writeCsv(d.rows(), csv);
            writeXlsx(d, catalogue, runInfo, xlsx);
            Files.createDirectories(outDir);
            List<Path> written = new ArrayList<>();
            for (Path f : List.of(csv, xlsx)) {
                Path target = outDir.resolve(f.getFileName());
                try {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
                written.add(target);
            }
            return written;
        } finally {
            try (Stream<Path> left = Files.walk(tmp)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The values of a row in {@link #COLUMNS} order (counts as whole numbers). */
    static List<Object> values(DeliveryRow r) {
        List<Object> v = new ArrayList<>();
        v.add(r.indicatorId());
        v.add(r.indicatorName());
        v.add(r.condition());
        v.add(r.dataType());
        v.add(COUNTRY);
        v.add(r.year());
        v.add(r.sex());
        v.add(r.ageGroup());
        v.add(r.cases() == null ? null : (long) Math.rint(r.cases()));
        v.add(r.deaths() == null ? null : (long) Math.rint(r.deaths()));
        v.add(r.crudeRate());
        v.add(r.stdRate());
        v.add(r.stdLow());
        v.add(r.stdHigh());
        v.add(r.standard());
        v.add(r.note());
        return v;
    }

    static void writeCsv(List<DeliveryRow> rows, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS) + "\n");
            for (DeliveryRow r : rows) {
                List<String> fields = new ArrayList<>();
                for (Object v : values(r)) fields.add(csvField(v));
                w.write(String.join(",", fields) + "\n");
            }
        }
    }

    /** RFC 4180 field; null as empty; numbers at full precision. */
    static String csvField(Object v) {
        if (v == null) return "";
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** The sheets after the contents sheet, with what each holds. */
    static final List<List<String>> SHEETS = List.of(
            List.of("data", "one row per indicator, year, sex and age group: cases, deaths, crude and standardised rates"),
            List.of("standard", "the standard population's weights by sex and age group"),
            List.of("definitions", "what each indicator counts (diagnosis codes, admissions or patients)"),
            List.of("checks", "the validation checks and whether each passed"),
            List.of("metadata", "what the numbers are, the standard used and what is not shipped"));

    static void writeXlsx(OecdDelivery d, Catalogue catalogue, Map<String, String> runInfo, Path file)
            throws IOException {
        // no creation time: the same delivery gives the same bytes
        StableWorkbook.write(file, null, wb -> {
            Worksheet contents = wb.newWorksheet("contents");
            SheetWriter toc = new SheetWriter(contents, List.of("sheet", "contents"));
            for (int r = 0; r < SHEETS.size(); r++) {
                toc.cell(r + 1, 0, SHEETS.get(r).get(0), null);
                toc.cell(r + 1, 1, SHEETS.get(r).get(1), null);
                contents.hyperlink(r + 1, 0, HyperLink.internal(SHEETS.get(r).get(0) + "!A1", SHEETS.get(r).get(0)));
            }
            toc.finish();

            SheetWriter data = new SheetWriter(wb.newWorksheet("data"), COLUMNS);
            for (int r = 0; r < d.rows().size(); r++) cells(data, r + 1, COLUMNS, values(d.rows().get(r)));
            data.finish();

            List<String> stdColumns = List.of("standard", "sex", "age_group", "weight", "share");
            SheetWriter std = new SheetWriter(wb.newWorksheet("standard"), stdColumns);
            StandardWeights s = d.standard();
            double total = 0;
            for (String sex : Strata.SEXES) for (String age : Strata.AGE_GROUPS) total += s.weight(sex, age);
            int row = 1;
            for (String sex : Strata.SEXES) {
                for (String age : Strata.AGE_GROUPS) {
                    cells(std, row++, stdColumns, List.of(s.id(), sex, age, s.weight(sex, age), s.weight(sex, age) / total));
                }
            }
            std.finish();

            List<String> defColumns = List.of("indicator_id", "version", "name", "condition", "data_type",
                    "icd10_principal_diagnosis", "ages", "cases_are", "deaths_column_counts", "description", "notes");
            SheetWriter defs = new SheetWriter(wb.newWorksheet("definitions"), defColumns);
            row = 1;
            for (AcuteIndicator a : d.counts().stream().map(IndicatorCounts::indicator).toList()) {
                IndicatorMeta m = catalogue.get(a.id()).meta();
                cells(defs, row++, defColumns, List.of(a.id(), m.version(), m.name().en(), a.condition(), a.dataType(), a.codes(),
                        a.minAge() + "+", a.dataType().equals(AcuteIndicator.ADMISSION_BASED) ? "admissions (every stay counts)"
                                : "patients (first admission per patient and year)",
                        a.numeratorIs(), m.description().en(), m.notes() == null ? "" : m.notes()));
            }
            defs.finish();

            List<String> checkColumns = List.of("check", "result", "asserts");
            SheetWriter checks = new SheetWriter(wb.newWorksheet("checks"), checkColumns);
            row = 1;
            for (CheckResult c : d.checks()) {
                cells(checks, row++, checkColumns, List.of(c.name(), c.passed() ? "passed" : "FAILED", c.description()));
            }
            checks.finish();

            List<String> metaColumns = List.of("key", "value");
            SheetWriter meta = new SheetWriter(wb.newWorksheet("metadata"), metaColumns);
            row = 1;
            for (Map.Entry<String, String> e : metadata(d, runInfo).entrySet()) {
                cells(meta, row++, metaColumns, List.of(e.getKey(), e.getValue()));
            }
            meta.finish();
        });
    }

    /** The number format of an OECD column: counts, rates in percent (the cell keeps the rate per 1), weights. */
    static String format(String column) {
        return switch (column) {
            case "cases", "deaths" -> SheetWriter.COUNT;
            case "crude_rate", "std_rate", "std_low95", "std_high95", "share" -> SheetWriter.PERCENT_PRECISE;
            case "weight" -> SheetWriter.PRECISE;
            default -> null;
        };
    }

    /** The metadata sheet: what the numbers are, the standard used, and what is not shipped. */
    static Map<String, String> metadata(OecdDelivery d, Map<String, String> runInfo) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("delivery", "OECD Health Care Quality and Outcomes (HCQO), acute care: 30-day mortality after AMI, "
                + "haemorrhagic stroke and ischaemic stroke (ages 45+) and after hip fracture (ages 65+), admission-based "
                + "and patient-based, and hip-fracture surgery within 2 calendar days (admissions, ages 65+)");
        if (d.counts().stream().anyMatch(c -> c.indicator().isIntegratedCare())) {
            m.put("integrated_care_pilot", "included (--integrated-care): patients 45+ discharged alive after a chronic "
                    + "heart failure stay (first per patient and year), followed up for 1-year mortality, 30-day and "
                    + "1-year acute readmission, GP contact within 7 and 30 days and ACE inhibitor/ARB and beta blocker "
                    + "dispensing within 1 year; the same for patients discharged after a heart attack (AMI, I21-I22), "
                    + "with statin, antiplatelet, beta blocker and ACE inhibitor/ARB dispensing within 1 year each; the "
                    + "deaths column holds each indicator's numerator (sheet definitions)");
        }
        m.put("country", COUNTRY);
        m.put("year", Integer.toString(d.year()));
        m.put("template", "engine/docs/oecd-delivery.md: one row per indicator × year × sex (M, F, T) × age group "
                + "(45-49 … 85+, total)");
        m.put("standard", d.standard().id());
        m.put("standard_description", d.standard().description());
        m.put("oecd_2010_standard_population", "NOT shipped: the OECD 2010 standard population weights were not "
                + "found in public reach. The standardised rates here use " + d.standard().id() + " and are not "
                + "comparable with OECD-published rates. Load the OECD table with --standard FILE.csv (columns "
                + "age_group, sex, weight) once obtained.");
        m.put("rate_unit", "proportion of cases who died (per 1); multiply by 100 for per 100 cases");
        m.put("standardisation", "direct: M and F total rows are age-standardised over the 9 age groups, T total "
                + "rows age-sex standardised over the 18 sex × age strata; weights normalised to 1. Not computed "
                + "(note column) when a stratum with weight has no cases.");
        m.put("interval", "95 % Fay-Feuer (gamma) interval of a directly standardised rate (Fay & Feuer 1997); with "
                + "few deaths the upper limit can exceed 1");
        m.put("cases_and_deaths", "cases = the indicator's denominator (admissions for admission-based, patients for "
                + "patient-based); deaths = its numerator: death within 30 days of admission, except for "
                + "oecd_hip_fracture_surgery_2d, where it counts admissions operated within 2 calendar days (sheet "
                + "definitions, column deaths_column_counts)");
        m.put("age_groups", "every indicator has the rows 45-49 … 85+; the hip-fracture indicators (65+) have 0 cases "
                + "in 45-49 … 60-64 and are standardised over 65-69 … 85+ only (the standard's weights of those groups)");
        m.put("small_cells", "counts are NOT suppressed: this is a data delivery, not a publication; apply the "
                + "small-cell rules before publishing any cell");
        long passed = d.checks().stream().filter(CheckResult::passed).count();
        m.put("checks", passed + " of " + d.checks().size() + " checks passed (sheet checks)");
        m.putAll(runInfo);
        return m;
    }

    private static void cells(SheetWriter ws, int row, List<String> columns, List<?> values) {
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            ws.cell(row, c, v == null || v instanceof Number ? v : v.toString(), format(columns.get(c)));
        }
    }
}
