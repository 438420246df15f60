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
 * The engine LEFT JOINs every case row to the level tables by their key; a key on two rows would count the case once
 * per row at that level. Reference data that makes such a table is refused when the tables are built, naming the
 * table, the key and the files (TinyStore: organisation numbers o1–o5, centrals AMK01, AMK02, LVS03).
 */
class LevelTableKeysTest {

    private static void levels(Connection c) throws SQLException {
        ReferenceData.registerViews(c, KvikHome.locate().sql().resolve("reference"));
    }

    private static long rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aProviderPlacedUnderTwoHospitalsIsRefusedWithTheTableKeyAndFiles() throws Exception {
        try (Connection c = TinyStore.open(); Statement st = c.createStatement()) {
            assertEquals(rows(c, "SELECT count(*) FROM ref_level_provider"), rows(c, "SELECT count(DISTINCT provider_org) FROM ref_level_provider"));
            st.execute("INSERT INTO ref_behandlingssteder_skde_behandler VALUES "
                    + "('o2', '111', 'Sykehus 111', '11', 'HF Elleve', '1', 'Helse En')");
            SQLException e = assertThrows(SQLException.class, () -> levels(c));
            assertEquals(true, e.getMessage().contains("reference table ref_level_provider (built by sql/reference/levels.sql "
                    + "and levels_published.sql from data/reference/behandlingssteder_skde_behandler.csv, "
                    + "npr_private_specialists.csv and private_provider_regions.csv) has 1 provider_org value(s) on more "
                    + "than one row: o2 (2 rows). The engine joins every case to this table by provider_org, so such a "
                    + "case would be counted once per row"), e.getMessage());
        }
    }

    @Test
    void centralsListedTwiceAreRefusedAndTheListIsCutAtFive() throws Exception {
        try (Connection c = TinyStore.open(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ref_emergency_centrals VALUES ('AMK02', 'AMK', 'AMK To igjen'), "
                    + "('C1', 'AMK', 'a'), ('C1', 'AMK', 'b'), ('C2', 'AMK', 'a'), ('C2', 'AMK', 'b'), "
                    + "('C3', 'LVS', 'a'), ('C3', 'LVS', 'b'), ('C4', 'LVS', 'a'), ('C4', 'LVS', 'b'), ('C4', 'LVS', 'c')");
            SQLException e = assertThrows(SQLException.class, () -> levels(c));
            assertEquals(true, e.getMessage().contains("reference table ref_level_central (built by sql/reference/levels.sql "
                    + "from data/reference/emergency_centrals.csv) has 5 central_id value(s) on more than one row: "
                    + "AMK02 (2 rows), C1 (2 rows), C2 (2 rows), C3 (2 rows), C4 (3 rows). "), e.getMessage());

            st.execute("INSERT INTO ref_emergency_centrals VALUES ('C5', 'AMK', 'a'), ('C5', 'AMK', 'b')");
            e = assertThrows(SQLException.class, () -> levels(c));
            assertEquals(true, e.getMessage().contains("has 6 central_id value(s) on more than one row: AMK02 (2 rows), "
                    + "C1 (2 rows), C2 (2 rows), C3 (2 rows), C4 (3 rows), …. "), e.getMessage());
        }
    }

    /**
     * A private provider listed twice in private_provider_regions.csv adds no row to ref_level_provider, but the
     * UPDATE … FROM of levels_published.sql would give it whichever of its RHFs DuckDB met last: refused too.
     */
    @Test
    void aPrivateProviderWithTwoAgreementRegionsIsRefused() throws Exception {
        try (Connection c = TinyStore.open(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ref_behandlingssteder_skde_behandler VALUES "
                    + "('o9', '300', 'Private sykehus', '27', 'Private', '5', 'Private sykehus')");
            st.execute("INSERT INTO ref_private_provider_regions (orgnr, org_navn, agreement_rhf, agreement_rhf_name) "
                    + "VALUES ('o9', 'Privat Ni', '1', 'Helse En'), ('o9', 'Privat Ni', '2', 'Helse To')");
            SQLException e = assertThrows(SQLException.class, () -> levels(c));
            assertEquals(true, e.getMessage().contains("reference table ref_private_provider_regions (from "
                    + "data/reference/private_provider_regions.csv, read by sql/reference/levels_published.sql) has 1 "
                    + "orgnr value(s) on more than one row: o9 (2 rows). levels_published.sql moves each of these "
                    + "providers to the RHF of its agreement, so such a provider would get one of its rows' RHFs, "
                    + "whichever DuckDB met last: keep one row per orgnr in the reference files"), e.getMessage());

            st.execute("DELETE FROM ref_private_provider_regions WHERE orgnr = 'o9' AND agreement_rhf = '2'");
            levels(c);
            assertEquals(1, rows(c, "SELECT count(*) FROM ref_level_provider WHERE provider_org = 'o9' AND rhf_id = '1'"));
        }
    }

    @Test
    void theRepositorysReferenceDataHasOneRowPerKey() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            ReferenceData.register(c, KvikHome.locate().reference());
            no.kvik.catalog.IndicatorTestRunner.createContractTables(c,
                    no.kvik.contract.Contracts.load(KvikHome.locate().contracts()));
            levels(c);
            assertEquals(rows(c, "SELECT count(*) FROM ref_level_provider"),
                    rows(c, "SELECT count(DISTINCT provider_org) FROM ref_level_provider"));
        }
    }
}
