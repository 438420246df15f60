package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contacts of the mental-health episodes (npr_mh_contact, {@link MentalHealthContacts}): each belongs to an
 * npr_mental episode of the same patient, unit and sector and keeps the contract's row rules, an inpatient episode's
 * first admission is its stay, and the planted trust follows up fewer discharges within 7 days and readmits more
 * within 30 days than the rest (recounted here in DuckDB over the CSV files, independently of the indicators' SQL).
 */
class MentalHealthContactsTest {
    static final int FIRST = 2022;
    static final int LAST = 2023;

    @TempDir
    static Path tmp;
    static Connection db;
    static String plantedTrust;

    @BeforeAll
    static void generate() throws Exception {
        Path out = TestStores.synthesise(tmp.resolve("x"), 0.01, FIRST, LAST, 7);
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        for (JsonNode e : truth.get("mental_health_effects")) {
            if (e.path("outcome").asText().equals("follow_up_after_discharge")) plantedTrust = e.get("provider_org").asText();
        }
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            st.execute("CREATE VIEW contact AS SELECT *, CAST(substr(filename, -8, 4) AS INTEGER) AS file_year FROM read_csv('"
                    + out.resolve("npr_mh_contact_*.csv") + "', delim=';', header=true, encoding='latin-1', filename=true, "
                    + "types={'contact_date': 'DATE', 'discharge_date': 'DATE', 'care_level': 'VARCHAR', 'direct': 'BOOLEAN'})");
            st.execute("CREATE VIEW episode AS SELECT * FROM read_csv('" + out.resolve("npr_mental_*.csv")
                    + "', delim=';', header=true, encoding='latin-1', types={'start_date': 'DATE', 'end_date': 'DATE', "
                    + "'care_level': 'VARCHAR'})");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) db.close();
    }

    @Test
    void everyContactBelongsToItsEpisodeAndKeepsTheRowRules() throws SQLException {
        assertTrue(scalar("SELECT count(*) FROM contact") > 1000);
        // same patient, unit and sector as its episode, never before the episode's start (an episode's planted faults,
        // a dangling unit or an end before its start, stay in npr_mental: its contacts carry the true values)
        assertEquals(0, scalar("SELECT count(*) FROM contact c LEFT JOIN (SELECT DISTINCT episode_id, patient_id, provider_org, "
                + "sector, start_date FROM episode) e USING (episode_id) WHERE e.patient_id IS DISTINCT FROM c.patient_id "
                + "OR e.sector IS DISTINCT FROM c.sector OR c.contact_date < e.start_date "
                + "OR (e.provider_org <> c.provider_org AND e.provider_org IN (SELECT provider_org FROM contact))"));
        // contract rules: discharge not before admission, a discharge date only on an admission; a contact lies in its
        // file's year or at most 31 days into the next (after_period_end)
        assertEquals(0, scalar("SELECT count(*) FROM contact WHERE discharge_date < contact_date "
                + "OR (discharge_date IS NOT NULL AND care_level <> '1') "
                + "OR contact_date < make_date(file_year, 1, 1) OR contact_date > make_date(file_year, 12, 31) + 31"));
        // admissions only in inpatient episodes, whose first admission is the stay itself
        assertEquals(0, scalar("SELECT count(*) FROM contact c JOIN (SELECT DISTINCT episode_id, care_level FROM episode) e "
                + "USING (episode_id) WHERE c.care_level = '1' AND e.care_level <> '1'"));
        assertEquals(0, scalar("SELECT count(*) FROM (SELECT DISTINCT episode_id, start_date, end_date FROM episode WHERE care_level = '1' "
                + "AND (end_date IS NULL OR end_date >= start_date)) e "
                + "WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.episode_id = e.episode_id AND c.care_level = '1' "
                + "AND c.contact_date = e.start_date AND c.discharge_date IS NOT DISTINCT FROM "
                + "(CASE WHEN e.end_date <= DATE '" + LAST + "-12-31' THEN e.end_date END))"));
    }

    @Test
    void thePlantedTrustFollowsUpFewerDischargesAndReadmitsMore() throws SQLException {
        String discharges = "SELECT s.provider_org = '" + plantedTrust + "' AS planted, "
                + "EXISTS (SELECT 1 FROM contact l WHERE l.patient_id = s.patient_id AND l.care_level IN ('2', '3') AND l.direct "
                + "AND l.contact_date BETWEEN s.discharge_date + 1 AND s.discharge_date + 7) AS followed, "
                + "EXISTS (SELECT 1 FROM contact l WHERE l.patient_id = s.patient_id AND l.care_level = '1' "
                + "AND l.contact_date BETWEEN s.discharge_date + 1 AND s.discharge_date + 30) AS readmitted "
                + "FROM contact s WHERE s.care_level = '1' AND s.discharge_date < DATE '" + LAST + "-12-01'";
        double[] planted = shares(discharges, true);
        double[] others = shares(discharges, false);
        // planted odds ratios 0.2 (follow-up) and 2.0 (readmission) against about 0.5 and 0.15 elsewhere
        assertTrue(planted[0] < others[0] - 0.15, "follow-up within 7 days: planted " + planted[0] + ", others " + others[0]);
        assertTrue(planted[1] > others[1] + 0.05, "readmission within 30 days: planted " + planted[1] + ", others " + others[1]);
    }

    private static double[] shares(String discharges, boolean planted) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT avg(CAST(followed AS INTEGER)), avg(CAST(readmitted AS INTEGER)), count(*) FROM ("
                     + discharges + ") WHERE planted = " + planted)) {
            rs.next();
            assertTrue(rs.getLong(3) >= 30, "discharges: " + rs.getLong(3));
            return new double[] {rs.getDouble(1), rs.getDouble(2)};
        }
    }

    private static long scalar(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
