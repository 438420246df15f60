package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter in date arithmetic ({@code report_date + $lag_days}) leaves DuckDB without its type while the query is
 * prepared unbound, so the engine cannot read the output columns and {@code kvik run} fails: the given/expect runner
 * ({@code kvik test}, IndicatorSqlTest) checks the unbound query the same way and fails with the same problem; cast
 * where it is used, the same test passes.
 */
class UnboundParameterTypeTest {
    private static Contracts contracts;
    private static IndicatorTestRunner runner;

    @TempDir
    Path dir;

    private static final String LAG_DAYS = "{\"name\": \"lag_days\", \"type\": \"INTEGER\", \"default\": 1, \"description\": \"x\"}";
    private static final String TEST = """
            {"name": "one report", "parameters": {"period_start": "2024-01-01", "period_end": "2024-05-01"},
             "given": {"trust_corridor": [{"provider_org": "974795930", "report_date": "2024-02-01", "corridor_patients": 2,
                                            "occupied_beds": 100}]},
             "expect": [{"event_date": "2024-02-02", "numerator": 2.0, "denominator": 100.0}]}""";
    private static final String SQL = """
            SELECT report_date + %s AS event_date, provider_org, NULL AS residence_municipality, NULL AS residence_county,
                   NULL AS central_id, NULL AS sex, NULL AS age, corridor_patients::DOUBLE AS numerator,
                   occupied_beds::DOUBLE AS denominator, NULL::DOUBLE AS value
            FROM trust_corridor WHERE report_date >= $period_start AND report_date < $period_end
            """;

    @BeforeAll
    static void open() throws Exception {
        KvikHome home = KvikHome.locate();
        contracts = Contracts.load(home.contracts());
        runner = new IndicatorTestRunner(home, contracts);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    private Indicator indicator(String lag) throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/lagged.json"), CatalogueTest.meta("lagged", LAG_DAYS, TEST));
        Files.writeString(dir.resolve("somatic/lagged.sql"), SQL.formatted(lag));
        return Catalogue.load(dir, contracts).get("lagged");
    }

    @Test
    void anUntypedParameterFailsTheTestAsItFailsTheRun() throws Exception {
        Indicator lagged = indicator("$lag_days");
        IndicatorTestFailure e = assertThrows(IndicatorTestFailure.class, () -> runner.run(lagged, lagged.meta().tests().get(0)));
        // the engine's words (Engine.prepareChecked): the columns of the query prepared unbound
        assertEquals("lagged test 'one report': output columns must start with " + OutputContract.COLUMNS + ", got [unknown]",
                e.getMessage());
    }

    @Test
    void castWhereItIsUsedTheSameTestPasses() throws Exception {
        Indicator lagged = indicator("CAST($lag_days AS INTEGER)");
        runner.run(lagged, lagged.meta().tests().get(0));
        assertTrue(runner.runAll(java.util.List.of(lagged)).stream().allMatch(o -> o.failure() == null));
    }
}
