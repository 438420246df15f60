package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.catalog.Direction;
import no.kvik.catalog.Frequency;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.catalog.Level;
import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.Suppression;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * The levels NKI publishes beside the first seven (issue #16): AMK and legevakt centrals, residence (catchment)
 * health trusts, municipality size groups and centrality classes, and the county structure in force applied back
 * over earlier years.
 * Aggregates are worked out by hand from the rows (TinyStore's hierarchy); the reference-wide checks count the
 * real reference tables independently (a Python csv pass over data/reference, noted at each figure).
 */
class PublishedLevelsTest {

    private static Map<String, String> cells(List<IndicatorResult> results) {
        Map<String, String> m = new LinkedHashMap<>();
        for (IndicatorResult r : results) {
            m.put(r.periodLabel() + " " + r.level() + " " + r.unitId(), r.suppressed() != null ? r.suppressed()
                    : Math.round(r.numerator()) + "/" + Math.round(r.denominator()));
        }
        return m;
    }

    private static void insert(Connection c, String values) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cases_src (event_date, provider_org, residence_municipality, residence_county, central_id, "
                    + "numerator, denominator, value) VALUES " + values);
        }
    }

    private static Indicator proportion(List<Level> levels) {
        return TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null), levels, Frequency.YEAR,
                TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
    }

    @Test
    void amkAndLegevaktAreLevelsOfOneCentralTypeEachAndTheOtherTypeIsUnknown() throws Exception {
        try (Connection c = TinyStore.open()) {
            insert(c, """
                    (DATE '2024-02-01', NULL, NULL, NULL, 'AMK01', 9, 10, NULL),
                    (DATE '2024-03-01', NULL, NULL, NULL, 'AMK02', 7, 10, NULL),
                    (DATE '2024-04-01', NULL, NULL, NULL, 'LVS03', 3, 4, NULL),
                    (DATE '2024-05-01', NULL, NULL, NULL, 'AMK99', 5, 6, NULL),
                    (DATE '2024-06-01', NULL, NULL, NULL, NULL, 1, 1, NULL)""");
            List<IndicatorResult> results = new Engine(c).run(proportion(List.of(Level.NATION, Level.AMK, Level.LEGEVAKT)),
                    RunRequest.allYears());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2024 nation nation", "25/31");
            expected.put("2024 amk AMK01", "9/10");
            expected.put("2024 amk AMK02", "7/10");
            expected.put("2024 amk unknown", "9/11"); // LVS03 3/4 + AMK99 5/6 + no central 1/1
            expected.put("2024 legevakt LVS03", "3/4");
            expected.put("2024 legevakt unknown", "22/27"); // 9+7+5+1 / 10+10+6+1
            assertEquals(expected, cells(results));
            assertEquals("Legevaktsentral Tre", results.stream().filter(r -> r.unitId().equals("LVS03")).findFirst()
                    .orElseThrow().unitName());
        }
    }

    @Test
    void residenceHealthTrustsAndSizeGroupsFollowTheMunicipalityInForce() throws Exception {
        try (Connection c = TinyStore.open()) {
            insert(c, """
                    (DATE '2024-02-01', 'o1', '0301', NULL, NULL, 10, 20, NULL),
                    (DATE '2024-03-01', 'o2', '0101', NULL, NULL, 5, 10, NULL),
                    (DATE '2024-06-01', 'o3', '3103', NULL, NULL, 3, 30, NULL),
                    (DATE '2024-01-15', 'o4', NULL, '31', NULL, 8, 8, NULL),
                    (DATE '2024-02-02', 'o5', '9999', NULL, NULL, 1, 4, NULL)""");
            List<IndicatorResult> results = new Engine(c).run(proportion(List.of(Level.NATION, Level.HF, Level.RHF_RESIDENCE,
                    Level.HF_RESIDENCE, Level.MUNICIPALITY_GROUP)), RunRequest.allYears());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2024 nation nation", "27/72");
            expected.put("2024 hf 10", "15/30"); // the treating HF beside the residence ones: o1 + o2
            expected.put("2024 hf 11", "3/30");
            expected.put("2024 hf 20", "9/12");
            expected.put("2024 rhf_residence 4", "18/60"); // Oslo, Halden (old number 0101), Moss
            expected.put("2024 rhf_residence unknown", "9/12"); // only a county (31), and an unknown number
            expected.put("2024 hf_residence 14", "8/40"); // Halden + Moss: Østfold
            expected.put("2024 hf_residence 30", "10/20"); // Oslo as a whole: SKDE's area 30
            expected.put("2024 hf_residence unknown", "9/12");
            expected.put("2024 municipality_group large", "10/20"); // Oslo 717,710
            expected.put("2024 municipality_group medium", "5/10"); // Halden 19,999
            expected.put("2024 municipality_group small", "3/30"); // Moss 4,999
            expected.put("2024 municipality_group unknown", "9/12");
            assertEquals(expected, cells(results));
            Map<String, String> names = new LinkedHashMap<>();
            for (IndicatorResult r : results) names.put(r.level() + " " + r.unitId(), r.unitName());
            assertEquals("Østfold", names.get("hf_residence 14"));
            assertEquals("Helse Sør-Øst RHF", names.get("rhf_residence 4"));
            assertEquals("Under 5 000 innbyggere", names.get("municipality_group small"));
            assertEquals("20 000 innbyggere og over", names.get("municipality_group large"));
        }
    }

    @Test
    void centralityClassesFollowTheMunicipalityInForce() throws Exception {
        try (Connection c = TinyStore.open()) {
            insert(c, """
                    (DATE '2024-02-01', 'o1', '0301', NULL, NULL, 10, 20, NULL),
                    (DATE '2024-03-01', 'o2', '0101', NULL, NULL, 5, 10, NULL),
                    (DATE '2024-06-01', 'o3', '3103', NULL, NULL, 3, 30, NULL),
                    (DATE '2024-01-15', 'o4', NULL, '31', NULL, 8, 8, NULL),
                    (DATE '2024-02-02', 'o5', '9999', NULL, NULL, 1, 4, NULL)""");
            List<IndicatorResult> results = new Engine(c).run(proportion(List.of(Level.NATION,
                    Level.MUNICIPALITY_CENTRALITY)), RunRequest.allYears());
            // classes of data/reference/sentralitet_ssb_klass128.csv (SSB KLASS 128): Oslo 1 (index 1000), Moss 2
            // (900), Halden 3 (842), reached from its number before 2020 (0101 -> 3101)
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2024 nation nation", "27/72");
            expected.put("2024 municipality_centrality 1", "10/20");
            expected.put("2024 municipality_centrality 2", "3/30");
            expected.put("2024 municipality_centrality 3", "5/10");
            expected.put("2024 municipality_centrality unknown", "9/12"); // only a county (31), and an unknown number
            assertEquals(expected, cells(results));
            Map<String, String> names = new LinkedHashMap<>();
            for (IndicatorResult r : results) names.put(r.level() + " " + r.unitId(), r.unitName());
            assertEquals("Sentralitet 1 (mest sentrale)", names.get("municipality_centrality 1"));
            assertEquals("Sentralitet 3", names.get("municipality_centrality 3"));
        }
    }

    @Test
    void residenceHealthTrustsNestInTheirResidenceRhfForSmallCellProtection() throws Exception {
        try (Connection c = TinyStore.open()) {
            // hf_residence 14 holds 2 cases (hidden, primary); its RHF 4 is the sum of 14 and 30, so 30 is
            // hidden too (secondary), or 4 minus 30 would give 14 away
            insert(c, """
                    (DATE '2024-02-01', 'o1', '0301', NULL, NULL, 10, 20, NULL),
                    (DATE '2024-03-01', 'o2', '3103', NULL, NULL, 1, 2, NULL)""");
            Indicator ind = TinyStore.indicator(new Measure(MeasureKind.PROPORTION, null, null),
                    List.of(Level.NATION, Level.RHF_RESIDENCE, Level.HF_RESIDENCE), Frequency.YEAR,
                    new Suppression(5, null), null, Direction.HIGHER_IS_BETTER);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2024 nation nation", "11/22");
            expected.put("2024 rhf_residence 4", "11/22");
            expected.put("2024 hf_residence 14", "primary_denominator");
            expected.put("2024 hf_residence 30", "secondary");
            assertEquals(expected, cells(new Engine(c).run(ind, RunRequest.allYears())));
        }
    }

    @Test
    void aMunicipalityOfAnEarlierCountyIsReportedUnderTheCountyInForceInEveryYear() throws Exception {
        try (Connection c = TinyStore.open()) {
            // 3001 is Halden's number 2020-2023 (county 30 Viken); 0101 its number before 2020 (county 01 Østfold)
            insert(c, """
                    (DATE '2019-05-01', 'o1', '0101', NULL, NULL, 1, 2, NULL),
                    (DATE '2021-05-01', 'o1', '3001', NULL, NULL, 2, 3, NULL),
                    (DATE '2024-05-01', 'o1', '3101', NULL, NULL, 3, 4, NULL)""");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2019 nation nation", "1/2");
            expected.put("2019 county 31", "1/2");
            expected.put("2019 municipality 3101", "1/2");
            expected.put("2021 nation nation", "2/3");
            expected.put("2021 county 31", "2/3");
            expected.put("2021 municipality 3101", "2/3");
            expected.put("2024 nation nation", "3/4");
            expected.put("2024 county 31", "3/4");
            expected.put("2024 municipality 3101", "3/4");
            assertEquals(expected, cells(new Engine(c).run(proportion(List.of(Level.NATION, Level.COUNTY, Level.MUNICIPALITY)),
                    RunRequest.allYears())));
        }
    }

    @Test
    void aMunicipalityThatDidNotReportAKostraFigureIsLeftOutOfItsCounty() throws Exception {
        try (Connection c = TinyStore.open(); Statement st = c.createStatement()) {
            // 0301 and 3101 report both figures for 2024; 3103 reports the denominator only (it did not report
            // the numerator), so it has no cell and its 20 do not dilute county 31; 2023: only 3101 reports
            st.execute("INSERT INTO kostra_given (area, year, variable, value, _year) VALUES "
                    + "('0301', 2024, 'NUM', 3, 2024), ('0301', 2024, 'DEN', 10, 2024), "
                    + "('3101', 2024, 'NUM', 2, 2024), ('3101', 2024, 'DEN', 5, 2024), "
                    + "('3103', 2024, 'DEN', 20, 2024), "
                    + "('3101', 2023, 'NUM', 1, 2023), ('3101', 2023, 'DEN', 4, 2023)");
            Indicator kostra = TinyStore.indicator("SELECT * FROM kostra_cells('NUM', 'DEN', 4, $period_start, $period_end)",
                    new Measure(MeasureKind.PROPORTION, null, null), List.of(Level.NATION, Level.COUNTY, Level.MUNICIPALITY),
                    Frequency.YEAR, null, TinyStore.none(), null, Direction.HIGHER_IS_BETTER);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2023 nation nation", "1/4");
            expected.put("2023 county 31", "1/4");
            expected.put("2023 municipality 3101", "1/4");
            expected.put("2024 nation nation", "5/15");
            expected.put("2024 county 03", "3/10");
            expected.put("2024 county 31", "2/5"); // not 2/25: Moss did not report
            expected.put("2024 municipality 0301", "3/10");
            expected.put("2024 municipality 3101", "2/5");
            assertEquals(expected, cells(new Engine(c).run(kostra, RunRequest.allYears())));
        }
    }

    @Test
    void privateProvidersWithAnAgreementFormOneUnitPerRhf() throws Exception {
        try (Connection c = TinyStore.open()) {
            try (Statement st = c.createStatement()) {
                // three private providers under the behandler table's RHF 5; p1 and p2 have an agreement with RHF 1
                st.execute("INSERT INTO ref_behandlingssteder_skde_behandler VALUES "
                        + "('p1', '300', 'Private sykehus', '27', 'Private sykehus', '5', 'Private sykehus'), "
                        + "('p2', '300', 'Private sykehus', '27', 'Private sykehus', '5', 'Private sykehus'), "
                        + "('p3', '300', 'Private sykehus', '27', 'Private sykehus', '5', 'Private sykehus')");
                st.execute("CREATE OR REPLACE TABLE ref_private_provider_regions AS SELECT * FROM (VALUES "
                        + "('p1', 'Aleris En', '1', 'Helse En'), ('p2', 'Klinikk To', '1', 'Helse En')) "
                        + "AS t(orgnr, org_navn, agreement_rhf, agreement_rhf_name)");
            }
            ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"));
            insert(c, """
                    (DATE '2024-02-01', 'o1', NULL, NULL, NULL, 10, 20, NULL),
                    (DATE '2024-02-01', 'p1', NULL, NULL, NULL, 2, 4, NULL),
                    (DATE '2024-02-01', 'p2', NULL, NULL, NULL, 1, 2, NULL),
                    (DATE '2024-02-01', 'p3', NULL, NULL, NULL, 3, 3, NULL)""");
            List<IndicatorResult> results = new Engine(c).run(proportion(List.of(Level.NATION, Level.RHF, Level.HF, Level.HOSPITAL)),
                    RunRequest.allYears());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("2024 nation nation", "16/29");
            expected.put("2024 rhf 1", "13/26"); // o1 + the private providers with an agreement with RHF 1
            expected.put("2024 rhf 5", "3/3"); // p3: no agreement region known, stays 'Private sykehus'
            expected.put("2024 hf 10", "10/20");
            expected.put("2024 hf 27", "3/3");
            expected.put("2024 hf private_1", "3/6"); // p1 + p2
            expected.put("2024 hospital 101", "10/20");
            expected.put("2024 hospital 300", "3/3");
            expected.put("2024 hospital p1", "2/4");
            expected.put("2024 hospital p2", "1/2");
            assertEquals(expected, cells(results));
            Map<String, String> names = new LinkedHashMap<>();
            for (IndicatorResult r : results) names.put(r.level() + " " + r.unitId(), r.unitName());
            assertEquals("Helse En private", names.get("hf private_1"));
            assertEquals("Helse En", names.get("rhf 1"));
            assertEquals("Aleris En", names.get("hospital p1"));
        }
    }

    /** The level tables over the real reference data (not TinyStore's). */
    private static Connection realReference() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ReferenceData.register(c, KvikHome.locate().reference());
        IndicatorTestRunner.createContractTables(c, Contracts.load(KvikHome.locate().contracts()));
        ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"));
        return c;
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void theRealReferencePlacesEveryMunicipalityAndEveryEarlierNumberUnderTheCountiesInForce() throws Exception {
        try (Connection c = realReference()) {
            // every municipality in force has one catchment HF and one size group; Python over
            // kommuner_2025.csv: 174 under 5,000, 117 of 5,000-19,999, 66 of 20,000 and over
            assertEquals(List.of("357|357"), column(c, "SELECT count(DISTINCT registered_nr) || '|' || count(*) FROM ref_level_catchment "
                    + "WHERE registered_nr IN (SELECT kommunenummer FROM ref_kommuner_2025)"));
            assertEquals(List.of("large 66", "medium 117", "small 174"), column(c, "SELECT municipality_group_id || ' ' || count(*) "
                    + "FROM ref_level_municipality_group WHERE registered_nr IN (SELECT kommunenummer FROM ref_kommuner_2025) "
                    + "GROUP BY municipality_group_id ORDER BY 1"));
            // every municipality in force has one centrality class; Python over sentralitet_ssb_klass128.csv: 5 in
            // class 1 (Oslo, Bærum, Lillestrøm, Lørenskog, Rælingen), 21, 54, 65, 104 and 108 in classes 2-6
            assertEquals(List.of("1 5", "2 21", "3 54", "4 65", "5 104", "6 108"), column(c, "SELECT "
                    + "municipality_centrality_id || ' ' || count(*) FROM ref_level_municipality_centrality WHERE registered_nr "
                    + "IN (SELECT kommunenummer FROM ref_kommuner_2025) GROUP BY municipality_centrality_id ORDER BY 1"));
            assertEquals(List.of("0301", "3201", "3205", "3222", "3224"), column(c, "SELECT registered_nr FROM "
                    + "ref_level_municipality_centrality WHERE municipality_centrality_id = '1' AND registered_nr IN "
                    + "(SELECT kommunenummer FROM ref_kommuner_2025) ORDER BY 1"));
            // the 2020-2023 numbers that changed in 2024 have the class of the municipality they became
            assertEquals(List.of(), column(c, "SELECT DISTINCT lpad(e.gml_komnr, 4, '0') FROM ref_kommunenummer_endringer_skde e "
                    + "LEFT JOIN ref_level_municipality_centrality m ON m.registered_nr = lpad(e.gml_komnr, 4, '0') "
                    + "WHERE e.aar = '2024' AND m.municipality_centrality_id IS NULL"));
            // the 2020-2023 numbers that changed in 2024 (Viken 30xx, Vestfold og Telemark 38xx, Troms og Finnmark
            // 54xx) all lie in a 2024 county; none is left in a county that no longer exists
            assertEquals(List.of(), column(c, "SELECT DISTINCT lpad(e.gml_komnr, 4, '0') FROM ref_kommunenummer_endringer_skde e "
                    + "LEFT JOIN ref_level_municipality m ON m.registered_nr = lpad(e.gml_komnr, 4, '0') "
                    + "WHERE e.aar = '2024' AND (m.county_id IS NULL OR m.county_id NOT IN (SELECT fylkesnummer FROM ref_fylker_2025))"));
            assertEquals(List.of("3005 3301 33", "5401 5501 55", "3803 3905 39"), List.of(
                    column(c, "SELECT '3005 ' || municipality_id || ' ' || county_id FROM ref_level_municipality WHERE registered_nr = '3005'").get(0),
                    column(c, "SELECT '5401 ' || municipality_id || ' ' || county_id FROM ref_level_municipality WHERE registered_nr = '5401'").get(0),
                    column(c, "SELECT '3803 ' || municipality_id || ' ' || county_id FROM ref_level_municipality WHERE registered_nr = '3803'").get(0)));
            // private_provider_regions.csv lists 132 private providers; Aleris Stavanger is one of Helse Vest's
            assertEquals(List.of("132"), column(c, "SELECT count(*) FROM ref_level_provider WHERE hf_id LIKE 'private_%'"));
            assertEquals(List.of("3|private_3|Helse Vest RHF private|Aleris Helse AS Stavanger"), column(c,
                    "SELECT rhf_id || '|' || hf_id || '|' || hf_name || '|' || hospital_name FROM ref_level_provider "
                            + "WHERE provider_org = '813381192'"));
            assertEquals(List.of("amk 21", "legevakt 15"), column(c, "SELECT central_type || ' ' || count(*) FROM ref_level_central_typed "
                    + "GROUP BY central_type ORDER BY 1"));
        }
    }
}
