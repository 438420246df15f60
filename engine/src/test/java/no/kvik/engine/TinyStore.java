package no.kvik.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.catalog.Level;
import no.kvik.catalog.LocalizedText;
import no.kvik.catalog.Measure;
import no.kvik.catalog.PeriodRules;
import no.kvik.catalog.Suppression;
import no.kvik.catalog.Target;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.SqlTemplate;

/**
 * A hand-made store for engine tests: a tiny hierarchy in the reference tables, the real level views of
 * sql/reference/levels.sql, and a table {@code cases_src} with the output-contract columns.
 *
 * <pre>
 * RHF 1 "Helse En":  HF 10 "HF Ti": hospital 101 (org o1), hospital 102 (org o2)
 *                    HF 11 "HF Elleve": hospital 111 (org o3)
 * RHF 2 "Helse To":  HF 20 "HF Tjue": hospital 201 (org o4); org o5 has HF 20 but no hospital
 * Municipalities in force: 0301 Oslo (county 03), 3101 Halden and 3103 Moss (county 31 Østfold);
 * number changes 101 -> 3001 (2020) -> 3101 (2024): 0101 is Halden.
 * Populations (for the size groups): Oslo 717,710 (large), Halden 19,999 (medium), Moss 4,999 (small).
 * Centrals: AMK01 "AMK En", AMK02 "AMK To" (type AMK), LVS03 "Legevaktsentral Tre" (type LVS).
 * Catchment areas: the real opptaksområder (0301 Oslo -> bo-HF 30 Oslo, bo-RHF 4; 3101, 3103 -> bo-HF 14 Østfold, bo-RHF 4).
 * </pre>
 */
final class TinyStore {
    private TinyStore() {
    }

    /** Adds case rows to the tiny store's {@code cases_src}: {@code valuesSql} is a VALUES list of its eight columns. */
    static void insertCases(Connection c, String valuesSql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, residence_municipality, residence_county, central_id, "
                    + "numerator, denominator, value) VALUES " + valuesSql);
        }
    }

    static Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        // the real reference tables first (the curated views of sql/reference are bound to them when
        // created), then the tiny hierarchy replaces the tables the level views read
        ReferenceData.register(c, KvikHome.locate().reference());
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE OR REPLACE TABLE ref_behandlingssteder_skde_behandler AS SELECT * FROM (VALUES
                      ('o1', '101', 'Sykehus 101', '10', 'HF Ti', '1', 'Helse En'),
                      ('o2', '102', 'Sykehus 102', '10', 'HF Ti', '1', 'Helse En'),
                      ('o3', '111', 'Sykehus 111', '11', 'HF Elleve', '1', 'Helse En'),
                      ('o4', '201', 'Sykehus 201', '20', 'HF Tjue', '2', 'Helse To'),
                      ('o5', NULL, NULL, '20', 'HF Tjue', '2', 'Helse To'))
                      AS t(orgnr, behsh, behsh_navn, behhf, behhf_navn, behrhf, behrhf_navn)""");
            st.execute("""
                    CREATE OR REPLACE TABLE ref_kommuner_2025 AS SELECT * FROM (VALUES
                      ('0301', 'Oslo', '03', 'Oslo', '717710'), ('3101', 'Halden', '31', 'Østfold', '19999'),
                      ('3103', 'Moss', '31', 'Østfold', '4999'))
                      AS t(kommunenummer, kommunenavn, fylkesnummer, fylkesnavn, folketall)""");
            st.execute("""
                    CREATE OR REPLACE TABLE ref_kommunenummer_endringer_skde AS SELECT * FROM (VALUES
                      ('2020', '101', '3001'), ('2024', '3001', '3101'))
                      AS t(aar, gml_komnr, ny_komnr)""");
            st.execute("""
                    CREATE OR REPLACE TABLE ref_fylker_2025 AS SELECT * FROM (VALUES ('03', 'Oslo'), ('31', 'Østfold'))
                      AS t(fylkesnummer, fylkesnavn)""");
            st.execute("""
                    CREATE OR REPLACE TABLE ref_emergency_centrals AS SELECT * FROM (VALUES ('AMK01', 'AMK', 'AMK En'),
                      ('AMK02', 'AMK', 'AMK To'), ('LVS03', 'LVS', 'Legevaktsentral Tre'))
                      AS t(central_id, type, name)""");
            st.execute("""
                    CREATE TABLE cases_src (event_date DATE, provider_org VARCHAR, residence_municipality VARCHAR,
                      residence_county VARCHAR, central_id VARCHAR, sex VARCHAR, age INTEGER, numerator DOUBLE,
                      denominator DOUBLE, value DOUBLE)""");
        }
        // the curated table macros read the (here empty) registry tables
        IndicatorTestRunner.createContractTables(c, Contracts.load(KvikHome.locate().contracts()));
        ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"));
        return c;
    }

    static final String SQL = """
            SELECT event_date, provider_org, residence_municipality, residence_county, central_id, sex, age,
                   numerator, denominator, value
            FROM cases_src WHERE event_date >= $period_start AND event_date < $period_end""";

    static Indicator indicator(Measure measure, List<Level> levels, Frequency frequency, Suppression suppression,
                               Target target, Direction direction) {
        return indicator(measure, levels, frequency, null, suppression, target, direction);
    }

    static Indicator indicator(Measure measure, List<Level> levels, Frequency frequency, PeriodRules periodRules,
                               Suppression suppression, Target target, Direction direction) {
        return indicator(SQL, measure, levels, frequency, periodRules, suppression, target, direction);
    }

    /** An indicator running {@code sql} (which binds $period_start and $period_end) instead of reading cases_src. */
    static Indicator indicator(String sql, Measure measure, List<Level> levels, Frequency frequency, PeriodRules periodRules,
                               Suppression suppression, Target target, Direction direction) {
        IndicatorMeta meta = new IndicatorMeta("tiny", "1.2.3", "somatic", new LocalizedText("t", "t"),
                new LocalizedText("d", "d"), "process", "safe", List.of("NPR"), measure, direction, levels, frequency,
                periodRules, suppression, target, null, List.of(), "inferred", List.of(), "", List.of(), null);
        return new Indicator(meta, SqlTemplate.parse(sql), java.nio.file.Path.of("tiny.sql"));
    }

    static Suppression none() {
        return new Suppression(1, null);
    }
}
