package no.kvik.cli;

import static no.kvik.testutil.Fixtures.assertClose;
import static no.kvik.testutil.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.kvik.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvik adjust on the synthetic case table of risk_reference.R, against R's glm and base-R values. */
class AdjustCommandTest {
    @TempDir
    Path dir;

    private Path cases() throws Exception {
        Path f = dir.resolve("cases.csv");
        try (var in = getClass().getResourceAsStream("/fixtures/stats/risk_cases.csv")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void coefficientsDiagnosticsAndUnitsMatchR() throws Exception {
        Path out = dir.resolve("adj");
        CliRun r = CliRun.run("adjust", "--input", cases().toString(), "--outcome", "died", "--covariates",
                "age,sex,admission", "--unit", "unit", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> coef = CliRun.csv(out.resolve("coefficients.csv"));
        List<Map<String, String>> expected = Fixtures.csv("risk_expected_coef.csv");
        assertEquals(expected.size(), coef.size());
        for (int j = 0; j < coef.size(); j++) {
            assertEquals(expected.get(j).get("name"), coef.get(j).get("term"));
            assertClose(num(expected.get(j).get("estimate")), num(coef.get(j).get("estimate")), 1e-8, "estimate");
            assertClose(num(expected.get(j).get("se")), num(coef.get(j).get("std_error")), 1e-8, "se");
            assertClose(num(expected.get(j).get("p")), num(coef.get(j).get("p_value")), 1e-8, "p");
            assertClose(num(expected.get(j).get("odds_ratio_low")), num(coef.get(j).get("odds_ratio_low")), 1e-8, "OR low");
            assertClose(num(expected.get(j).get("odds_ratio_high")), num(coef.get(j).get("odds_ratio_high")), 1e-8, "OR high");
        }
        List<Map<String, String>> units = CliRun.csv(out.resolve("units.csv"));
        List<Map<String, String>> eu = Fixtures.csv("risk_expected_units.csv");
        assertEquals(12, units.size());
        for (int i = 0; i < eu.size(); i++) {
            String u = eu.get(i).get("unit");
            assertEquals(u, units.get(i).get("unit"));
            assertEquals(num(eu.get(i).get("O")), num(units.get(i).get("numerator")));
            assertClose(num(eu.get(i).get("E")), num(units.get(i).get("expected")), 1e-8, u + " E");
            assertClose(num(eu.get(i).get("oe_low")), num(units.get(i).get("o_e_low")), 1e-8, u + " low");
            assertClose(num(eu.get(i).get("adj_high")), num(units.get(i).get("adjusted_high")), 1e-8, u + " high");
            assertClose(num(eu.get(i).get("smoothed")), num(units.get(i).get("smoothed_value")), 1e-8, u + " EB");
        }
        JsonNode d = new ObjectMapper().readTree(out.resolve("diagnostics.json").toFile());
        Map<String, String> fit = Fixtures.csv("risk_expected_fit.csv").get(0);
        assertEquals((int) num(fit.get("iter")), d.get("iterations").asInt());
        assertClose(num(fit.get("c_statistic")), d.get("c_statistic").asDouble(), 1e-12, "c");
        assertEquals("F", d.get("covariates").get(1).get("reference").asText());
        assertEquals("emergency", d.get("covariates").get(2).get("reference").asText());
        assertEquals(0, d.get("self_check_observed_minus_expected").asDouble(), 1e-6);
        // the same coefficient table as coefficients.csv
        JsonNode sexM = d.get("coefficients").get(2);
        assertEquals("sex=M", sexM.get("term").asText());
        assertClose(num(expected.get(2).get("se")), sexM.get("stdError").asDouble(), 1e-8, "json se");
        assertClose(num(expected.get(2).get("odds_ratio_high")), sexM.get("oddsRatioHigh").asDouble(), 1e-8, "json OR high");
        assertTrue(Files.readString(out.resolve("caterpillar.svg")).contains("data-unit=\"H12\""));
    }

    @Test
    void unitNamesLabelTheCaterpillarAndUnitsCsvKeepsTheCodes() throws Exception {
        // the same cases with a name column: "Hospital H01" for H01, …
        List<String> lines = Files.readAllLines(cases());
        StringBuilder named = new StringBuilder(lines.get(0) + ",name\n");
        for (String l : lines.subList(1, lines.size())) named.append(l).append(",Hospital ").append(l, 0, l.indexOf(',')).append('\n');
        Path in = dir.resolve("named.csv");
        Files.writeString(in, named);
        Path out = dir.resolve("named");
        CliRun r = CliRun.run("adjust", "--input", in.toString(), "--outcome", "died", "--covariates", "age,sex,admission",
                "--unit", "unit", "--unit-name", "name", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String svg = Files.readString(out.resolve("caterpillar.svg"));
        assertTrue(svg.contains("data-unit=\"Hospital H12\"") && !svg.contains("data-unit=\"H12\""), "names, not codes");
        assertEquals("H01", CliRun.csv(out.resolve("units.csv")).get(0).get("unit"));
        // a unit with two names is named in the error
        Files.writeString(in, named.toString().replaceFirst(",Hospital H01\n", ",Other H01\n"));
        CliRun bad = CliRun.run("adjust", "--input", in.toString(), "--outcome", "died", "--covariates", "age,sex,admission",
                "--unit", "unit", "--unit-name", "name", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("unit H01 has more than one name ('Hospital H01', 'Other H01')"), bad.err());
    }

    @Test
    void referenceLevelOptionReparametrises() throws Exception {
        Path out = dir.resolve("ref");
        CliRun r = CliRun.run("adjust", "--input", cases().toString(), "--outcome", "died", "--covariates",
                "age,sex,admission", "--unit", "unit", "--reference", "sex=M", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, String> sexF = CliRun.csv(out.resolve("coefficients.csv")).get(2);
        assertEquals("sex=F", sexF.get("term"));
        // switching the reference negates the dummy's coefficient and keeps its SE
        Map<String, String> sexM = Fixtures.csv("risk_expected_coef.csv").get(2);
        assertClose(-num(sexM.get("estimate")), num(sexF.get("estimate")), 1e-8, "sex=F");
        assertClose(num(sexM.get("se")), num(sexF.get("std_error")), 1e-7, "sex=F se");
    }

    @Test
    void badOutcomeAndSeparationAreClearErrors() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.write(f, List.of("u,age,died", "A,50,0", "A,60,1", "B,70,2"));
        CliRun r = CliRun.run("adjust", "--input", f.toString(), "--outcome", "died", "--covariates", "age",
                "--unit", "u", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("row 3 (line 4), field died: '2' is not 0 or 1"), r.err());

        // no events at all: not even Firth's fit can be calibrated to the observed total
        Files.write(f, List.of("u,grp,died", "A,x,0", "A,y,0", "B,x,0", "B,y,0"));
        r = CliRun.run("adjust", "--input", f.toString(), "--outcome", "died", "--covariates", "grp", "--unit", "u",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no case is an event"), r.err());
    }

    /**
     * grp = y has only events (perfect separation): ML does not exist and kvik adjust used to stop; now Firth's fit.
     * The model is saturated (3 levels, 3 parameters), so every hat value is 1 and Firth is y + 1/2 events out of
     * n + 1 per level (by hand): x 1.5 of 4, y 2.5 of 3, z 1.5 of 3.
     */
    @Test
    void perfectSeparationIsFittedByFirthAndSaysSo() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.write(f, List.of("u,grp,died", "A,x,0", "A,x,0", "A,y,1", "B,x,1", "B,y,1", "B,z,1", "B,z,0"));
        Path out = dir.resolve("o");
        CliRun r = CliRun.run("adjust", "--input", f.toString(), "--outcome", "died", "--covariates", "grp", "--unit", "u",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("estimation: firth (maximum likelihood does not exist: separation") && r.out().contains("grp=y"), r.out());
        JsonNode d = new ObjectMapper().readTree(out.resolve("diagnostics.json").toFile());
        assertEquals("firth", d.get("estimation").get("method").asText());
        assertTrue(d.get("estimation").get("reason").asText().contains("grp=y"), d.toString());
        List<Map<String, String>> coef = CliRun.csv(out.resolve("coefficients.csv"));
        assertEquals("grp=y", coef.get(1).get("term"));
        double x = Math.log(1.5 / 2.5);
        assertClose(Math.log(2.5 / 0.5) - x, num(coef.get(1).get("estimate")), 1e-9, "grp=y");
        assertClose(Math.log(1.5 / 1.5) - x, num(coef.get(2).get("estimate")), 1e-9, "grp=z");
        assertClose(x + d.get("estimation").get("interceptShift").asDouble(), num(coef.get(0).get("estimate")), 1e-9,
                "recalibrated intercept");
        assertEquals(4, d.get("observed_total").asDouble());
        assertEquals(4, d.get("expected_total").asDouble(), 1e-9);
        assertEquals(0, d.get("self_check_observed_minus_expected").asDouble(), 1e-9);
    }

    @Test
    void aStrayTextValueInANumericCovariateIsNamedNotModelledAsCategories() throws Exception {
        Path f = dir.resolve("c.csv");
        List<String> lines = new java.util.ArrayList<>(List.of("u,age,died"));
        for (int i = 0; i < 20; i++) lines.add((i % 2 == 0 ? "A" : "B") + "," + (40 + i) + "," + (i % 3 == 0 ? 1 : 0));
        lines.set(6, "B,NA,0"); // data row 6 of 20: 19 of 20 values are numbers
        Files.write(f, lines);
        CliRun r = CliRun.run("adjust", "--input", f.toString(), "--outcome", "died", "--covariates", "age",
                "--unit", "u", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("row 6 (line 7), field age: 'NA' is not a number, while at least 90 % of the column is"),
                r.err());

        CliRun level = CliRun.run("adjust", "--input", cases().toString(), "--outcome", "died", "--covariates", "age",
                "--unit", "unit", "--level", "95", "--out", dir.resolve("o").toString());
        assertEquals(2, level.exitCode());
        assertEquals("kvik adjust: --level must be between 0 and 1 (e.g. 0.95), not 95.0", level.err().strip());
    }

    @Test
    void survivalOutputIsOneMinusAdjustedMortality() throws Exception {
        Path out = dir.resolve("surv");
        CliRun r = CliRun.run("adjust", "--input", cases().toString(), "--outcome", "died", "--covariates",
                "age,sex,admission", "--unit", "unit", "--survival", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, String>> units = CliRun.csv(out.resolve("units.csv"));
        List<Map<String, String>> eu = Fixtures.csv("risk_expected_units.csv");
        for (int i = 0; i < eu.size(); i++) {
            String u = eu.get(i).get("unit");
            assertClose(1 - num(eu.get(i).get("adj")), num(units.get(i).get("adjusted_value")), 1e-8, u);
            assertClose(1 - num(eu.get(i).get("adj_high")), num(units.get(i).get("adjusted_low")), 1e-8, u);
            assertClose(1 - num(eu.get(i).get("O")) / num(eu.get(i).get("n")), num(units.get(i).get("value")), 1e-12,
                    u + " crude survival");
        }
    }
}
