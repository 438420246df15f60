package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.engine.Engine;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: a store opened for a few indicators ({@link StoreScope}) creates what their SQL reads, through the
 * reference macros and views, and nothing else; what it creates reads the same rows as a whole open.
 */
class StoreScopeTest {
    /** AMI episodes by the curated code sets: npr_somatic → macro icd10_in_set → view icd10_code_sets → its CSV. */
    private static final String SQL = "SELECT episode_id FROM npr_somatic "
            + "WHERE icd10_in_set(main_diagnosis, 'AMI_30d_survival') ORDER BY episode_id";

    @TempDir
    Path tmp;

    private Path store() throws Exception {
        Path store = tmp.resolve("store");
        Path f = Extracts.somaticFile(tmp, "npr_somatic_2021.csv", List.of(Extracts.somatic("E1", "P1", 1),
                Extracts.somatic("E2", java.util.Map.of("main_diagnosis", "J189")), Extracts.somatic("E3", "P3", 2)));
        try (Ingester in = Ingester.open(store, IngesterTest.HOME, null)) {
            in.ingest(f);
        }
        return store;
    }

    private static StoreScope scope(String sql, List<String> registries) throws SQLException {
        return StoreScope.reading(List.of(sql), registries, IngesterTest.HOME.sql().resolve("reference"));
    }

    private static Set<String> objects(Connection c, String kind) throws SQLException {
        Set<String> names = new TreeSet<>();
        String sql = kind.equals("table")
                ? "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT temporary"
                : kind.equals("view") ? "SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal"
                : "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') "
                        + "AND NOT internal";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) rows.add(rs.getString(1));
        }
        return rows;
    }

    @Test
    void aScopeCreatesWhatItsSqlReadsThroughMacrosAndViewsAndNothingElse() throws Exception {
        Path store = store();
        try (Connection c = Store.open(store, IngesterTest.HOME, DuckDb.Settings.DEFAULTS, scope(SQL, List.of()))) {
            assertEquals(Set.of("main.ref_icd10_subsets_for_indicators"), objects(c, "table"));
            // the store's key schema repeats the registry view and the reference view it needs
            assertEquals(Set.of("main.icd10_code_sets", "main.ingest_files", "main.ingest_rejections",
                    "main.kvik_coverage", "main.npr_somatic", "main.npr_somatic_all", "kvik_keyed.icd10_code_sets",
                    "kvik_keyed.npr_somatic", "kvik_keyed.npr_somatic_all"), objects(c, "view"));
            assertEquals(Set.of("icd10_in_set"), objects(c, "macro"));
            // E1 and E3 carry I219, E2 J189
            assertEquals(List.of("E1", "E3"), rows(c, SQL));
            try (Connection whole = Store.open(store, IngesterTest.HOME)) {
                assertEquals(rows(whole, SQL), rows(c, SQL));
                assertEquals(rows(whole, "SELECT * FROM kvik_coverage WHERE registry = 'NPR'"),
                        rows(c, "SELECT * FROM kvik_coverage"));
            }
            // what the scope left out is not there, so it cannot be read by mistake
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT count(*) FROM death"));
            assertTrue(e.getMessage().contains("death"), e.getMessage());
        }
    }

    @Test
    void theContractsOfTheGivenRegistriesAreThereForTheirCoverage() throws Exception {
        try (Connection c = Store.open(store(), IngesterTest.HOME, DuckDb.Settings.DEFAULTS,
                scope("SELECT 1", List.of("NPR")))) {
            Set<String> views = objects(c, "view");
            for (String npr : List.of("npr_coercion", "npr_mental", "npr_mh_pathway", "npr_private_specialist",
                    "npr_somatic")) {
                assertTrue(views.contains("main." + npr) && views.contains("main." + npr + "_all"), npr + ": " + views);
            }
            assertTrue(views.stream().noneMatch(v -> v.startsWith("main.death")), views.toString());
            assertEquals(List.of("npr_somatic"), rows(c, "SELECT contract_id FROM kvik_coverage"));
            assertEquals(Set.of(), objects(c, "table"));
        }
    }

    @Test
    void everythingIsAWholeOpen() throws Exception {
        Path store = store();
        try (Connection scoped = Store.open(store, IngesterTest.HOME, DuckDb.Settings.DEFAULTS, StoreScope.everything());
             Connection whole = Store.open(store, IngesterTest.HOME)) {
            assertTrue(StoreScope.everything().isEverything());
            for (String kind : List.of("table", "view", "macro")) assertEquals(objects(whole, kind), objects(scoped, kind));
            Set<String> tables = objects(scoped, "table");
            for (Path csv : no.kvik.reference.ReferenceData.csvFiles(IngesterTest.HOME.reference())) {
                assertTrue(tables.contains("main." + no.kvik.reference.ReferenceData.tableName(csv)), csv.toString());
            }
        }
    }

    /** The engine's level mapping joins exactly the tables it names for a scope (read from its source). */
    @Test
    void theEngineNamesEveryLevelTableItJoins() throws Exception {
        String source = Files.readString(Path.of("src/main/java/no/kvik/engine/Engine.java"), StandardCharsets.UTF_8);
        Set<String> joined = new TreeSet<>();
        Matcher m = Pattern.compile("JOIN (ref_[a-z_]+)").matcher(source);
        while (m.find()) joined.add(m.group(1));
        assertEquals(joined, new TreeSet<>(Engine.LEVEL_TABLES));
        // and sql/reference creates each of them
        try (Connection c = Store.open(tmp.resolve("empty"), IngesterTest.HOME, DuckDb.Settings.DEFAULTS,
                scope(String.join(" ", Engine.LEVEL_TABLES), List.of()))) {
            Set<String> tables = objects(c, "table");
            for (String t : Engine.LEVEL_TABLES) assertTrue(tables.contains("main." + t), t + ": " + tables);
        }
    }
}
