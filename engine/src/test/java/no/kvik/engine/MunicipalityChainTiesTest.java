package no.kvik.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import no.kvik.config.KvikHome;
import no.kvik.reference.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * levels.sql follows a registered municipality number along its longest chain of number changes. When the longest
 * chains end in two numbers (a split listed as a change to each part), arg_max over the chain depth picked either, in
 * the order DuckDB met the rows: the levels are refused instead, naming the file and the rows. TinyStore's changes
 * table: 101 -> 3001 (2020) -> 3101 (2024).
 */
class MunicipalityChainTiesTest {

    private static void levels(Connection c) throws SQLException {
        ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"),
                f -> f.getFileName().toString().equals("levels.sql"));
    }

    private static String forward(Connection c, String registered) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_nr FROM ref_municipality_forward WHERE registered_nr = '" + registered + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aNumberWhoseLongestChainsEndInTwoMunicipalitiesIsRefusedWithItsRows() throws Exception {
        try (Connection c = TinyStore.open(); Statement st = c.createStatement()) {
            // 9901 split into Halden and Moss; 9902 -> 0101 -> 3001 -> 3101 and 9902 -> 3103: the longer chain decides
            st.execute("INSERT INTO ref_kommunenummer_endringer_skde (aar, gml_komnr, ny_komnr) VALUES "
                    + "('2019', '9901', '3103'), ('2019', '9901', '3101'), ('2019', '9902', '101'), ('2019', '9902', '3103')");
            SQLException e = assertThrows(SQLException.class, () -> levels(c));
            String message = e.getMessage();
            assertEquals(true, message.contains("data/reference/kommunenummer_endringer_skde.csv: municipality number 9901 "
                    + "leads to 2 numbers (3101, 3103) by chains of the same length (1 change(s)), so it cannot be followed "
                    + "to one municipality in force; rows (aar,gml_komnr,ny_komnr): 2019,9901,3101; 2019,9901,3103. "
                    + "Keep the row of the municipality its residents are to be counted in"), message);
            assertEquals(true, message.startsWith(KvikHome.locate().sql().resolve("reference").resolve("levels.sql").toString()), message);

            st.execute("DELETE FROM ref_kommunenummer_endringer_skde WHERE gml_komnr = '9901' AND ny_komnr = '3103'");
            levels(c);
            assertEquals("3101", forward(c, "9901"));
            assertEquals("3101", forward(c, "9902"));
            assertEquals("3101", forward(c, "0101"));
        }
    }
}
