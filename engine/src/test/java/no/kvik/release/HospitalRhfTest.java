package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.reference.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * The financing view credits each hospital to one RHF (Release.hospitalRhf). A hospital the reference data places under
 * two RHFs kept whichever row a map saw last; it is refused, naming the rows of both reference files that place it.
 */
class HospitalRhfTest {

    private static Connection reference() throws Exception {
        KvikHome home = KvikHome.locate();
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ReferenceData.register(c, home.reference());
        IndicatorTestRunner.createContractTables(c, Contracts.load(home.contracts()));
        return c;
    }

    private static void levels(Connection c) throws Exception {
        ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"),
                f -> f.getFileName().toString().equals("levels.sql"));
    }

    @Test
    void aHospitalUnderTwoRhfsIsRefusedWithTheRowsThatPlaceIt() throws Exception {
        try (Connection c = reference(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ref_behandlingssteder_skde_behandler (orgnr, behsh, behsh_navn, behhf, behhf_navn, behrhf, behrhf_navn) VALUES "
                    + "('900000002', 'H9', 'Sykehus Ni', 'F9', 'HF Ni', '2', 'Helse To'), "
                    + "('900000001', 'H9', 'Sykehus Ni', 'F9', 'HF Ni', '1', 'Helse En'), "
                    + "('900000003', 'H8', 'Sykehus Åtte', 'F8', 'HF Åtte', '2', 'Helse To')");
            // (a private specialist listed under two agreement RHFs never gets here: its organisation number would be
            // on two rows of ref_level_provider, which building the levels refuses, LevelTableKeysTest)
            levels(c);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Release.hospitalRhf(c));
            assertEquals("the financing view credits each hospital to one RHF, but hospital H9 lies under RHFs 1, 2: "
                    + "data/reference/behandlingssteder_skde_behandler.csv rows (orgnr,behsh,behrhf) 900000001,H9,1; "
                    + "900000002,H9,2. Keep the RHF the hospital belongs to in the reference data", e.getMessage());

            st.execute("DELETE FROM ref_behandlingssteder_skde_behandler WHERE orgnr = '900000002'");
            levels(c);
            Map<String, String> rhf = Release.hospitalRhf(c);
            assertEquals("1", rhf.get("H9"));
            assertEquals("2", rhf.get("H8"));
        }
    }
}
