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
import no.kvik.testutil.SyntheticExtracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The medication after heart-attack and heart-failure stays (prescription_cardiac, {@link CardiacMedicationRegistry})
 * is linked to those stays: recounted independently with DuckDB over the CSV files of the shared small extracts
 * (scale 0.002, 2022-2024, seed 11). Before the family, the OECD pilot's CHF medication indicator was 0 % on the
 * synthetic data. (That the family leaves every other file byte-identical was checked with cmp against the shared
 * baseline extracts, seed 7, scale 0.02, 2022-2024: only truth.json differs.)
 */
class CardiacMedicationTest {
    static Path out;
    static Connection db;

    @BeforeAll
    static void open() throws SQLException {
        out = SyntheticExtracts.small2022To2024();
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            // the index stays as the OECD cohorts define them: AMI I21-I22, CHF the six codes of OECD_CHF (the
            // generator's heart-failure stays also carry other codes of the elderly-readmission group, I42 …)
            st.execute("CREATE TABLE stays AS SELECT patient_id, provider_org, CAST(CAST(discharge_time AS TIMESTAMP) AS DATE) AS out_day, "
                    + "CASE WHEN main_diagnosis LIKE 'I21%' OR main_diagnosis LIKE 'I22%' THEN 'AMI' ELSE 'CHF' END AS kind FROM "
                    + csv("npr_somatic_*.csv") + " WHERE care_level = '1' AND discharge_status NOT IN ('2', '9') AND "
                    + "(main_diagnosis LIKE 'I21%' OR main_diagnosis LIKE 'I22%' "
                    + "OR main_diagnosis IN ('I110', 'I130', 'I132', 'I500', 'I501', 'I509'))");
            st.execute("CREATE TABLE rx AS SELECT patient_id, CAST(dispensing_date AS DATE) AS day, atc FROM "
                    + csv("prescription_cardiac_*.csv"));
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) db.close();
    }

    private static String csv(String glob) {
        return "read_csv('" + out.resolve(glob) + "', delim=';', header=true, all_varchar=true, encoding='latin-1')";
    }

    private static double one(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void everyDispensingFollowsAHeartAttackOrHeartFailureStayWithinAYearAndPrecedesDeath() throws SQLException {
        assertTrue(one("SELECT count(*) FROM rx") > 100, "dispensings: " + one("SELECT count(*) FROM rx"));
        assertEquals(0, one("SELECT count(*) FROM rx r WHERE NOT EXISTS (SELECT 1 FROM stays s WHERE s.patient_id = r.patient_id "
                + "AND r.day BETWEEN s.out_day AND s.out_day + 365)"));
        assertEquals(0, one("SELECT count(*) FROM rx r JOIN " + csv("death_*.csv").replace("delim=';'", "delim=','")
                + " d ON d.patient_id = r.patient_id WHERE r.day >= CAST(d.death_date AS DATE)"));
        // only the drug classes of the two cohorts
        assertEquals(0, one("SELECT count(*) FROM rx WHERE NOT (atc LIKE 'C10A%' OR atc LIKE 'B01AC%' OR atc LIKE 'C07%' "
                + "OR atc LIKE 'C09%')"));
    }

    @Test
    void mostPatientsAreDispensedEachDrugClassOfTheirCohortWithinAYear() throws SQLException {
        // patients discharged in 2022-2023 (a whole year of follow-up in the extracts), first stay of each kind, and
        // each drug class of the kind: AMI statin, antiplatelet, beta blocker, ACEi/ARB; CHF beta blocker, ACEi/ARB
        String first = "SELECT patient_id, kind, min(out_day) AS out_day FROM stays WHERE year(out_day) <= 2023 GROUP BY ALL";
        String classes = "SELECT * FROM (VALUES ('AMI', 'C10A'), ('AMI', 'B01AC'), ('AMI', 'C07'), ('AMI', 'C09'), "
                + "('CHF', 'C07'), ('CHF', 'C09')) t(kind, prefix)";
        String pairs = "SELECT EXISTS (SELECT 1 FROM rx WHERE rx.patient_id = f.patient_id AND starts_with(rx.atc, c.prefix) "
                + "AND rx.day BETWEEN f.out_day AND f.out_day + 365) AS dispensed FROM (" + first + ") f JOIN (" + classes
                + ") c USING (kind)";
        double n = one("SELECT count(*) FROM (" + pairs + ")");
        double share = one("SELECT avg(CASE WHEN dispensed THEN 1 ELSE 0 END) FROM (" + pairs + ")");
        // the classes' shares average 0.78 (AMI 0.88, 0.92, 0.75, 0.58; CHF 0.72, 0.78), less at the two planted
        // hospitals (x 0.6) and for patients who die before their first fill; with no link to the stays it would be 0
        assertTrue(n > 100, "patient x drug class pairs: " + n);
        assertTrue(share > 0.55 && share < 0.9, "share of pairs dispensed: " + share + " of " + n);
    }

    @Test
    void truthNamesTheTwoLowPrescribingHospitals() throws Exception {
        JsonNode t = new ObjectMapper().readTree(out.resolve("truth.json").toFile()).get("cardiac_medication");
        assertEquals(0.88, t.get("after_ami_share").get("statin").asDouble());
        assertEquals(2, t.get("low_prescribing_hospitals").size());
        for (JsonNode h : t.get("low_prescribing_hospitals")) {
            assertEquals(0.6, h.get("share_multiplier").asDouble());
            assertTrue(h.get("provider_org").asText().matches("\\d{9}"), h.toString());
        }
    }
}
