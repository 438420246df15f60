package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of an indicator with a logistic risk model keeps its case rows and gives the analysis the kept rows dated in
 * the case range (issue #17: the indicator query runs once, not twice). For every such indicator of the catalogue,
 * on the shared synthetic extracts, those rows must be exactly the rows the indicator query gives for that range
 * (compared as multisets, every column), for the whole store and for one year.
 */
class CaseTableReuseTest {
    @TempDir
    static Path tmp;
    static Path store;
    static List<Indicator> modelled;

    @BeforeAll
    static void ingest() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Path extracts = SyntheticExtracts.small2022To2024();
        store = tmp.resolve("store");
        try (Ingester ingester = Ingester.open(store, home, null)) {
            ingester.ingestAll(SyntheticExtracts.files(extracts, "npr_somatic|death|population|nois_ssi"));
        }
        modelled = new ArrayList<>();
        for (Indicator i : Catalogue.load(home.indicators(), contracts).all()) {
            if (EngineRun.keepsCases(i.meta())) modelled.add(i);
        }
    }

    @Test
    void keptRowsInTheRangeAreTheQueryRows() throws Exception {
        assertTrue(modelled.size() >= 5, "the catalogue's logistic risk-model indicators: " + modelled.size());
        int withCases = 0;
        try (Connection c = Store.open(store, KvikHome.locate())) {
            Engine engine = new Engine(c);
            for (RunRequest request : List.of(RunRequest.allYears(),
                    RunRequest.between(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1)))) {
                for (Indicator i : modelled) {
                    try (EngineRun run = engine.prepare(i, request)) {
                        String kept = run.cases();
                        String queried = run.table("queried_cases");
                        long rows = engine.createCaseTable(i, request, queried);
                        assertEquals(rows, count(c, "SELECT count(*) FROM " + kept), i.id() + " " + request);
                        assertEquals(0, count(c, "SELECT count(*) FROM (SELECT * FROM " + kept + " EXCEPT ALL SELECT * FROM "
                                + queried + ")"), i.id() + ": kept rows the query does not give");
                        assertEquals(0, count(c, "SELECT count(*) FROM (SELECT * FROM " + queried + " EXCEPT ALL SELECT * FROM "
                                + kept + ")"), i.id() + ": query rows the kept table lacks");
                        if (rows > 0) withCases++;
                    }
                }
            }
        }
        assertTrue(withCases >= modelled.size(), "indicators with case rows: " + withCases);
    }

    @Test
    void onlyLogisticModelsKeepCases() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        assertTrue(EngineRun.keepsCases(catalogue.get("ami_30d_survival").meta()));
        assertFalse(EngineRun.keepsCases(catalogue.get("antibiotic_users_share").meta()));
        assertFalse(EngineRun.keepsCases(catalogue.get("patient_experience_phv_adult_inpatient").meta()));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
