package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {
    private static KvikHome home;
    private static Contracts contracts;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        home = KvikHome.locate();
        contracts = Contracts.load(home.contracts());
    }

    static final String SQL = """
            SELECT report_date AS event_date, provider_org, NULL AS residence_municipality, NULL AS residence_county,
                   NULL AS central_id, NULL AS sex, NULL AS age, corridor_patients::DOUBLE AS numerator,
                   occupied_beds::DOUBLE AS denominator, NULL::DOUBLE AS value
            FROM trust_corridor WHERE report_date >= $period_start AND report_date < $period_end AND occupied_beds >= $min_beds
            """;

    static String meta(String id, String extraParams, String tests) {
        return """
                {"id": "%s", "version": "1.0.0", "area": "somatic",
                 "name": {"no": "n", "en": "n"}, "description": {"no": "d", "en": "d"},
                 "type": "process", "dimension": "safe", "sources": ["HF"], "measure": {"kind": "proportion"},
                 "direction": "lower_is_better", "levels": ["nation", "hospital"], "frequency": "tertial",
                 "suppression": {"minDenominator": 5},
                 "parameters": [%s], "basis": "inferred", "references": [], "notes": "",
                 "tests": [%s]}
                """.formatted(id, extraParams, tests);
    }

    static final String MIN_BEDS = "{\"name\": \"min_beds\", \"type\": \"INTEGER\", \"default\": 1, \"description\": \"x\"}";

    private void write(String id, String json, String sql) throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/" + id + ".json"), json);
        if (sql != null) Files.writeString(dir.resolve("somatic/" + id + ".sql"), sql);
    }

    @Test
    void loadsTheProjectCatalogue() {
        Catalogue c = Catalogue.load(home.indicators(), contracts);
        Indicator corridor = c.get("corridor_patients");
        assertEquals(MeasureKind.PROPORTION, corridor.meta().measure().kind());
        assertEquals(List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL), corridor.meta().levels());
        assertEquals(Frequency.TERTIAL, corridor.meta().frequency());
        assertEquals("J01", c.get("antibiotic_prescriptions_per_1000").parameterValues(Map.of()).get("atc_prefix"));
    }

    @Test
    void parameterUsedButNotDeclaredAndDeclaredButUnusedAreLoadErrors() throws Exception {
        write("a", meta("a", "", ""), SQL);
        write("b", meta("b", MIN_BEDS + ", {\"name\": \"unused\", \"type\": \"VARCHAR\", \"default\": \"x\"}", ""), SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).endsWith("a.json: a.sql uses $min_beds but the metadata does not declare it"),
                e.getMessage());
        assertTrue(e.problems().get(1).endsWith("b.json: parameter 'unused' is declared but b.sql does not use it"),
                e.getMessage());
    }

    @Test
    void metadataProblemsAreAllReportedWithTheirFile() throws Exception {
        write("wrong", meta("other", MIN_BEDS, "").replace("\"tertial\"", "\"monthly\""), SQL);
        write("bad", meta("bad", MIN_BEDS, "").replace("\"lower_is_better\",", "\"lower_is_better\", \"colour\": 1,"), SQL);
        write("nosql", meta("nosql", MIN_BEDS, ""), null);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertTrue(m.contains("bad.json: not a valid indicator metadata file: Unrecognized field \"colour\""), m);
        assertTrue(m.contains("nosql.json: missing SQL file nosql.sql"), m);
        assertTrue(m.contains("wrong.json: not a valid indicator metadata file") && m.contains("unknown frequency 'monthly'"), m);
    }

    @Test
    void followUpMustNameOneIntegerParameterOrAFixedNumberOfDays() throws Exception {
        String withName = MIN_BEDS + ", {\"name\": \"label\", \"type\": \"VARCHAR\", \"default\": \"x\", \"description\": \"x\"}";
        String sql = SQL.replace("FROM trust_corridor", "FROM trust_corridor, (SELECT $label AS label) AS l");
        write("ok", meta("ok", MIN_BEDS, "").replace("\"frequency\"", "\"followUp\": {\"parameter\": \"min_beds\"}, \"frequency\""), SQL);
        write("both", meta("both", MIN_BEDS, "").replace("\"frequency\"", "\"followUp\": {\"days\": 30, \"parameter\": \"min_beds\"}, \"frequency\""), SQL);
        write("zero", meta("zero", MIN_BEDS, "").replace("\"frequency\"", "\"followUp\": {\"days\": 0}, \"frequency\""), SQL);
        write("undeclared", meta("undeclared", MIN_BEDS, "").replace("\"frequency\"", "\"followUp\": {\"parameter\": \"survival_days\"}, \"frequency\""), SQL);
        write("text", meta("text", withName, "").replace("\"frequency\"", "\"followUp\": {\"parameter\": \"label\"}, \"frequency\""), sql);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertEquals(4, e.problems().size(), m);
        assertTrue(m.contains("both.json: followUp needs exactly one of 'days' (a number of days) and 'parameter'"), m);
        assertTrue(m.contains("zero.json: followUp.days must be >= 1, got 0"), m);
        assertTrue(m.contains("undeclared.json: followUp.parameter 'survival_days' is not a declared parameter (declared: [min_beds])"), m);
        assertTrue(m.contains("text.json: followUp.parameter 'label' must be an INTEGER parameter (days), not VARCHAR"), m);
        assertTrue(!m.contains("ok.json"), m);
    }

    @Test
    void aSharedCohortNamesAMacroAndDeclaredParametersOrThePeriods() throws Exception {
        String cohort = "\"cohort\": {\"macro\": \"%s\", \"parameters\": %s}, \"frequency\"";
        write("ok", meta("ok", MIN_BEDS, "").replace("\"frequency\"",
                cohort.formatted("bed_cohort", "[\"min_beds\", \"period_start\", \"period_end\"]")), SQL);
        write("badname", meta("badname", MIN_BEDS, "").replace("\"frequency\"", cohort.formatted("Bed Cohort", "[\"min_beds\"]")), SQL);
        write("noargs", meta("noargs", MIN_BEDS, "").replace("\"frequency\"", cohort.formatted("bed_cohort", "[]")), SQL);
        write("undeclared", meta("undeclared", MIN_BEDS, "").replace("\"frequency\"", cohort.formatted("bed_cohort", "[\"min_age\"]")), SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertEquals(3, e.problems().size(), m);
        assertTrue(m.contains("badname.json: cohort.macro must be the lower_snake_case name of a table macro, got 'Bed Cohort'"), m);
        assertTrue(m.contains("noargs.json: cohort.parameters must name the macro's arguments"), m);
        assertTrue(m.contains("undeclared.json: cohort.parameters names 'min_age', which is not a declared parameter "
                + "(declared: [min_beds, period_start, period_end])"), m);
        assertTrue(!m.contains("ok.json"), m);
    }

    @Test
    void aLinearRiskModelOnlyOnAMeanALogisticOneOnlyOnAProportionAndAnAreaFromTheList() throws Exception {
        String linear = "\"riskModel\": {\"family\": \"linear\", \"covariates\": [\"cov_sex\"]}, \"parameters\"";
        String logistic = "\"riskModel\": {\"covariates\": [\"cov_sex\"]}, \"parameters\"";
        write("linearprop", meta("linearprop", MIN_BEDS, "").replace("\"parameters\"", linear), SQL);
        write("logisticmean", meta("logisticmean", MIN_BEDS, "").replace("\"proportion\"", "\"mean\"")
                .replace("\"parameters\"", logistic), SQL);
        write("linearmean", meta("linearmean", MIN_BEDS, "").replace("\"proportion\"", "\"mean\"")
                .replace("\"parameters\"", linear), SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertEquals(2, e.problems().size(), m);
        assertTrue(m.contains("linearprop.json: a linear riskModel adjusts a mean score, but measure.kind is proportion"), m);
        assertTrue(m.contains("logisticmean.json: riskModel applies to proportions (0/1 case outcomes), but measure.kind is mean"), m);
        // data_quality is a catalogue area (the folder must match)
        Files.createDirectories(dir.resolve("data_quality"));
        Files.writeString(dir.resolve("data_quality/dq.json"), meta("dq", MIN_BEDS, "").replace("\"somatic\"", "\"data_quality\""));
        Files.writeString(dir.resolve("data_quality/dq.sql"), SQL);
        for (String bad : List.of("linearprop", "logisticmean")) {
            Files.delete(dir.resolve("somatic/" + bad + ".json"));
            Files.delete(dir.resolve("somatic/" + bad + ".sql"));
        }
        Catalogue c = Catalogue.load(dir, contracts);
        assertEquals("data_quality", c.get("dq").meta().area());
    }

    @Test
    void testsAreCheckedAgainstContractsAtLoad() throws Exception {
        String test = """
                {"name": "t", "parameters": {"period_start": "2024-01-01"},
                 "given": {"trust_corridor": [{"provider_org": "1", "beds": 3}], "nope": []},
                 "expect": [{"numerator": 1, "total": 2}]}""";
        write("t", meta("t", MIN_BEDS, test), SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertTrue(m.contains("tests[0] 't': parameters must give period_end"), m);
        assertTrue(m.contains("given trust_corridor row 1: 'beds' is not a column of contract trust_corridor"), m);
        assertTrue(m.contains("given table 'nope' is not a contract"), m);
        assertTrue(m.contains("expect row 1: 'total' is not an output column"), m);
    }

    @Test
    void runnerReportsADiffWhenTheOutputDiffers() throws Exception {
        String test = """
                {"name": "wrong on purpose", "parameters": {"period_start": "2024-01-01", "period_end": "2024-05-01"},
                 "given": {"trust_corridor": [
                   {"provider_org": "974795930", "report_date": "2024-02-01", "corridor_patients": 2, "occupied_beds": 10},
                   {"provider_org": "974795930", "report_date": "2024-02-02", "corridor_patients": 0, "occupied_beds": 0}]},
                 "expect": [{"event_date": "2024-02-01", "numerator": 3}]}""";
        write("t", meta("t", MIN_BEDS, test), SQL);
        Catalogue c = Catalogue.load(dir, contracts);
        Indicator t = c.get("t");
        try (IndicatorTestRunner runner = new IndicatorTestRunner(home, contracts)) {
            IndicatorTestFailure f = assertThrows(IndicatorTestFailure.class, () -> runner.run(t, t.meta().tests().get(0)));
            String m = f.getMessage();
            assertTrue(m.startsWith("t test 'wrong on purpose': output differs from expect (1 expected, 1 actual rows)"), m);
            assertTrue(m.contains("missing:    {event_date=2024-02-01, numerator=3}"), m);
            assertTrue(m.contains("unexpected: {event_date=2024-02-01, provider_org=974795930"), m);
            // min_beds = 1 (the default) drops the day with no beds: one actual row
        }
    }

    @Test
    void matchingIsOrderInsensitiveWithTolerance() {
        List<Map<String, Object>> actual = List.of(Map.of("a", "x", "n", 1.0), Map.of("a", "y", "n", 2.0000000000001));
        IndicatorTestRunner.compare("w", List.of(Map.of("n", 2), Map.of("a", "x")), actual);
        assertThrows(IndicatorTestFailure.class,
                () -> IndicatorTestRunner.compare("w", List.of(Map.of("n", 2.001), Map.of("a", "x")), actual));
        assertThrows(IndicatorTestFailure.class, () -> IndicatorTestRunner.compare("w", List.of(Map.of("a", "x")), actual));
    }
}
