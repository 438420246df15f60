package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.cli.OecdTestStore.Run;
import no.kvik.config.KvikHome;
import no.kvik.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvik oecd --integrated-care end to end: a tiny synthetic store ({@link OecdTestStore}: scale 0.006, 2020-2021; npr_somatic, death,
 * kpr_gp_contact and prescription, with prescription_cardiac, ingested) → the 2020 delivery with the CHF and AMI
 * pilot (2021 holds its year of follow-up), its CHF and AMI rows recounted independently in DuckDB; 2021 lacks its
 * follow-up year and is refused.
 */
class OecdIntegratedCareIT {
    @TempDir
    static Path tmp;
    static Path store;
    static final KvikHome HOME = OecdTestStore.HOME;

    @BeforeAll
    static void buildStore() throws Exception {
        store = OecdTestStore.ingest(tmp.resolve("store"), "npr_somatic|death|kpr_gp_contact|prescription");
    }

    /**
     * The CHF cohort and its outcomes recounted straight from the store with other SQL than the indicator's
     * (arg_min per patient instead of row_number, joins instead of EXISTS): id → {cases, events} over all ages.
     */
    private static Map<String, long[]> recount() throws Exception {
        String sql = """
                WITH chf AS (
                    SELECT patient_id, arg_min(discharge_time, discharge_time) AS out_time
                    FROM npr_somatic
                    WHERE care_level = '1' AND age >= 45 AND discharge_status NOT IN ('2', '9')
                      AND year(discharge_time) = 2020
                      AND upper(main_diagnosis) IN ('I110', 'I130', 'I132', 'I500', 'I501', 'I509')
                    GROUP BY patient_id),
                c AS (SELECT patient_id, out_time, CAST(out_time AS DATE) AS out_day FROM chf)
                SELECT
                    count(*) AS cases,
                    count(*) FILTER (WHERE (SELECT min(d.death_date) FROM death d WHERE d.patient_id = c.patient_id
                        AND d.death_date >= c.out_day) - c.out_day <= 365) AS died_1y,
                    count(*) FILTER (WHERE (SELECT min(r.admission_time) FROM npr_somatic r WHERE r.patient_id = c.patient_id
                        AND r.care_level = '1' AND r.urgency = '1' AND r.admission_time > c.out_time)::DATE - c.out_day <= 30) AS readm_30d,
                    count(*) FILTER (WHERE (SELECT min(g.contact_date) FROM kpr_gp_contact g WHERE g.patient_id = c.patient_id
                        AND g.contact_date > c.out_day) - c.out_day <= 7) AS gp_7d,
                    count(*) FILTER (WHERE (SELECT count(DISTINCT left(p.atc, 3)) FROM prescription p
                        WHERE p.patient_id = c.patient_id AND p.dispensing_date BETWEEN c.out_day AND c.out_day + 365
                          AND (p.atc LIKE 'C07%' OR p.atc LIKE 'C09A%' OR p.atc LIKE 'C09B%' OR p.atc LIKE 'C09C%'
                               OR p.atc LIKE 'C09D%')) = 2) AS acei_arb_and_beta_blocker
                FROM c""";
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = Store.open(store, HOME); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long cases = rs.getLong("cases");
            out.put("oecd_chf_1y_mortality", new long[] {cases, rs.getLong("died_1y")});
            out.put("oecd_chf_30d_readmission", new long[] {cases, rs.getLong("readm_30d")});
            out.put("oecd_chf_gp_contact_7d", new long[] {cases, rs.getLong("gp_7d")});
            out.put("oecd_chf_acei_arb_and_beta_blocker_1y", new long[] {cases, rs.getLong("acei_arb_and_beta_blocker")});
        }
        // the heart-attack cohort (I21, I22) the same way, with its medication by ATC prefix (statin C10AA/C10BA/C10BX,
        // antiplatelet B01AC), dispensed from the discharge day to day 365
        String ami = """
                WITH ami AS (
                    SELECT patient_id, arg_min(discharge_time, discharge_time) AS out_time
                    FROM npr_somatic
                    WHERE care_level = '1' AND age >= 45 AND discharge_status NOT IN ('2', '9')
                      AND year(discharge_time) = 2020
                      AND (upper(main_diagnosis) LIKE 'I21%' OR upper(main_diagnosis) LIKE 'I22%')
                    GROUP BY patient_id),
                c AS (SELECT patient_id, out_time, CAST(out_time AS DATE) AS out_day FROM ami),
                rx AS (SELECT c.patient_id, p.atc FROM c JOIN prescription p ON p.patient_id = c.patient_id
                       AND p.dispensing_date BETWEEN c.out_day AND c.out_day + 365)
                SELECT
                    (SELECT count(*) FROM c) AS cases,
                    count(*) FILTER (WHERE (SELECT min(d.death_date) FROM death d WHERE d.patient_id = c.patient_id
                        AND d.death_date >= c.out_day) - c.out_day <= 365) AS died_1y,
                    count(*) FILTER (WHERE c.patient_id IN (SELECT patient_id FROM rx WHERE atc LIKE 'C10AA%'
                        OR atc LIKE 'C10BA%' OR atc LIKE 'C10BX%')) AS statin,
                    count(*) FILTER (WHERE c.patient_id IN (SELECT patient_id FROM rx WHERE atc LIKE 'B01AC%')) AS antiplatelet
                FROM c""";
        try (Connection c = Store.open(store, HOME); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ami)) {
            rs.next();
            long cases = rs.getLong("cases");
            out.put("oecd_ami_1y_mortality", new long[] {cases, rs.getLong("died_1y")});
            out.put("oecd_ami_statin_1y", new long[] {cases, rs.getLong("statin")});
            out.put("oecd_ami_antiplatelet_1y", new long[] {cases, rs.getLong("antiplatelet")});
        }
        return out;
    }

    @Test
    void theCheckedDeliveryHoldsTheChfPilotCountedAsRecountedFromTheStore() throws Exception {
        Path out = tmp.resolve("out");
        Run r = OecdTestStore.run("oecd", "--year", "2020", "--store", store.toString(), "--out", out.toString(),
                "--integrated-care");
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> lines = Files.readAllLines(out.resolve("oecd_hcqo_acute_2020.csv"));
        assertEquals(1 + 24 * 3 * 10, lines.size()); // 9 acute-care, 6 CHF and 9 AMI indicators
        Map<String, long[]> recount = recount();
        assertTrue(recount.get("oecd_chf_1y_mortality")[0] > 5, "cohort of " + recount.get("oecd_chf_1y_mortality")[0]);
        assertTrue(recount.get("oecd_ami_1y_mortality")[0] > 5, "cohort of " + recount.get("oecd_ami_1y_mortality")[0]);
        // the synthetic data dispense the guideline drugs after discharge (prescription_cardiac), so not 0 %
        assertTrue(recount.get("oecd_chf_acei_arb_and_beta_blocker_1y")[1] > 0, "no CHF patient with both drugs");
        assertTrue(recount.get("oecd_ami_statin_1y")[1] > recount.get("oecd_ami_statin_1y")[0] / 2, "statin after AMI");
        for (Map.Entry<String, long[]> e : recount.entrySet()) {
            String totalRow = lines.stream().filter(l -> l.startsWith(e.getKey() + ",") && l.contains(",T,total,"))
                    .findFirst().orElseThrow(() -> new AssertionError("no T/total row of " + e.getKey()));
            String[] f = totalRow.split(",");
            // columns: ... sex(6), age_group(7), cases(8), deaths(9)
            assertEquals(e.getValue()[0], Long.parseLong(f[8]), e.getKey() + " cases");
            assertEquals(e.getValue()[1], Long.parseLong(f[9]), e.getKey() + " events");
        }
    }

    @Test
    void aYearWithoutItsFollowUpYearIsRefusedNamingEveryExtract() {
        Path out = tmp.resolve("out-2021");
        Run r = OecdTestStore.run("oecd", "--year", "2021", "--store", store.toString(), "--out", out.toString(),
                "--integrated-care");
        assertEquals(ExitCodes.DATA_ERRORS, r.code(), r.out());
        for (String view : List.of("npr_somatic has no admissions", "death has no deaths",
                "kpr_gp_contact has no GP contacts", "prescription has no dispensings")) {
            assertTrue(r.err().contains("year_coverage: " + view + " in 2022-01, 2022-02, 2022-03, 2022-04, 2022-05, "
                    + "2022-06, 2022-07, 2022-08, 2022-09, 2022-10, 2022-11, 2022-12 (year 2021 and the 12 months after "
                    + "it, the follow-up of December discharges, must be complete)"), r.err());
        }
        assertFalse(Files.exists(out));
    }
}
