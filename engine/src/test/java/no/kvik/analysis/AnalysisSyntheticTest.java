package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
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
 * The analysis against the synthetic generator's planted truth: hospitals planted clearly worse or better on
 * 30-day mortality are flagged on the right side of the funnel and few others are, and the risk-adjusted
 * results keep their arithmetic (ΣO = ΣE nationally, adjusted survival = 1 − O/E × national mortality).
 * Only the extracts the survival indicators read (npr_somatic, death) are ingested, to keep the test fast.
 */
class AnalysisSyntheticTest {
    static final double SCALE = 0.05;
    static final int FIRST = 2022;
    static final int LAST = 2024;
    static final String POOLED = FIRST + "-" + LAST;
    static final List<String> SURVIVAL = List.of("ami_30d_survival", "stroke_30d_survival", "hip_fracture_30d_survival");
    static final Map<String, String> OUTCOME = Map.of("mortality_30d_ami", "ami_30d_survival",
            "mortality_30d_stroke", "stroke_30d_survival", "mortality_30d_hip_fracture", "hip_fracture_30d_survival");

    @TempDir
    static Path tmp;
    static JsonNode truth;
    static Map<String, AnalysedIndicator> analysed = new LinkedHashMap<>();
    static Map<String, String> hospitalOfOrg = new HashMap<>();

    @BeforeAll
    static void generateIngestAnalyse() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Path extracts = tmp.resolve("extracts");
        new Synthesizer(new Synthesizer.Settings(SCALE, FIRST, LAST, 42, extracts, 2), home.reference(), contracts).generate();
        truth = new ObjectMapper().readTree(extracts.resolve("truth.json").toFile());
        Path store = tmp.resolve("store");
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(p -> p.getFileName().toString().matches("(npr_somatic|death)_\\d{4}\\.csv")).sorted().toList();
        }
        try (Ingester ingester = Ingester.open(store, home, null)) {
            ingester.ingestAll(files);
        }
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        try (Connection c = Store.open(store, home)) {
            Analysis analysis = new Analysis(c);
            for (String id : SURVIVAL) analysed.put(id, analysis.run(catalogue.get(id), RunRequest.allYears()));
            try (PreparedStatement ps = c.prepareStatement("SELECT provider_org, hospital_id FROM ref_level_provider");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) hospitalOfOrg.put(rs.getString(1), rs.getString(2));
            }
        }
    }

    private static List<IndicatorResult> rows(String id, String level, String period) {
        return analysed.get(id).results().stream().filter(r -> r.level().equals(level) && r.periodLabel().equals(period)).toList();
    }

    /** The model is fitted on all the run's cases: ΣO = ΣE there, and every published row's O/E and adjusted value follow. */
    @Test
    void adjustedRowsKeepTheirArithmetic() {
        for (String id : SURVIVAL) {
            AnalysedIndicator a = analysed.get(id);
            assertNotNull(a.model(), id);
            assertEquals(a.model().observedTotal(), a.model().expectedTotal(), 1e-6 * a.model().observedTotal(), id);
            // the fitting population is every case of the run, which is the pooled window: there the nation's O/E is 1
            double mortality = a.model().observedTotal() / a.model().cases();
            IndicatorResult nation = rows(id, "nation", POOLED).get(0);
            assertEquals(a.model().cases(), nation.denominator(), 0, id);
            assertEquals(1.0, nation.oE(), 1e-6, id);
            for (IndicatorResult r : a.results()) {
                if (r.suppressed() != null) {
                    assertNull(r.oE(), r.toString());
                    assertNull(r.z(), r.toString());
                    assertNull(r.funnelFlag(), r.toString());
                    assertNull(r.trendFlag(), r.toString());
                    continue;
                }
                assertNotNull(r.expected(), r.toString());
                double deaths = r.denominator() - r.numerator();
                assertEquals(deaths / r.expected(), r.oE(), 1e-12, r.toString());
                assertTrue(r.oELow() <= r.oE() && r.oE() <= r.oEHigh(), r.toString());
                // adjusted survival = 1 − (O/E) × national mortality of the fitting population
                assertEquals(1 - r.oE() * mortality, r.adjustedValue(), 1e-9, r.toString());
                if (!r.level().equals("nation") && !r.unitId().equals("unknown")) {
                    assertNotNull(r.funnelFlag(), r.toString());
                    assertNotNull(r.fdrFlag(), r.toString());
                }
            }
        }
    }

    @Test
    void plantedHospitalsAreFlaggedOnTheRightSide() {
        Map<String, Map<String, Double>> planted = new HashMap<>();
        for (JsonNode e : truth.path("hospital_effects")) {
            String id = OUTCOME.get(e.path("outcome").asText());
            if (id == null) continue;
            planted.computeIfAbsent(id, k -> new HashMap<>()).put(hospitalOfOrg.get(e.path("provider_org").asText()),
                    e.path("log_odds_ratio").asDouble());
        }
        int hits = 0;
        int planted95 = 0;
        int wrongSide = 0;
        int falseFlags = 0;
        int others = 0;
        List<String> lines = new ArrayList<>();
        for (String id : SURVIVAL) {
            for (IndicatorResult r : rows(id, "hospital", POOLED)) {
                if (r.funnelFlag() == null) continue;
                Double lor = planted.get(id).get(r.unitId());
                boolean flagged = !r.funnelFlag().equals("as_expected");
                if (lor == null) {
                    others++;
                    falseFlags += flagged ? 1 : 0;
                } else if (lor != 0) {
                    planted95++;
                    // a worse hospital has more deaths than expected: O/E above its limits ("high")
                    String side = lor > 0 ? "high" : "low";
                    hits += r.funnelFlag().startsWith(side) ? 1 : 0;
                    wrongSide += flagged && !r.funnelFlag().startsWith(side) ? 1 : 0;
                    lines.add(String.format("%-26s %-30s log OR %+.2f  O/E %.2f [%.2f, %.2f]  z %+.2f  %s%s", id,
                            r.unitName(), lor, r.oE(), r.oELow(), r.oEHigh(), r.z(), r.funnelFlag(),
                            r.fdrFlag() ? " fdr" : ""));
                }
            }
        }
        double falseRate = (double) falseFlags / others;
        System.out.printf("planted outliers flagged on the right side at 95 %%: %d of %d; false flags %d of %d (%.1f %%)%n",
                hits, planted95, falseFlags, others, 100 * falseRate);
        lines.forEach(l -> System.out.println("  " + l));
        assertEquals(12, planted95);
        assertEquals(0, wrongSide);
        assertTrue(falseRate <= 0.10, "false-flag rate " + falseRate);
        assertTrue(hits >= 4, "planted outliers flagged: " + hits);
    }
}
