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

/**
 * One SQL file serving several indicators ({@code "sql": "shared/<name>.sql"}), the generated parameter header of
 * every SQL file, and the given/expect runner's outcomes as {@code kvik test} prints them.
 */
class SharedSqlAndHeadersTest {
    private static KvikHome home;
    private static Contracts contracts;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        home = KvikHome.locate();
        contracts = Contracts.load(home.contracts());
    }

    /** A corridor indicator whose minimum of beds is a parameter with this default, reading the shared file. */
    private static String sharedMeta(String id, int minBeds, String tests) {
        return CatalogueTest.meta(id, CatalogueTest.MIN_BEDS.replace("\"default\": 1", "\"default\": " + minBeds), tests)
                .replace("\"area\": \"somatic\",", "\"area\": \"somatic\", \"sql\": \"shared/corridor.sql\",");
    }

    private void writeShared(String sql) throws Exception {
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/corridor.sql"), sql);
    }

    private void writeMeta(String id, String json) throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/" + id + ".json"), json);
    }

    @Test
    void everyProjectSqlFileHasAnUpToDateHeader() throws Exception {
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        Map<Path, String> stale = SqlHeaders.stale(catalogue);
        assertTrue(stale.isEmpty(), "SQL files with a missing or stale parameter header (run `kvik sql --headers`): "
                + stale.keySet());
        // 211 indicators (issue #16: somatic 92, mental 43, municipal 45, dental 4, emergency 13, medicines 7,
        // data_quality 7), 35 shared files serving 186 of them, 25 own files;
        // + 12 of branch som2 (somatic 10: six cancer survivals on the new shared cancer_relative_survival_cases,
        // four pressure-ulcer and fall measures on registry_aggregate_cells; emergency 2 on the new amk_dispatch_cases)
        // + 12 mental follow-up indicators (branch mh2: outpatient follow-up 7 and 30 d, readmission 30 d, outpatient
        // consultations per patient, each for PHV adults, PHV children and young, TSB) in 2 new shared files
        // + 9 (oecd2: the AMI indicators of the OECD integrated-care pilot share the CHF pilot's file, renamed
        // oecd_follow_up_cases.sql)
        assertEquals(211 + 12 + 12 + 9, catalogue.all().size());
        assertEquals(35 + 2 + 2 + 25, SqlHeaders.byFile(catalogue).size());
        assertEquals(186 + 12 + 12 + 9, catalogue.all().stream().filter(i -> i.meta().sql() != null).count());
    }

    @Test
    void indicatorsShareOneFileWithTheirOwnParameters() throws Exception {
        writeShared(CatalogueTest.SQL);
        writeMeta("a", sharedMeta("a", 1, ""));
        writeMeta("b", sharedMeta("b", 3, ""));
        Catalogue c = Catalogue.load(dir, contracts);
        assertEquals(c.get("a").sqlFile(), c.get("b").sqlFile());
        assertEquals(dir.resolve("shared/corridor.sql").toAbsolutePath().normalize(), c.get("a").sqlFile());
        assertEquals(dir.resolve("somatic/b.json"), c.get("b").metaFile());
        assertEquals(3, c.get("b").parameterValues(Map.of()).get("min_beds"));

        // the generated header: both users, the parameter with each one's default (values worked out by hand)
        Map<Path, String> stale = SqlHeaders.stale(c);
        assertEquals(List.of(c.get("a").sqlFile()), List.copyOf(stale.keySet()));
        String expectedHeader = """
                -- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
                -- Shared by 2 indicators: a, b.
                -- $period_start DATE: first day of the period, inclusive (given by the run)
                -- $period_end DATE: day after the period, exclusive (given by the run)
                -- $min_beds INTEGER: x
                --     defaults: a 1, b 3
                -- end of kvik parameters
                """;
        assertEquals(expectedHeader + CatalogueTest.SQL, stale.get(c.get("a").sqlFile()));
        SqlHeaders.write(c);
        assertTrue(SqlHeaders.stale(c).isEmpty());
        // writing again changes nothing; the query is the same (only comments were added)
        assertEquals(List.of(), SqlHeaders.write(c));
        Catalogue reloaded = Catalogue.load(dir, contracts);
        assertEquals(c.get("a").sql().jdbcText().strip(), reloaded.get("a").sql().jdbcText()
                .substring(reloaded.get("a").sql().jdbcText().indexOf("SELECT")).strip());

        // a changed default makes the header stale, and rewriting replaces the old header rather than adding one
        writeMeta("b", sharedMeta("b", 5, ""));
        Catalogue changed = Catalogue.load(dir, contracts);
        String rewritten = SqlHeaders.stale(changed).get(changed.get("a").sqlFile());
        assertEquals(expectedHeader.replace("b 3", "b 5") + CatalogueTest.SQL, rewritten);
    }

    @Test
    void anOwnFileHeaderShowsItsDefaultInline() throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/t.json"), CatalogueTest.meta("t", CatalogueTest.MIN_BEDS, ""));
        Files.writeString(dir.resolve("somatic/t.sql"), CatalogueTest.SQL);
        Catalogue c = Catalogue.load(dir, contracts);
        assertEquals("""
                -- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
                -- $period_start DATE: first day of the period, inclusive (given by the run)
                -- $period_end DATE: day after the period, exclusive (given by the run)
                -- $min_beds INTEGER = 1: x
                -- end of kvik parameters
                """, SqlHeaders.header(List.of(c.get("t"))));
    }

    @Test
    void sharedFileProblemsAreNamed() throws Exception {
        writeShared(CatalogueTest.SQL);
        Files.writeString(dir.resolve("shared/unused.sql"), CatalogueTest.SQL);
        writeMeta("a", sharedMeta("a", 1, ""));
        writeMeta("b", sharedMeta("b", 1, "").replace("shared/corridor.sql", "../somatic/x.sql"));
        writeMeta("c", sharedMeta("c", 1, "").replace("shared/corridor.sql", "shared/nope.sql"));
        writeMeta("d", sharedMeta("d", 1, ""));
        Files.writeString(dir.resolve("somatic/d.sql"), CatalogueTest.SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        String m = e.getMessage();
        assertTrue(m.contains("b.json: \"sql\" must name a shared file as shared/<lower_snake_case>.sql, got '../somatic/x.sql'"), m);
        assertTrue(m.contains("c.json: missing SQL file " + dir.resolve("shared/nope.sql").toAbsolutePath().normalize()), m);
        assertTrue(m.contains("d.json: \"sql\" names the shared shared/corridor.sql but d.sql exists too: keep one"), m);

        // with every indicator loading, a shared file no indicator names is an error of its own
        Files.delete(dir.resolve("somatic/b.json"));
        Files.delete(dir.resolve("somatic/c.json"));
        Files.delete(dir.resolve("somatic/d.sql"));
        CatalogueException unused = assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        assertTrue(unused.getMessage().contains("unused.sql: shared SQL file that no indicator names in its \"sql\""),
                unused.getMessage());
    }

    @Test
    void runnerOutcomesSayWhichCasesFailedAndWhere() throws Exception {
        String passing = """
                {"name": "passes", "parameters": {"period_start": "2024-01-01", "period_end": "2024-05-01"},
                 "given": {"trust_corridor": [
                   {"provider_org": "974795930", "report_date": "2024-02-01", "corridor_patients": 2, "occupied_beds": 10},
                   {"provider_org": "974795930", "report_date": "2024-02-02", "corridor_patients": 0, "occupied_beds": 0}]},
                 "expect": [{"event_date": "2024-02-01", "numerator": 2, "denominator": 10}]}""";
        String failing = passing.replace("\"passes\"", "\"numerator off by one\"").replace("\"numerator\": 2", "\"numerator\": 3");
        writeShared(CatalogueTest.SQL);
        writeMeta("a", sharedMeta("a", 1, passing + ", " + failing));
        writeMeta("b", sharedMeta("b", 1, ""));
        Catalogue c = Catalogue.load(dir, contracts);
        try (IndicatorTestRunner runner = new IndicatorTestRunner(home, contracts)) {
            List<IndicatorTestRunner.Outcome> outcomes = runner.runAll(c.all());
            assertEquals(3, outcomes.size());
            assertTrue(outcomes.get(0).passed(), outcomes.get(0).failure());
            IndicatorTestRunner.Outcome off = outcomes.get(1);
            assertEquals("numerator off by one", off.testName());
            assertTrue(off.failure().contains("missing:    {event_date=2024-02-01, numerator=3, denominator=10}"), off.failure());
            // the nearest actual row differs in the numerator only, and says by how much
            assertTrue(off.failure().contains("nearest unexpected row differs in numerator expected 3, actual 2.0"), off.failure());
            IndicatorTestRunner.Outcome none = outcomes.get(2);
            assertEquals("b", none.indicatorId());
            assertEquals("b has no given/expect tests in " + dir.resolve("somatic/b.json"), none.failure());
        }
    }
}
