package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.analysis.FunnelSummary;
import no.kvik.calibration.FunnelCase;
import no.kvik.calibration.StoreFunnels;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.synth.Synthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvik calibrate and kvik recovery on a small synthetic store (scale 0.02, 2023–2024, npr_somatic and death only):
 * the funnels calibrate simulates have the production funnel's units and sizes; the output is the same for a seed
 * and differs for another; recovery scores each epicrisis plant with the flag its hospital got in the results.
 */
class CalibrationCommandsIT {
    static final List<String> IDS = List.of("ami_30d_survival", "epicrisis_somatic_1d");

    @TempDir
    static Path tmp;
    static Path extracts;
    static Path store;
    static KvikHome home;
    static Catalogue catalogue;

    @BeforeAll
    static void build() throws Exception {
        home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        extracts = tmp.resolve("extracts");
        new Synthesizer(new Synthesizer.Settings(0.02, 2023, 2024, 42, extracts, 2), home.reference(), contracts).generate();
        store = tmp.resolve("store");
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(p -> p.getFileName().toString().matches("(npr_somatic|death)_\\d{4}\\.csv")).sorted().toList();
        }
        try (Ingester ingester = Ingester.open(store, home, null)) {
            ingester.ingestAll(files);
        }
        catalogue = Catalogue.load(home.indicators(), contracts);
    }

    @Test
    void calibrateSimulatesTheProductionFunnelsUnits() throws Exception {
        List<Indicator> selected = IDS.stream().map(catalogue::get).toList();
        RunRequest year = RunCommand.request("2024", null, 0);
        List<FunnelCase> cases;
        Map<String, AnalysedIndicator> analysed = new HashMap<>();
        try (Connection c = Store.open(store, home)) {
            cases = StoreFunnels.cases(c, selected, year, AnalysisOptions.defaults(), new PrintWriter(new StringWriter()));
            for (Indicator i : selected) analysed.put(i.id(), new Analysis(c).run(i, year));
        }
        assertFalse(cases.isEmpty());
        int checked = 0;
        for (FunnelCase fc : cases) {
            FunnelSummary f = analysed.get(fc.indicator()).funnels().stream()
                    .filter(s -> s.level().equals(fc.level()) && s.periodLabel().equals(fc.period())).findFirst().orElseThrow();
            // every unit of the production funnel, suppressed ones included
            assertEquals(f.unitsUsed(), fc.sizes().size(), fc.indicator() + " " + fc.level());
            assertEquals(f.target(), fc.target(), 1e-12);
            // the published units' n (or E) are among the simulated sizes
            List<Double> remaining = new ArrayList<>(fc.sizes());
            for (IndicatorResult r : analysed.get(fc.indicator()).results()) {
                if (!r.level().equals(fc.level()) || !r.periodLabel().equals(fc.period()) || r.funnelFlag() == null) continue;
                double size = r.expected() != null ? r.expected() : r.denominator();
                int at = -1;
                for (int k = 0; k < remaining.size() && at < 0; k++) {
                    if (Math.abs(remaining.get(k) - size) <= 1e-9 * Math.max(1, size)) at = k;
                }
                assertTrue(at >= 0, fc.indicator() + " " + fc.level() + " unit " + r.unitId() + " size " + size);
                remaining.remove(at);
                checked++;
            }
        }
        assertTrue(checked > 50, "published units checked: " + checked);

        String[] args = {"calibrate", "--store", store.toString(), "--indicator", String.join(",", IDS), "--period", "2024",
                "--replicates", "20", "--sd", "0.15", "--out", tmp.resolve("cal.csv").toString()};
        CliRun a = CliRun.run(args);
        assertEquals(0, a.exitCode(), a.err());
        List<Map<String, String>> rowsA = CliRun.csv(tmp.resolve("cal.csv"));
        CliRun b = CliRun.run(args);
        assertEquals(a.out(), b.out(), "deterministic given --seed");
        args[args.length - 1] = tmp.resolve("cal2.csv").toString();
        CliRun other = CliRun.run(append(args, "--seed", "43"));
        assertNotEquals(a.out(), other.out());
        assertTrue(a.err().contains("calibrate: simulating epicrisis_somatic_1d"), "progress on stderr");
        // the CSV holds every unit-replicate: 20 replicates × the units of the level's funnels (periods pooled)
        Map<String, Long> units = new HashMap<>();
        for (FunnelCase fc : cases) units.merge(fc.indicator() + "|" + fc.level(), (long) fc.sizes().size(), Long::sum);
        for (FunnelCase fc : cases) {
            for (Map<String, String> r : rowsA) {
                if (r.get("indicator").equals(fc.indicator()) && r.get("level").equals(fc.level()) && r.get("band").equals("all")) {
                    assertEquals(20L * units.get(fc.indicator() + "|" + fc.level()), Long.parseLong(r.get("unit_replicates")));
                    assertTrue(Long.parseLong(r.get("flagged_998")) <= Long.parseLong(r.get("flagged_95")));
                }
            }
        }
        assertEquals(3 * 2, rowsA.stream().filter(r -> r.get("indicator").equals("epicrisis_somatic_1d")
                && r.get("level").equals("hospital") && r.get("band").equals("all")).count(), "3 models x 2 scenarios");
    }

    @Test
    void recoveryScoresThePlantsWithTheirFlags() throws Exception {
        Path results = tmp.resolve("results");
        CliRun run = CliRun.run("run", "--store", store.toString(), "--indicator", String.join(",", IDS), "--rolling", "2",
                "--no-charts", "--format", "CSV", "--out", results.toString());
        assertEquals(0, run.exitCode(), run.err());
        CliRun rec = CliRun.run("recovery", "--extracts", extracts.toString(), "--results", results.toString());
        assertEquals(0, rec.exitCode(), rec.err());
        JsonNode truth = new ObjectMapper().readTree(extracts.resolve("truth.json").toFile());
        Map<String, String> hospitalOf = new HashMap<>();
        try (Connection c = Store.open(store, home);
             var rs = c.createStatement().executeQuery("SELECT provider_org, hospital_id FROM ref_level_provider")) {
            while (rs.next()) hospitalOf.put(rs.getString(1), rs.getString(2));
        }
        Map<String, String> windowFlag = new HashMap<>();
        for (Map<String, String> r : CliRun.csv(results.resolve("results.csv"))) {
            if (r.get("indicator_id").equals("epicrisis_somatic_1d") && r.get("level").equals("hospital")
                    && r.get("period_label").equals("2023-2024")) {
                windowFlag.put(r.get("unit_id"), r.get("funnel_flag"));
            }
        }
        int plants = 0;
        String trendHospital = null;
        for (JsonNode e : truth.get("hospital_effects")) {
            if (!e.get("outcome").asText().equals("epicrisis_within_1_day")) continue;
            if (e.get("trend_log_odds_per_year").asDouble() != 0) {
                // the deteriorating hospital: no level effect in the first year, judged by its trend alert (below)
                trendHospital = hospitalOf.get(e.get("provider_org").asText());
                continue;
            }
            String hospital = hospitalOf.get(e.get("provider_org").asText());
            String line = rec.out().lines().filter(l -> l.startsWith("epicrisis_somatic_1d") && l.split("\\s+")[2].equals(hospital))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for hospital " + hospital + "\n" + rec.out()));
            assertEquals(e.get("log_odds_ratio").asDouble() > 0 ? "high" : "low", sideOf(line), line);
            assertTrue(line.contains(" 2023-2024 "), line);
            assertTrue(line.contains(" " + windowFlag.get(hospital) + " "), line + " vs results flag " + windowFlag.get(hospital));
            plants++;
        }
        assertEquals(2, plants);
        assertTrue(rec.out().contains("false flags among units without a plant"));
        assertTrue(rec.out().contains("ami_30d_survival"), "the deteriorating hospital's trend line");
        // the deteriorating hospital's epicrisis plant (odds ratio 0.6 in 2024 against 2023): the trend test over its
        // six tertials puts the alert on the latest, and recovery reports it with the test's power
        String alertHospital = trendHospital;
        assertTrue(alertHospital != null, "truth.json names the epicrisis trend plant");
        Map<String, String> trendFlags = new HashMap<>();
        for (Map<String, String> r : CliRun.csv(results.resolve("results.csv"))) {
            if (r.get("indicator_id").equals("epicrisis_somatic_1d") && r.get("level").equals("hospital")
                    && r.get("unit_id").equals(alertHospital) && !r.get("trend_flag").isEmpty()) {
                trendFlags.put(r.get("period_label"), r.get("trend_flag"));
            }
        }
        String trendLine = rec.out().lines().filter(l -> l.trim().startsWith("epicrisis_somatic_1d") && l.contains(" hospital " + alertHospital))
                .findFirst().orElseThrow(() -> new AssertionError(rec.out()));
        // the analysis holds the trend flags' false discovery rate over the level's hospitals, so at this scale
        // (6 tertials of about 500 stays, one yearly step of log 0.6: power 0.82 at a plain 5 %) the plant is
        // alerted only when its p clears 5 %/m; recovery reports what the results say, with the power at that level
        double power = Double.parseDouble(trendLine.replaceAll(".* power +([0-9.]+) .*", "$1"));
        assertTrue(power > 0.05 && power < 0.82, trendLine);
        if (trendFlags.isEmpty()) {
            assertTrue(trendLine.contains("NOT alerted"), trendLine);
        } else {
            assertEquals(Map.of("2024-T3", "deteriorating"), trendFlags);
            assertTrue(trendLine.contains("alerted (2024-T3)"), trendLine);
        }
    }

    private static String sideOf(String line) {
        return line.contains(" high ") ? "high" : line.contains(" low ") ? "low" : "";
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
