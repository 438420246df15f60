package no.kvik.cli;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelCommandTest {
    @TempDir
    Path dir;

    /** The R reference data set "ratio" as a user's CSV, with unit R05 split over two rows (summed by kvik). */
    private Path ratioCsv() throws Exception {
        List<String> lines = new ArrayList<>(List.of("hospital,deaths,expected"));
        for (Map<String, String> r : Fixtures.csv("funnel_units.csv")) {
            if (!r.get("dataset").equals("ratio")) {
                continue;
            }
            if (r.get("unit").equals("R05")) {
                double o = num(r.get("O"));
                double e = num(r.get("n"));
                lines.add("R05," + Math.floor(o / 2) + "," + e / 4);
                lines.add("R05," + (o - Math.floor(o / 2)) + "," + (e - e / 4));
            } else {
                lines.add(r.get("unit") + "," + r.get("O") + "," + r.get("n"));
            }
        }
        Path f = dir.resolve("units.csv");
        Files.write(f, lines);
        return f;
    }

    @Test
    void aChartNameThatIsNotSvgOrPngIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = dir.resolve("gif/limits.csv");
        CliRun r = CliRun.run("funnel", "--input", ratioCsv().toString(), "--unit", "hospital", "--numerator",
                "deaths", "--expected", "expected", "--out", out.toString(), "--chart", dir.resolve("funnel.gif").toString());
        assertEquals(2, r.exitCode());
        assertEquals("kvik funnel: chart file must end in .svg or .png: " + dir.resolve("funnel.gif"), r.err().strip());
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void writesLimitsZAndAuditMatchingR() throws Exception {
        Path out = dir.resolve("out/limits.csv");
        CliRun r = CliRun.run("funnel", "--input", ratioCsv().toString(), "--unit", "hospital", "--numerator",
                "deaths", "--expected", "expected", "--method", "cqc", "--overdispersion", "additive", "--out",
                out.toString(), "--chart", dir.resolve("funnel.svg").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> rows = CliRun.csv(out);
        assertEquals(45, rows.size());   // 44 computable + RNONE (E = 0) reported, not dropped
        Map<String, String> none = rows.get(rows.size() - 1);
        assertEquals("RNONE", none.get("unit"));
        assertEquals("expected count is 0", none.get("not_computable"));
        int compared = 0;
        for (Map<String, String> e : Fixtures.csv("funnel_expected_units.csv")) {
            if (e.get("dataset").equals("ratio") && e.get("method").equals("CQC") && e.get("od").equals("ADDITIVE")
                    && e.get("trim").equals("WINSOR")) {
                Map<String, String> row = rows.stream().filter(x -> x.get("unit").equals(e.get("unit"))).findFirst()
                        .orElseThrow();
                assertClose(num(e.get("z")), num(row.get("z_unadjusted")), 1e-12, e.get("unit") + " z");
                assertClose(num(e.get("lo95")), num(row.get("lower_95")), 1e-9, e.get("unit") + " lower_95");
                assertClose(num(e.get("hi998")), num(row.get("upper_99.8")), 1e-9, e.get("unit") + " upper_99.8");
                compared++;
            }
        }
        assertEquals(44, compared);
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("out/limits.json").toFile());
        Map<String, String> summary = Fixtures.csv("funnel_expected_summary.csv").stream()
                .filter(s -> s.get("dataset").equals("ratio") && s.get("method").equals("CQC")
                        && s.get("od").equals("ADDITIVE") && s.get("trim").equals("WINSOR")).findFirst().orElseThrow();
        assertClose(num(summary.get("phi")), audit.get("phi").asDouble(), 1e-12, "phi");
        assertClose(num(summary.get("tau2")), audit.get("tau2").asDouble(), 1e-12, "tau2");
        assertEquals("RNONE", audit.get("not_computable").get(0).get("unit").asText());
        assertTrue(Files.readString(dir.resolve("funnel.svg")).contains("<path class=\"limit upper level-95\""));
    }

    @Test
    void ratioOfCountsWithPhsTrimMatchesR() throws Exception {
        List<String> lines = new ArrayList<>(List.of("area,events,population"));
        for (Map<String, String> r : Fixtures.csv("funnel_units.csv")) {
            if (r.get("dataset").equals("rate")) {
                lines.add(r.get("unit") + "," + r.get("O") + "," + r.get("n"));
            }
        }
        Path in = dir.resolve("rates.csv");
        Files.write(in, lines);
        Path out = dir.resolve("rc.csv");
        CliRun r = CliRun.run("funnel", "--input", in.toString(), "--unit", "area", "--numerator", "events",
                "--denominator", "population", "--kind", "rate", "--method", "rc", "--trim", "phs",
                "--overdispersion", "additive", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> rows = CliRun.csv(out);
        int compared = 0;
        for (Map<String, String> e : Fixtures.csv("funnel_expected_units.csv")) {
            if (e.get("dataset").equals("rate") && e.get("method").equals("RC") && e.get("od").equals("ADDITIVE")
                    && e.get("trim").equals("PHS")) {
                Map<String, String> row = rows.stream().filter(x -> x.get("unit").equals(e.get("unit"))).findFirst()
                        .orElseThrow();
                assertClose(num(e.get("zadj")), num(row.get("z_adjusted")), 1e-12, e.get("unit") + " z_adjusted");
                // normal-scale method: the reported z is the adjusted z, and p is its two-sided normal p
                assertClose(num(row.get("z_adjusted")), num(row.get("z")), 1e-9, e.get("unit") + " z_eq");
                assertClose(num(e.get("hi95")), num(row.get("upper_95")), 1e-9, e.get("unit") + " upper_95");
                compared++;
            }
        }
        assertEquals(30, compared);
        JsonNode audit = new ObjectMapper().readTree(dir.resolve("rc.json").toFile());
        assertEquals("phs", audit.get("trim").asText());
        assertEquals("rc", audit.get("method").asText());
        CliRun wrongKind = CliRun.run("funnel", "--input", in.toString(), "--unit", "area", "--numerator", "events",
                "--denominator", "population", "--kind", "proportion", "--method", "rc", "--out", out.toString());
        assertEquals(2, wrongKind.exitCode());
        assertTrue(wrongKind.err().contains("limit method RC does not apply to PROPORTION"), wrongKind.err());
    }

    @Test
    void exactTailsOptionSwitchesMidPOff() throws Exception {
        // 5/5 at target 0.91: mid-p p = P(X = 5) = 0.91⁵ = 0.6240321451; plain exact tails give p = 1 (R pbinom)
        Path in = dir.resolve("p.csv");
        Files.write(in, List.of("u,o,n", "A,5,5", "B,90,100", "C,180,200"));
        for (boolean plain : new boolean[] {false, true}) {
            Path out = dir.resolve("p" + plain + ".csv");
            List<String> args = new ArrayList<>(List.of("funnel", "--input", in.toString(), "--unit", "u",
                    "--numerator", "o", "--denominator", "n", "--target", "0.91", "--out", out.toString()));
            if (plain) {
                args.add("--exact-tails");
            }
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            Map<String, String> a = CliRun.csv(out).get(0);
            assertEquals("as_expected", a.get("funnel_flag"));
            assertClose(plain ? 1 : 0.6240321451, num(a.get("p_value")), 1e-12, "p");
            assertEquals(plain ? "exact" : "mid-p", new ObjectMapper().readTree(
                    dir.resolve("p" + plain + ".json").toFile()).get("tails").asText());
        }
    }

    @Test
    void readsParquet() throws Exception {
        Path parquet = dir.resolve("units.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("COPY (SELECT * FROM read_csv(?)) TO '"
                     + parquet.toString().replace("'", "''") + "' (FORMAT parquet)")) {
            ps.setString(1, ratioCsv().toString());
            ps.execute();
        }
        Path out = dir.resolve("p.csv");
        CliRun r = CliRun.run("funnel", "--input", parquet.toString(), "--unit", "hospital", "--numerator", "deaths",
                "--expected", "expected", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(45, CliRun.csv(out).size());
    }

    @Test
    void badInputIsNamedByFileRowAndField() throws Exception {
        Path f = dir.resolve("bad.csv");
        Path out = dir.resolve("x.csv");
        Files.write(f, List.of("unit,o,n", "A,3,10", "B,x,5"));
        CliRun r = CliRun.run("funnel", "--input", f.toString(), "--unit", "unit", "--numerator", "o",
                "--denominator", "n", "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("file " + f + ", row 2 (line 3), field o: 'x' is not a finite number"), r.err());

        Files.write(f, List.of("unit,o,n", "A,3,10", "B,6,5"));
        r = CliRun.run("funnel", "--input", f.toString(), "--unit", "unit", "--numerator", "o", "--denominator", "n",
                "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("row 2 (line 3), field o: numerator 6 exceeds denominator n = 5"), r.err());

        Files.write(f, List.of("unit,o,n", "A,3,10", "B,-1,5"));
        r = CliRun.run("funnel", "--input", f.toString(), "--unit", "unit", "--numerator", "o", "--denominator", "n",
                "--kind", "rate", "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("row 2 (line 3), field o: '-1' is negative"), r.err());

        r = CliRun.run("funnel", "--input", f.toString(), "--unit", "unit", "--numerator", "deaths",
                "--denominator", "n", "--out", out.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no column 'deaths' (columns: unit, o, n)"), r.err());
    }

    @Test
    void summarySaysWhichDispersionIsUsedAndCountsUnitsOutsideTheWrittenLimits() throws Exception {
        for (String od : List.of("none", "multiplicative", "additive")) {
            Path out = dir.resolve("summary-" + od + "/limits.csv");
            CliRun r = CliRun.run("funnel", "--input", ratioCsv().toString(), "--unit", "hospital", "--numerator",
                    "deaths", "--expected", "expected", "--method", "exact", "--overdispersion", od, "--out",
                    out.toString());
            assertEquals(0, r.exitCode(), r.err());
            String line = r.out().lines().findFirst().orElseThrow();
            switch (od) {
                case "none" -> assertTrue(line.contains("; over-dispersion not used;") && !line.contains("phi"), line);
                case "multiplicative" -> assertTrue(line.matches(".*; phi [0-9.]+ \\(tau2 not used\\);.*"), line);
                default -> assertTrue(line.matches(".*; phi [0-9.]+, tau2 [0-9.e-]+;.*"), line);
            }
            // the count printed is the flags; with lines = flags it equals the units outside the CSV's 95 % columns
            long outside = CliRun.csv(out).stream().filter(x -> x.get("not_computable").isEmpty())
                    .filter(x -> num(x.get("value")) < num(x.get("lower_95")) || num(x.get("value")) > num(x.get("upper_95")))
                    .count();
            assertTrue(outside > 0, od);
            assertTrue(line.contains("; " + outside + " outside the 95% limits"), od + ": " + outside + " vs " + line);
        }
    }

    @Test
    void helpListsTheOptions() {
        CliRun r = CliRun.run("funnel", "--help");
        assertEquals(0, r.exitCode());
        for (String o : List.of("--input", "--unit", "--numerator", "--denominator", "--expected", "--kind",
                "--method", "--overdispersion", "--trim", "--levels", "--direction", "--out", "--chart")) {
            assertTrue(r.out().contains(o), o);
        }
    }
}
