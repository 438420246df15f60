package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import no.kvik.sql.DuckDb;
import no.kvik.sql.SqlTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispensing families read their shared rows (issue #17, drugfam), which hold only the family's codes and sets: a
 * parameter those rows cannot serve is refused with an error naming it, never answered with fewer rows, while the
 * parameters they can serve still count (a J01 subgroup; each of the three elderly sets).
 */
class DispensingFamilyParametersTest {
    private static Connection connection;
    private static Catalogue catalogue;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        catalogue = Catalogue.load(home.indicators(), contracts);
        connection = DuckDb.open();
        IndicatorTestRunner.createContractTables(connection, contracts);
        ReferenceData.registerAll(connection, home);
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO prescription_given (dispensing_id, patient_id, dispensing_date, atc, ddd, "
                    + "prescriber_category, residence_municipality, age, sex, _year) VALUES "
                    + "('d1', 'p1', DATE '2023-03-01', 'N02BE01', 30, 'GP', '0301', 70, '2', 2023), "
                    + "('d2', 'p1', DATE '2023-04-01', 'J01CE02', 5, 'GP', '0301', 70, '2', 2023), "
                    + "('d3', 'p2', DATE '2023-05-01', 'N06AA09', 30, 'GP', '4601', 80, '1', 2023)");
            st.execute("INSERT INTO population_given (year, municipality, sex, age, persons, _year) VALUES "
                    + "(2023, '0301', '2', 70, 40, 2023)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) connection.close();
    }

    @Test
    void anAtcPrefixOutsideJ01IsRefusedAndOneWithinCounts() throws SQLException {
        SQLException e = assertThrows(SQLException.class,
                () -> cases("antibiotic_prescriptions_per_1000", Map.of("atc_prefix", "N02")));
        assertTrue(e.getMessage().contains("atc_prefix N02 is outside J01"), e.getMessage());
        assertEquals(1, cases("antibiotic_prescriptions_per_1000", Map.of("atc_prefix", "J01CE")), "J01CE02 dispensed once");
    }

    @Test
    void anAtcSetOutsideTheElderlyFamilysIsRefusedAndEachOfItsThreeCounts() throws SQLException {
        SQLException e = assertThrows(SQLException.class,
                () -> cases("elderly_nsaid_gp", Map.of("atc_set", "OECD_AMI_STATIN")));
        assertTrue(e.getMessage().contains("atc_set OECD_AMI_STATIN is not one of the family's sets"), e.getMessage());
        assertEquals(1, cases("elderly_nsaid_gp", Map.of("atc_set", "ANTICHOLINERGIC")), "N06AA09 to a patient of 80");
        assertEquals(0, cases("elderly_nsaid_gp", Map.of()), "no NSAID dispensed");
    }

    /** The indicator's case rows (numerator 1) in 2023 with the given parameters. */
    private static long cases(String id, Map<String, String> overrides) throws SQLException {
        Indicator indicator = catalogue.get(id);
        Map<String, Object> params = new LinkedHashMap<>(indicator.parameterValues(overrides));
        params.put("period_start", LocalDate.parse("2023-01-01"));
        params.put("period_end", LocalDate.parse("2024-01-01"));
        try (PreparedStatement ps = SqlTemplate.parse("SELECT count(*) FILTER (numerator = 1) FROM (\n"
                + indicator.sql().text() + "\n)").prepare(connection, params, indicator.parameterTypes());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
