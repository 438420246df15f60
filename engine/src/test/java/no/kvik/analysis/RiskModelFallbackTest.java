package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.report.AnalysisFiles;
import no.kvik.store.Store;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12: on {@code kvik synth --scale 0.01 --years 2022-2024 --seed 11} the in-hospital haemorrhagic stroke
 * model has no maximum-likelihood fit (50 cases, 1 death) and stopped the whole run. Now it is fitted by Firth;
 * on 2022 alone (no death at all) not even Firth's fit can be calibrated, and the indicator is reported crude.
 * Only npr_somatic is ingested, the one extract the indicator reads.
 */
class RiskModelFallbackTest {
    static final String ID = "oecd_haemorrhagic_stroke_30d_mortality_in_hospital";

    @TempDir
    static Path tmp;
    static AnalysedIndicator pooled;
    static AnalysedIndicator year2022;

    @BeforeAll
    static void generateIngestAnalyse() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Path store = TestStores.somaticScale001Seed11();
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        try (Connection c = Store.open(store, home)) {
            Analysis analysis = new Analysis(c);
            pooled = analysis.run(catalogue.get(ID), RunRequest.allYears());
            year2022 = analysis.run(catalogue.get(ID), RunRequest.between(java.time.LocalDate.of(2022, 1, 1),
                    java.time.LocalDate.of(2023, 1, 1)));
        }
    }

    @Test
    void separatedModelIsFittedByFirthAndKeepsObservedEqualExpected() {
        assertNotNull(pooled.model());
        assertTrue(pooled.model().estimation().firth(), pooled.model().estimation().toString());
        assertTrue(pooled.model().estimation().reason().startsWith("maximum likelihood does not exist: separation"),
                pooled.model().estimation().reason());
        assertNull(pooled.crudeReason());
        assertEquals(pooled.model().observedTotal(), pooled.model().expectedTotal(), 1e-9);
        assertTrue(pooled.modelNotes().stream().anyMatch(n -> n.startsWith("fitted by Firth's penalised likelihood")),
                pooled.modelNotes().toString());
        // the rows are risk-adjusted: every published row with cases has E and O/E
        assertTrue(pooled.results().stream().filter(r -> r.suppressed() == null && r.denominator() != null
                && r.denominator() > 0).allMatch(r -> r.expected() != null && r.oE() != null), pooled.results().toString());
    }

    @Test
    void noDeathsAtAllIsReportedCrudeWithTheReason() throws Exception {
        IndicatorResult nation = year2022.results().stream().filter(r -> r.level().equals("nation")).findFirst().orElseThrow();
        assertEquals(0.0, nation.numerator(), "precondition: no in-hospital death after haemorrhagic stroke in 2022");
        assertNull(year2022.model());
        assertTrue(year2022.crudeReason().contains("no case is an event"), year2022.crudeReason());
        assertTrue(year2022.results().stream().allMatch(r -> r.oE() == null && r.expected() == null));
        // the funnels are the crude proportion's, and say why
        assertTrue(year2022.funnels().stream().allMatch(f -> f.kind() != no.kvik.variation.IndicatorKind.RATIO
                && f.note().contains("risk model not fitted, reported crude")), year2022.funnels().toString());
        Path charts = tmp.resolve("charts");
        AnalysisFiles.write(year2022, charts);
        JsonNode model = new ObjectMapper().readTree(charts.resolve(ID).resolve("model.json").toFile());
        assertEquals("none", model.get("estimation").get("method").asText());
        assertTrue(model.get("estimation").get("reason").asText().contains("no case is an event"), model.toString());
    }
}
