package no.kvik.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.store.Store;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: a risk model fitted on the run's own cases takes its levels, separation merges, constant covariates
 * and patterns from one count of the cases per combination of covariate values. The same model fitted through the
 * reference-period path, which still reads the case rows in a query per step, is the independent method here:
 * with the run's own year as the reference period both fit the same cases, so the rows (O, E, adjusted rates),
 * the model's coefficients and diagnostics and the notes must be equal to the last bit. Synthetic data as in
 * RiskModelFallbackTest (scale 0.01, seed 11, npr_somatic only), where small hospitals and rare diagnosis groups
 * give levels with no events, so the merges are exercised.
 */
class CountedCaseMixTest {
    static final List<String> IDS = List.of("readmission_67_30d", "oecd_haemorrhagic_stroke_30d_mortality_in_hospital",
            "readmission_67_30d_pneumonia");

    static final List<AnalysedIndicator[]> PAIRS = new ArrayList<>();

    @BeforeAll
    static void generateIngestAnalyse() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Path store = TestStores.somaticScale001Seed11();
        Catalogue catalogue = Catalogue.loadOnly(home.indicators(), contracts, IDS);
        RunRequest year = RunRequest.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1));
        try (Connection c = Store.open(store, home)) {
            Analysis analysis = new Analysis(c);
            for (String id : IDS) {
                PAIRS.add(new AnalysedIndicator[] {analysis.run(catalogue.get(id), year),
                        analysis.run(catalogue.get(id), year, AnalysisOptions.defaults().withReferencePeriod("2023"))});
            }
        }
    }

    @Test
    void countedFitEqualsTheFitOnTheRowsToTheLastBit() {
        for (AnalysedIndicator[] pair : PAIRS) {
            AnalysedIndicator counted = pair[0];
            AnalysedIndicator rows = pair[1];
            String id = counted.indicator().meta().id();
            assertNotNull(counted.model(), id + " has a fitted model");
            assertFalse(counted.results().isEmpty(), id);
            assertEquals(rows.model(), counted.model(), id + ": coefficients and diagnostics");
            assertEquals(rows.modelNotes(), counted.modelNotes(), id + ": notes (merges, left-out covariates, Firth)");
            assertEquals(rows.results().size(), counted.results().size(), id);
            for (int i = 0; i < rows.results().size(); i++) {
                IndicatorResult r = rows.results().get(i);
                IndicatorResult c = counted.results().get(i);
                assertEquals(r, c, id + " row " + i);
            }
        }
    }

    /** The data do exercise the merge path: at least one model merged a separated level. */
    @Test
    void aSeparatedLevelWasMerged() {
        assertTrue(PAIRS.stream().anyMatch(p -> p[0].modelNotes().stream().anyMatch(n -> n.contains("merged into a neighbour"))),
                () -> PAIRS.stream().map(p -> p[0].indicator().meta().id() + ": " + p[0].modelNotes()).toList().toString());
    }
}
