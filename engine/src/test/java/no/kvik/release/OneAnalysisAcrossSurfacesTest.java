package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.FunnelSummary;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.contract.Contracts;
import no.kvik.engine.RunRequest;
import no.kvik.store.Store;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One analysis on every surface: for the same indicator, level and period, the notebook, kvik run (results and
 * charts/ID/ funnel data), kvik funnel in engine mode and a release give the same φ, τ², target (the national
 * value), limits and flags, because all of them take them from {@link Analysis}. The release fixture's range
 * (edition 2024-1, three years of history: 2021-2023) is used everywhere.
 */
class OneAnalysisAcrossSurfacesTest {
    static final String ID = "all_cause_30d_survival";
    static final String PERIOD = "2023";
    static final RunRequest RANGE = RunRequest.between(LocalDate.of(2021, 1, 1), LocalDate.of(2024, 1, 1));

    @TempDir
    Path tmp;

    /** One unit's published funnel figures, as every surface writes them. */
    record Point(double z, double lower95, double upper95, double lower998, double upper998, String flag, boolean fdr) {
    }

    @Test
    void notebookRunFunnelCommandAndReleaseShowTheAnalysisFunnel() throws Exception {
        ReleaseFixture fx = ReleaseFixture.get();
        Catalogue catalogue = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()));
        Indicator indicator = catalogue.get(ID);
        AnalysedIndicator direct;
        try (Connection c = Store.open(fx.store, ReleaseFixture.HOME)) {
            direct = new Analysis(c).run(indicator, RANGE, Release.ANALYSIS);
        }
        // the level of the period with the most published units
        FunnelSummary f = direct.funnels().stream().filter(s -> s.periodLabel().equals(PERIOD))
                .max(java.util.Comparator.comparingInt(FunnelSummary::unitsPublished)).orElseThrow();
        String level = f.level();
        assertTrue(f.unitsPublished() >= 3, level + ": " + f.unitsPublished() + " published units");
        Map<String, Point> expected = points(f.funnel());
        // a risk-adjusted indicator: the funnel is drawn on O/E, centred on the nation's O/E
        assertEquals(no.kvik.variation.IndicatorKind.RATIO, f.kind());
        double national = direct.results().stream().filter(r -> r.level().equals("nation") && r.periodLabel().equals(PERIOD))
                .findFirst().orElseThrow().oE();
        assertEquals(national, f.target(), 1e-12, "the funnel is centred on the national value");
        assertEquals(String.format(java.util.Locale.ROOT, "centre: national O/E %.3f", national), f.centre());

        // the notebook
        try (no.kvik.notebook.Kvik kvik = no.kvik.notebook.Kvik.open(fx.store)) {
            var q = kvik.indicator(ID).years(2021, 2023).level(level).period(PERIOD);
            FunnelResult nb = q.funnelResult();
            assertSame(f.phi(), nb.phi(), f.tau2(), nb.tau2(), f.target(), nb.target(), "notebook");
            assertClose(expected, points(nb), "notebook");
            assertTrue(q.funnel().svg().contains(f.centre()), "the chart names its centre");
        }

        // kvik run: the result rows and charts/ID/LEVEL_PERIOD_funnel.json
        Path run = tmp.resolve("run");
        assertEquals(0, no.kvik.cli.Kvik.commandLine().execute("run", "--store", fx.store.toString(), "--indicator", ID,
                "--period", "2021-2023", "--out", run.toString(), "--format", "PARQUET"));
        JsonNode data = ReleaseFiles.JSON.readTree(run.resolve("charts").resolve(ID).resolve(level + "_" + PERIOD + "_funnel.json").toFile());
        assertSame(f.phi(), data.get("phi").asDouble(), f.tau2(), data.get("tau2").asDouble(), f.target(),
                data.get("target").asDouble(), "kvik run funnel data");
        assertEquals(f.centre(), data.get("centre").asText());
        Map<String, Point> fromRun = new HashMap<>();
        for (JsonNode u : data.get("units")) {
            fromRun.put(u.get("unit").asText(), new Point(u.get("z").asDouble(), u.get("lower_95").asDouble(),
                    u.get("upper_95").asDouble(), u.get("lower_99.8").asDouble(), u.get("upper_99.8").asDouble(),
                    u.get("funnel_flag").asText(), !u.get("fdr_flag").asText().isEmpty()));
        }
        assertClose(expected, fromRun, "kvik run funnel data");
        assertRowsCarry(expected, run.resolve("results.parquet"), level, "kvik run results");

        // kvik funnel, engine mode
        Path csv = tmp.resolve("funnel.csv");
        assertEquals(0, no.kvik.cli.Kvik.commandLine().execute("funnel", "--store", fx.store.toString(), "--indicator", ID,
                "--level", level, "--range", "2021-2023", "--period", PERIOD, "--out", csv.toString()));
        JsonNode audit = ReleaseFiles.JSON.readTree(tmp.resolve("funnel.json").toFile());
        assertSame(f.phi(), audit.get("phi").asDouble(), f.tau2(), audit.get("tau2").asDouble(), f.target(),
                audit.get("target").asDouble(), "kvik funnel");
        Map<String, Point> fromCommand = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            if (!v[header.indexOf("not_computable")].isEmpty()) continue;
            fromCommand.put(v[0], new Point(Double.parseDouble(v[header.indexOf("z")]),
                    Double.parseDouble(v[header.indexOf("lower_95")]), Double.parseDouble(v[header.indexOf("upper_95")]),
                    Double.parseDouble(v[header.indexOf("lower_99.8")]), Double.parseDouble(v[header.indexOf("upper_99.8")]),
                    v[header.indexOf("funnel_flag")], !v[header.indexOf("fdr_flag")].isEmpty()));
        }
        assertClose(expected, fromCommand, "kvik funnel");

        // the release: its result rows, and its report names the centre of the funnel it draws
        assertRowsCarry(expected, fx.release.resolve("results.parquet"), level, "release");
        FunnelSummary shown = Release.reportFunnel(direct, direct.results());
        assertNotNull(shown);
        String report = Files.readString(fx.release.resolve("report.html"));
        assertTrue(shown.unitsPublished() > 0, "the report draws the level with the most published units");
        assertTrue(report.contains(shown.centre()), "report names " + shown.centre());
    }

    @Test
    void aFunnelWithoutPublishedUnitsSaysWhyOnEverySurface() throws Exception {
        // hip fracture surgery by tertial in this small store: every hospital of 2023-T3 is suppressed
        ReleaseFixture fx = ReleaseFixture.get();
        Catalogue catalogue = Catalogue.load(ReleaseFixture.HOME.indicators(), Contracts.load(ReleaseFixture.HOME.contracts()));
        String id = "hip_fracture_surgery_48h";
        String period = "2023-T3";
        AnalysedIndicator direct;
        try (Connection c = Store.open(fx.store, ReleaseFixture.HOME)) {
            direct = new Analysis(c).run(catalogue.get(id), RANGE, Release.ANALYSIS);
        }
        FunnelSummary f = direct.funnel("hospital", period);
        assertEquals(0, f.unitsPublished());
        assertTrue(f.emptyReason().matches("all \\d+ hospital units of 2023-T3 suppressed \\(.*\\)"), f.emptyReason());

        try (no.kvik.notebook.Kvik kvik = no.kvik.notebook.Kvik.open(fx.store)) {
            var q = kvik.indicator(id).years(2021, 2023).period(period);
            assertEquals(f.emptyReason(), q.funnelSummary().emptyReason(), "notebook");
            assertTrue(q.funnel().svg().contains("No funnel plot: all "), "notebook chart");
        }

        Path run = tmp.resolve("run");
        assertEquals(0, no.kvik.cli.Kvik.commandLine().execute("run", "--store", fx.store.toString(), "--indicator", id,
                "--period", "2021-2023", "--out", run.toString(), "--format", "PARQUET"));
        JsonNode data = ReleaseFiles.JSON.readTree(run.resolve("charts").resolve(id).resolve("hospital_" + period + "_funnel.json").toFile());
        assertEquals(f.emptyReason(), data.get("empty_reason").asText(), "kvik run funnel data");
        assertEquals(0, data.get("units").size());

        picocli.CommandLine cl = no.kvik.cli.Kvik.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        Path chart = tmp.resolve("funnel.svg");
        assertEquals(0, cl.execute("funnel", "--store", fx.store.toString(), "--indicator", id, "--level", "hospital",
                "--range", "2021-2023", "--period", period, "--out", tmp.resolve("funnel.csv").toString(),
                "--chart", chart.toString()));
        assertTrue(out.toString().contains("hip_fracture_surgery_48h hospital 2023-T3: no published unit: " + f.emptyReason()), out.toString());
        assertEquals(f.emptyReason(), ReleaseFiles.JSON.readTree(tmp.resolve("funnel.json").toFile()).get("empty_reason").asText());
        assertTrue(Files.readString(chart).contains("No funnel plot: all "), "kvik funnel chart");
    }

    /** Per published unit: z (the normal equivalent of the p its flag follows), the 95 % and 99.8 % limits, the flags. */
    private static Map<String, Point> points(FunnelResult f) {
        Map<String, Point> m = new HashMap<>();
        for (FunnelUnit u : f.units()) {
            m.put(u.unit(), new Point(u.zEquivalent(), u.limits().get(0).lower(), u.limits().get(0).upper(),
                    u.limits().get(1).lower(), u.limits().get(1).upper(), u.funnelFlag().code(), !u.fdrFlag().isEmpty()));
        }
        return m;
    }

    private static void assertSame(double phi, double phi2, double tau2, double tau22, double target, double target2,
                                   String surface) {
        assertEquals(phi, phi2, 1e-12 * Math.max(1, Math.abs(phi)), surface + ": phi");
        assertEquals(tau2, tau22, 1e-12, surface + ": tau2");
        assertEquals(target, target2, 1e-12, surface + ": target");
    }

    /** The result rows of the level and period carry each unit's z and flags (nothing else carries a z). */
    private static void assertRowsCarry(Map<String, Point> expected, Path parquet, String level, String surface) throws Exception {
        Map<String, Point> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement("SELECT unit_id, z, funnel_flag, fdr_flag FROM read_parquet(?) "
                     + "WHERE indicator_id = ? AND level = ? AND period_label = ? AND z IS NOT NULL")) {
            ps.setString(1, parquet.toString());
            ps.setString(2, ID);
            ps.setString(3, level);
            ps.setString(4, PERIOD);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Point p = expected.get(rs.getString(1));
                    assertNotNull(p, surface + ": unit " + rs.getString(1) + " is not in the analysis funnel");
                    assertEquals(p.z(), rs.getDouble(2), 1e-9, surface + ": z of " + rs.getString(1));
                    rows.put(rs.getString(1), new Point(p.z(), p.lower95(), p.upper95(), p.lower998(), p.upper998(),
                            rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        assertClose(expected, rows, surface);
        assertFalse(rows.isEmpty());
    }

    /**
     * Same units, flags equal, numbers equal to 1e-9: a release sums expected counts on one DuckDB thread, other
     * surfaces on several, so the last bits of O/E may differ; nothing else may.
     */
    private static void assertClose(Map<String, Point> expected, Map<String, Point> actual, String surface) {
        assertEquals(expected.keySet(), actual.keySet(), surface + ": units");
        for (Map.Entry<String, Point> e : expected.entrySet()) {
            Point a = actual.get(e.getKey());
            Point x = e.getValue();
            String what = surface + ", unit " + e.getKey() + ": ";
            assertEquals(x.z(), a.z(), 1e-9, what + "z");
            assertEquals(x.lower95(), a.lower95(), 1e-9, what + "lower 95");
            assertEquals(x.upper95(), a.upper95(), 1e-9, what + "upper 95");
            assertEquals(x.lower998(), a.lower998(), 1e-9, what + "lower 99.8");
            assertEquals(x.upper998(), a.upper998(), 1e-9, what + "upper 99.8");
            assertEquals(x.flag(), a.flag(), what + "funnel flag");
            assertEquals(x.fdr(), a.fdr(), what + "FDR flag");
        }
    }
}
