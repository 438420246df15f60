package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.RunRequest;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.synth.Synthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvik sql ID --console: the printed script, run as one text through a plain DuckDB JDBC connection (no kvik code
 * in between), gives the same case rows as the engine computes for the indicator on the same store and period.
 * The store: synthetic, scale 0.006, 2022-2023, npr_somatic and death only (what the indicators below read).
 */
class SqlConsoleScriptIT {
    @TempDir
    static Path tmp;
    static Path store;
    static final KvikHome HOME = KvikHome.locate();
    static Catalogue catalogue;

    @BeforeAll
    static void buildStore() throws Exception {
        Path extracts = tmp.resolve("extracts");
        Contracts contracts = Contracts.load(HOME.contracts());
        new Synthesizer(new Synthesizer.Settings(0.006, 2022, 2023, 7, extracts, 2), HOME.reference(), contracts).generate();
        store = tmp.resolve("store");
        try (Stream<Path> files = Files.list(extracts); Ingester ingester = Ingester.open(store, HOME, null)) {
            ingester.ingestAll(files.filter(f -> f.getFileName().toString().matches("(npr_somatic|death)_.*\\.csv"))
                    .sorted().toList());
        }
        catalogue = Catalogue.load(HOME.indicators(), contracts);
    }

    @Test
    void survivalScriptGivesTheEngineCases() throws Exception {
        String script = script("ami_30d_survival", "--period", "2022");
        // a shared SQL file: the indicator's own code set is a parameter, executed with the metadata's defaults
        assertTrue(script.contains("EXECUTE kvik_indicator(diagnosis_set := 'AMI_30d_survival', period_start := DATE "
                + "'2022-01-01', period_end := DATE '2023-01-01', lookback_days := CAST(365 AS INTEGER), survival_days := "
                + "CAST(30 AS INTEGER), min_age := CAST(18 AS INTEGER));"), script);
        // the macros the query calls and those they call, nothing the query does not read
        for (String needed : List.of("MACRO survival_cases", "MACRO died_within", "MACRO icd10_in_set", "MACRO charlson_index",
                "VIEW icd10_code_sets", "VIEW \"npr_somatic\"", "VIEW \"death\"", "TABLE ref_icd10_subsets_for_indicators")) {
            assertTrue(script.contains(needed), needed);
        }
        for (String unneeded : List.of("npr_mental", "readmission_67_cases", "ref_municipalities", "kvik_coverage")) {
            assertFalse(script.contains(unneeded), unneeded);
        }
        List<String> fromScript = runScript(script);
        List<String> fromEngine = engineCases("ami_30d_survival", LocalDate.of(2022, 1, 1), LocalDate.of(2023, 1, 1), Map.of());
        assertTrue(fromEngine.size() > 20, "too few cases to compare: " + fromEngine.size());
        assertEquals(fromEngine, fromScript);
    }

    @Test
    void parametersGivenOnTheCommandLineReachTheScript() throws Exception {
        String script = script("readmission_67_30d_pneumonia", "--period", "2022", "--param", "readmission_days=60");
        assertTrue(script.contains("group_prefix := 'READM67_Lungebetennelse'"), script);
        assertTrue(script.contains("readmission_days := CAST(60 AS INTEGER)"), script);
        List<String> fromScript = runScript(script);
        List<String> fromEngine = engineCases("readmission_67_30d_pneumonia", LocalDate.of(2022, 1, 1),
                LocalDate.of(2023, 1, 1), Map.of("readmission_days", "60"));
        assertFalse(fromEngine.isEmpty());
        assertEquals(fromEngine, fromScript);
    }

    @Test
    void consoleNeedsAStore() {
        CliRun run = CliRun.run("sql", "ami_30d_survival", "--console");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("--console needs --store STORE"), run.err());
    }

    private static String script(String... args) {
        List<String> all = new ArrayList<>(List.of("sql", args[0], "--console", "--store", store.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    /** The whole script as one text on a fresh in-memory DuckDB; its last statement's rows, sorted. */
    private static List<String> runScript(String script) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertTrue(st.execute(script), "the script's last statement returns no rows");
            try (ResultSet rs = st.getResultSet()) {
                return rows(rs);
            }
        }
    }

    /** The engine's case rows for the indicator on the store (Store.open, Engine.createCaseTable), sorted. */
    private static List<String> engineCases(String id, LocalDate from, LocalDate to, Map<String, ?> parameters)
            throws SQLException {
        Indicator indicator = catalogue.get(id);
        RunRequest request = new RunRequest(from, to, null, 0, parameters);
        try (Connection c = Store.open(store, HOME)) {
            long n = new Engine(c).createCaseTable(indicator, request, "console_cases");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM console_cases")) {
                List<String> rows = rows(rs);
                assertEquals(n, rows.size());
                return rows;
            }
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) row.append(md.getColumnName(i)).append('=').append(rs.getObject(i)).append(' ');
            rows.add(row.toString());
        }
        rows.sort(null);
        return rows;
    }
}
