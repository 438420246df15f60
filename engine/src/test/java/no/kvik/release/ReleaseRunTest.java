package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** kvik release on a small synthetic store: contents, the manifest, and byte-identical re-runs. */
class ReleaseRunTest {

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) out.put(f.getFileName().toString(), ReleaseFiles.sha256(f));
        }
        return out;
    }

    @Test
    void rerunOnTheSameInputsGivesByteIdenticalFiles() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path again = fx.run(fx.root.resolve("again"), "2024-1", ReleaseFixture.INDICATORS);
        Map<String, String> first = hashes(fx.release);
        Map<String, String> second = hashes(again);
        assertEquals(List.of("definitions.json", "financing.json", "findings.json", "findings.md", "funnels.json",
                "manifest.json", "report.html", "results.csv", "results.json", "results.parquet", "subscriber.xlsx"), List.copyOf(first.keySet()));
        assertEquals(first, second);
        // and re-running into the same folder replaces it with the same bytes
        fx.run(fx.root.resolve("again"), "2024-1", ReleaseFixture.INDICATORS);
        assertEquals(first, hashes(again));
    }

    /**
     * Indicators computed on one thread and on three (more workers than the two cores, so they interleave) give the
     * same files, byte for byte, as each other and as the fixture's release (default threads).
     */
    @Test
    void aReleaseOnOneThreadAndOnThreeIsByteIdentical() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path one = Release.run(ReleaseFixture.HOME, ReleaseFixture.calendar(), fx.store, fx.root.resolve("threads-1"),
                new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS, 1), line -> { });
        Path three = Release.run(ReleaseFixture.HOME, ReleaseFixture.calendar(), fx.store, fx.root.resolve("threads-3"),
                new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS, 3), line -> { });
        assertEquals(11, hashes(one).size());
        assertEquals(hashes(one), hashes(three));
        assertEquals(hashes(fx.release), hashes(one));
    }

    /** A re-run that fails half-way (a store file went missing) leaves the earlier release as it was. */
    @Test
    void failedRerunLeavesThePreviousReleaseIntact() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path store = fx.root.resolve("store-copy");
        try (Stream<Path> s = Files.walk(fx.store)) {
            for (Path p : s.toList()) {
                Path to = store.resolve(fx.store.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
            }
        }
        Path out = fx.root.resolve("failing");
        Path release = Release.run(ReleaseFixture.HOME, ReleaseFixture.calendar(), store, out,
                new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS), line -> { });
        Map<String, String> before = hashes(release);
        try (Stream<Path> s = Files.walk(store.resolve("data"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".parquet")).toList()) Files.delete(p);
        }
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Release.run(ReleaseFixture.HOME,
                ReleaseFixture.calendar(), store, out, new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS), line -> { }));
        assertEquals(before, hashes(release));
    }

    /** One indicator failing does not stop the others: it is listed, with its reason, in the log and the manifest. */
    @Test
    void oneFailingIndicatorIsListedAndTheOthersAreReleased() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        List<String> log = new java.util.ArrayList<>();
        Release.Outcome outcome = Release.release(ReleaseFixture.HOME, ReleaseFixture.calendar(), fx.store,
                fx.root.resolve("partial"), new Release.Options("2024-1", 3, ReleaseFixture.INDICATORS), log::add,
                run -> {
                    if (run.indicator().id().equals("hip_fracture_surgery_48h")) throw new IllegalStateException("planted failure");
                    return Release.compute(run);
                });
        assertEquals(Map.of("hip_fracture_surgery_48h", "planted failure"), outcome.failed());
        assertTrue(log.stream().anyMatch(l -> l.matches("hip_fracture_surgery_48h\\s+FAILED: planted failure")), log.toString());
        assertTrue(log.contains("1 of 3 indicators failed (their rows are missing from the release):"), log.toString());
        // each released indicator's line says how far the release has got (a long release is not silent)
        assertTrue(log.stream().anyMatch(l -> l.matches("all_cause_30d_survival\\s+\\d+ rows  [13]/3 indicators")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.matches("waiting_time_phv_children\\s+\\d+ rows  [13]/3 indicators")), log.toString());
        JsonNode m = ReleaseFiles.JSON.readTree(outcome.dir().resolve(ReleaseManifest.FILE).toFile());
        assertEquals("planted failure", m.get("parameters").get("failed_indicators").get("hip_fracture_surgery_48h").asText());
        List<String> released = new java.util.ArrayList<>();
        m.get("indicators").forEach(i -> released.add(i.get("id").asText()));
        assertEquals(List.of("all_cause_30d_survival", "waiting_time_phv_children"), released);
        // a complete release has no such entry (its manifest is as before)
        JsonNode complete = ReleaseFiles.JSON.readTree(fx.release.resolve(ReleaseManifest.FILE).toFile());
        assertFalse(complete.get("parameters").has("failed_indicators"));
    }

    /**
     * kvik run end to end: one year's death extract in a copy of the store is corrupted inside its Parquet pages
     * (the footer stays readable, so the store opens and only the indicator reading deaths fails when it reads
     * them). The others are written; exit code 1 with the failed one listed.
     */
    @Test
    void runCarriesOnPastAnIndicatorThatFails() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Path store = fx.root.resolve("store-corrupt");
        try (Stream<Path> s = Files.walk(fx.store)) {
            for (Path p : s.toList()) {
                Path to = store.resolve(fx.store.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
            }
        }
        Path death;
        try (Stream<Path> s = Files.walk(store.resolve("data").resolve("death"))) {
            death = s.filter(f -> f.toString().endsWith(".parquet") && f.toString().contains("2023")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(death);
        for (int i = 8; i < bytes.length / 2; i++) bytes[i] = (byte) 0xAB;
        Files.write(death, bytes);

        Path out = fx.root.resolve("run-partial");
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true));
        int code;
        try {
            code = no.kvik.cli.Kvik.commandLine().execute("run", "--store", store.toString(), "--indicator",
                    String.join(",", ReleaseFixture.INDICATORS), "--format", "CSV", "--no-charts", "--out", out.toString());
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString();
        assertEquals(1, code, printed);
        assertTrue(printed.matches("(?s).*all_cause_30d_survival\\s+FAILED: .*"), printed);
        assertTrue(printed.contains("1 of 3 indicators failed (their rows are missing from the results):"
                + System.lineSeparator() + "  all_cause_30d_survival: "), printed);
        try (Stream<String> lines = Files.lines(out.resolve("results.csv"))) {
            List<String> ids = lines.skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().sorted().toList();
            assertEquals(List.of("hip_fracture_surgery_48h", "waiting_time_phv_children"), ids);
        }
    }

    @Test
    void manifestRecordsInputsAndEveryFilesChecksum() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        JsonNode m = ReleaseFiles.JSON.readTree(fx.release.resolve(ReleaseManifest.FILE).toFile());
        assertEquals("2024-1", m.get("edition").asText());
        assertEquals("2024-03-20", m.get("published").asText());
        assertEquals("0.1.0", m.get("engineVersion").asText());
        assertEquals(64, m.get("catalogueVersion").asText().length());
        assertEquals("2021-01-01", m.get("parameters").get("period_from").asText());
        assertEquals("2024-01-01", m.get("parameters").get("period_to").asText());
        assertEquals(3, m.get("indicators").size());
        no.kvik.catalog.Catalogue catalogue = no.kvik.catalog.Catalogue.load(ReleaseFixture.HOME.indicators(),
                no.kvik.contract.Contracts.load(ReleaseFixture.HOME.contracts()));
        DefinitionHash definitionHash = DefinitionHash.of(ReleaseFixture.HOME);
        for (JsonNode i : m.get("indicators")) {
            String id = i.get("id").asText();
            // the indicator's own <id>.sql or the shared file its metadata names, with the reference SQL it reads
            // (DefinitionHashTest checks that hash against one computed by hand)
            assertEquals(definitionHash.sqlSha256(catalogue.get(id)), i.get("sqlSha256").asText(), id);
            assertTrue(i.get("rows").asLong() > 0, id);
        }
        // store inputs: one accepted delivery per ingested extract file, with the source checksum
        assertEquals(9, m.get("storeInputs").size());
        Path extract = fx.extracts.resolve("npr_somatic_2023.csv");
        boolean found = false;
        for (JsonNode s : m.get("storeInputs")) {
            if (s.get("sourceFile").asText().equals("npr_somatic_2023.csv")) {
                assertEquals(ReleaseFiles.sha256(extract), s.get("sha256").asText());
                found = true;
            }
        }
        assertTrue(found);
        for (JsonNode f : m.get("files")) {
            assertEquals(ReleaseFiles.sha256(fx.release.resolve(f.get("name").asText())), f.get("sha256").asText());
        }
        assertFalse(Files.readString(fx.release.resolve(ReleaseManifest.FILE)).contains(fx.root.toString()), "no absolute paths");
        assertFalse(Files.readString(fx.release.resolve(ReleaseManifest.FILE)).contains(fx.extracts.toString()), "no absolute paths");
    }

    @Test
    void resultsCoverTheReleasedPeriodsOnly() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT indicator_id, min(period_start), max(period_end), "
                     + "count(DISTINCT period_label) FROM read_parquet(?) GROUP BY ALL ORDER BY 1")) {
            ps.setString(1, fx.release.resolve("results.parquet").toString());
            Map<String, String> got = new TreeMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) got.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4));
            }
            // range 2021-01-01 to the data end 2024-01-01 (3 history years); the synthetic extracts start in 2022, so
            // the survival indicator (poolYears 3) has the years 2022 and 2023 and no 2021-2023 window (it would hold
            // two years of data under a three-year label); tertials 2022-T1 … 2023-T3
            assertEquals(Map.of("all_cause_30d_survival", "2022-01-01 2024-01-01 2",
                    "hip_fracture_surgery_48h", "2022-01-01 2024-01-01 6",
                    "waiting_time_phv_children", "2022-01-01 2024-01-01 6"), got);
        }
    }

    @Test
    void subscriberWorkbookHasDefinitionsAndOneSheetPerIndicator() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        long csvRows;
        try (Stream<String> lines = Files.lines(fx.release.resolve("results.csv"))) {
            csvRows = lines.count() - 1;
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(fx.release.resolve("subscriber.xlsx").toFile())) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertEquals(List.of("definitions", "all_cause_30d_survival", "hip_fracture_surgery_48h", "waiting_time_phv_children"),
                    sheets.stream().map(Sheet::getName).toList());
            assertEquals(4, sheets.get(0).read().size());
            assertEquals("all_cause_30d_survival", sheets.get(0).read().get(1).getCellText(1));
            long rows = 0;
            for (Sheet s : sheets.subList(1, 4)) rows += s.read().size() - 1;
            assertEquals(csvRows, rows);
        }
        // read again with POI: the definitions sheet is the contents (links to each sheet), headers stay in view
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook x = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                Files.newInputStream(fx.release.resolve("subscriber.xlsx")))) {
            org.apache.poi.xssf.usermodel.XSSFSheet defs = x.getSheet("definitions");
            assertEquals(true, defs.getPaneInformation().isFreezePane());
            assertEquals("'all_cause_30d_survival'!A1", defs.getRow(1).getCell(0).getHyperlink().getAddress());
            org.apache.poi.xssf.usermodel.XSSFSheet survival = x.getSheet("all_cause_30d_survival");
            assertEquals(1, survival.getPaneInformation().getHorizontalSplitPosition());
            assertEquals(true, survival.getCTWorksheet().isSetAutoFilter());
        }
    }

    @Test
    void editionsOnlyReleaseDueIndicators() {
        ReleaseFixture fx = assertDoesNotThrowFixture();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fx.run(fx.root.resolve("bad"), "2024-3", List.of("hip_fracture_surgery_48h")));
        assertEquals("not due in edition 2024-3: [hip_fracture_surgery_48h]", e.getMessage());
    }

    private static ReleaseFixture assertDoesNotThrowFixture() {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(ReleaseFixture::get);
    }

    /**
     * Edition 2025-1 (data end 2025-01-01) on the 2022-2024 store: 2024's 30-day survival cases are followed up
     * to 2025-01-30, which the store does not cover, so 2024 (and the 2022-2024 window) is not released, and the
     * run says why; 2023 is released with event and observed counting deaths.
     */
    @Test
    void aYearWithoutItsFollowUpIsNotReleasedAndTheRunSaysWhy() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        List<String> lines = new java.util.ArrayList<>();
        Path release = Release.run(ReleaseFixture.HOME, ReleaseFixture.calendar(), fx.store, fx.root.resolve("follow-up"),
                new Release.Options("2025-1", 3, List.of("all_cause_30d_survival")), lines::add);
        assertTrue(lines.contains(String.format("%-45s not released: %s, %s", "all_cause_30d_survival", "2024",
                "its 30-day follow-up needs data through 2025-01-30; death (DAR), npr_mental (NPR), npr_somatic (NPR) "
                        + "covered through 2024-12-31")), String.join("\n", lines));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT string_agg(DISTINCT period_label, ' ' ORDER BY period_label), "
                     + "count(*) FILTER (WHERE suppressed IS NULL AND (event IS DISTINCT FROM 'death' "
                     + "OR observed <> denominator - numerator)) FROM read_parquet(?)")) {
            ps.setString(1, release.resolve("results.parquet").toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals("2022 2023", rs.getString(1));
                assertEquals(0, rs.getLong(2), "unsuppressed rows whose event is not death or observed not the deaths");
            }
        }
    }
}
