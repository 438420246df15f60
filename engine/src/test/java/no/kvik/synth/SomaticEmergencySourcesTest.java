package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.kvik.config.KvikHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sources of branch som2 (issue #16): the Cancer Registry extract ({@link CancerRegistry}), the AMK mission log
 * ({@link AmkMissions}) and the patient safety programme's measurements ({@link PatientSafetyMeasurements}). Rows keep
 * their contracts' rules, the planted effects show and are named in truth.json, and the cancer registry's survival
 * gives back the five-year relative survival it was drawn with when estimated by Ederer I with an expected survival
 * computed here from the Gompertz-Makeham formula (not from the reference table the indicators read). Scale 0.02,
 * 2023-2024 (the cancer file holds 2015-2024).
 */
class SomaticEmergencySourcesTest {
    static final int FIRST = 2023;
    static final int LAST = 2024;
    @TempDir
    static Path tmp;
    static GeneratedExtracts x;
    static Path out;
    static KvikHome home;
    static JsonNode truth;

    @BeforeAll
    static void generate() throws Exception {
        x = GeneratedExtracts.generate(tmp.resolve("x"), 0.02, FIRST, LAST);
        out = x.out;
        home = x.home;
        truth = x.truth;
        x.table("cancer", out.resolve("cancer_registry_" + LAST + ".csv"), "")
                .table("missions", out.resolve("amk_mission_*.csv"), "")
                .table("safety", out.resolve("registry_aggregate_patient_safety_*.csv"), "")
                .table("boomr", home.reference().resolve("opptaksomrader_skde_boomr.csv"), "");
    }

    @AfterAll
    static void close() throws SQLException {
        if (x != null) x.close();
    }

    static List<List<String>> rows(String sql) throws SQLException {
        return x.rows(sql);
    }

    static double number(String sql) throws SQLException {
        return x.number(sql);
    }

    @Test
    void theCancerRegistryDeliversTenYearsOnceWithOneStatusDateAndKeepsItsRules() throws SQLException {
        assertFalse(Files.exists(out.resolve("cancer_registry_" + FIRST + ".csv")));
        assertEquals(List.of(List.of("2015", "2024", "0", "0", "0")), rows("SELECT min(year(CAST(diagnosis_date AS DATE))), "
                + "max(year(CAST(diagnosis_date AS DATE))), "
                + "count(*) FILTER (WHERE CAST(status_date AS DATE) < CAST(diagnosis_date AS DATE)), "
                + "count(*) FILTER (WHERE CAST(status_date AS DATE) > DATE '2024-12-31' "
                + "OR (vital_status = 'ALIVE' AND status_date <> '2024-12-31')), "
                + "count(*) FILTER (WHERE basis IN ('DCO', 'AUTOPSY') AND (vital_status <> 'DEAD' OR status_date <> diagnosis_date)) "
                + "FROM cancer"));
        // every site is drawn, breast only for women and prostate only for men
        assertEquals(List.of(List.of("C18", "0"), List.of("C50", "0"), List.of("C61", "0")), rows("SELECT s, "
                + "count(*) FILTER (WHERE (s = 'C50' AND sex = '1') OR (s = 'C61' AND sex = '2')) "
                + "FROM (SELECT substr(icd10, 1, 3) AS s, sex FROM cancer) WHERE s IN ('C18', 'C50', 'C61') GROUP BY s ORDER BY s"));
    }

    /**
     * Ederer I on the cohorts 2015-2019 (complete five-year follow-up), as the indicators count: first case of the
     * site, no DCO or autopsy, no emigration within five years; the expected survival from the Gompertz-Makeham
     * formula with the generator's constants, S*(5) = exp(-(5a + (b/c)(e^{c(x+5)} - e^{cx}))).
     */
    private double relativeSurvival(String prefixes, String where) throws SQLException {
        String sex = "(CASE sex WHEN '1' THEN 0 ELSE 1 END)";
        String b = "(CASE " + sex + " WHEN 0 THEN " + CancerRegistry.B[0] + " ELSE " + CancerRegistry.B[1] + " END)";
        String c = "(CASE " + sex + " WHEN 0 THEN " + CancerRegistry.C[0] + " ELSE " + CancerRegistry.C[1] + " END)";
        String age = "CAST(age AS DOUBLE)";
        return number("WITH f AS (SELECT *, CAST(CAST(diagnosis_date AS DATE) + INTERVAL 5 YEAR AS DATE) AS five FROM cancer "
                + "WHERE list_contains(string_split('" + prefixes + "', ' '), substr(icd10, 1, 3)) AND basis NOT IN ('DCO', 'AUTOPSY') "
                + "AND year(CAST(diagnosis_date AS DATE)) BETWEEN 2015 AND 2019 AND CAST(age AS INTEGER) BETWEEN 15 AND 89 " + where + ") "
                + "SELECT sum(CASE WHEN CAST(status_date AS DATE) > five OR vital_status = 'ALIVE' THEN 1 ELSE 0 END) "
                + "/ sum(exp(-(5 * " + CancerRegistry.A + " + " + b + " / " + c + " * (exp(" + c + " * (" + age + " + 5)) - exp(" + c
                + " * " + age + "))))) FROM f WHERE vital_status = 'DEAD' OR CAST(status_date AS DATE) > five OR vital_status = 'ALIVE'");
    }

    @Test
    void edererOneGivesBackTheRelativeSurvivalEachSiteWasDrawnWith() throws SQLException {
        // binomial SE of about 0.02-0.03 per site at this scale (300-500 cases 2015-2019); the draws are fixed by the seed
        for (CancerRegistry.Site s : CancerRegistry.SITES) {
            double r = relativeSurvival(String.join(" ", s.prefixes()), "");
            assertEquals(s.relativeSurvival5(), r, 0.07, s.name() + ": " + r);
        }
    }

    @Test
    void thePlantedTrustsColonPatientsSurviveWorseAndTruthNamesIt() throws SQLException {
        int bohf = truth.get("cancer_survival").get("bohf").asInt();
        assertEquals(CancerRegistry.plantedBohf(SynthReference.load(home.reference()), 7), bohf);
        String inTrust = "AND residence_municipality IN (SELECT komnr FROM boomr WHERE bohf = '" + bohf + "')";
        double planted = relativeSurvival("C18", inTrust);
        double others = relativeSurvival("C18", "AND residence_municipality NOT IN (SELECT komnr FROM boomr WHERE bohf = '" + bohf + "')");
        // drawn with twice the excess hazard: 0.70^2 = 0.49 against 0.70
        assertTrue(planted < others - 0.1, planted + " against " + others);
        assertEquals(0.49, planted, 0.12);
    }

    @Test
    void missionsAreDispatchedAfterTheyAreReceivedAndThePlantedCentralIsSlower() throws SQLException {
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM missions "
                + "WHERE CAST(dispatch_time AS TIMESTAMP) < CAST(received_time AS TIMESTAMP)"));
        String central = truth.get("amk_dispatch").get("central_id").asText();
        assertEquals(AmkMissions.plantedCentral(SynthReference.load(home.reference()), 7), central);
        String minutes = "median(date_diff('second', CAST(received_time AS TIMESTAMP), CAST(dispatch_time AS TIMESTAMP)) / 60.0)";
        List<List<String>> r = rows("SELECT central_id = '" + central + "' AS planted, " + minutes + ", count(*) FROM missions "
                + "WHERE urgency = 'A' AND dispatch_time IS NOT NULL GROUP BY planted ORDER BY planted");
        assertEquals(2, r.size(), r.toString());
        assertTrue(Integer.parseInt(r.get(1).get(2)) >= 100, "the planted central handles enough acute missions: " + r);
        // log-normal medians 1.6 and 1.6 x 1.8 = 2.88 minutes
        assertEquals(AmkMissions.ACUTE_MEDIAN_MINUTES, Double.parseDouble(r.get(0).get(1)), 0.05, r.toString());
        assertEquals(AmkMissions.ACUTE_MEDIAN_MINUTES * AmkMissions.PLANTED_FACTOR, Double.parseDouble(r.get(1).get(1)), 0.3, r.toString());
    }

    @Test
    void safetyMeasurementsArePerSurveyWithinTheirDenominatorsAndThePlantedSitesAreNamed() throws SQLException {
        List<List<String>> expected = new ArrayList<>();
        for (PatientSafetyMeasurements.Measure m : PatientSafetyMeasurements.MEASURES) {
            // the point-prevalence measures per survey (spring T2, autumn T3), falls over patient days per tertial
            if (m.perPatientDay()) expected.add(List.of(m.id(), "T1"));
            expected.add(List.of(m.id(), "T2"));
            expected.add(List.of(m.id(), "T3"));
        }
        expected.sort((a, b) -> (a.get(0) + a.get(1)).compareTo(b.get(0) + b.get(1)));
        assertEquals(expected, rows("SELECT DISTINCT indicator_id, period FROM safety ORDER BY indicator_id || period"));
        assertEquals(List.of(List.of("PSP", "0")), rows("SELECT DISTINCT registry, "
                + "(SELECT count(*) FROM safety WHERE CAST(numerator AS INTEGER) > CAST(denominator AS INTEGER)) FROM safety"));
        JsonNode effects = truth.get("patient_safety_effects");
        assertEquals(PatientSafetyMeasurements.MEASURES.size(), effects.size());
        // the planted site's share of risk-assessed patients is well below the others' (log odds ratio -1.2)
        String org = effects.get(1).get("provider_org").asText();
        List<List<String>> r = rows("SELECT unit_org = '" + org + "' AS planted, sum(CAST(numerator AS DOUBLE)) / sum(CAST(denominator AS DOUBLE)) "
                + "FROM safety WHERE indicator_id = 'trykksar_risikovurdert_24t' GROUP BY planted ORDER BY planted");
        assertTrue(Double.parseDouble(r.get(1).get(1)) < Double.parseDouble(r.get(0).get(1)) - 0.15, r.toString());
        // falls with injury: about 1.2 per 1000 patient days nationally (site effects SD 0.3 around it)
        assertEquals(1.2, 1000 * number("SELECT sum(CAST(numerator AS DOUBLE)) / sum(CAST(denominator AS DOUBLE)) FROM safety "
                + "WHERE indicator_id = 'fall_med_skade_liggedogn'"), 0.3);
    }
}
