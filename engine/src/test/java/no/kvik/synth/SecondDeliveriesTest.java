package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second deliveries of npr_somatic (cancer pathways of the 20 further types, {@link CancerPathwayRegistry}) and of
 * registry_aggregate (further quality-registry indicators, {@link QualityRegistryOutcomes}): rows in the right file,
 * episodes of one pathway consistent across the two years' files, and the planted effects visible and named in
 * truth.json. Scale 0.02 for 2022-2023 (about 200 pathway patients a year).
 */
class SecondDeliveriesTest {
    @TempDir
    static Path tmp;
    static GeneratedExtracts x;
    static JsonNode truth;

    @BeforeAll
    static void generate() throws Exception {
        x = GeneratedExtracts.generate(tmp.resolve("x"), 0.02, 2022, 2023);
        truth = x.truth;
        x.execute("CREATE TABLE pathways AS SELECT *, CAST(regexp_extract(filename, '(\\d{4})\\.csv$', 1) AS INTEGER) AS file_year "
                + "FROM read_csv('" + x.out.resolve("npr_somatic_pathways_*.csv") + "', delim = ';', header = true, "
                + "all_varchar = true, filename = true)");
        x.table("quality", x.out.resolve("registry_aggregate_quality_*.csv"), "")
                .table("postponed", x.out.resolve("trust_specialty_postponed_*.csv"), "delim = ';', encoding = 'latin-1'")
                .table("lead_days", x.home.reference().resolve("cancer_pathways.csv"), "");
    }

    @AfterAll
    static void close() throws SQLException {
        if (x != null) x.close();
    }

    static List<List<String>> rows(String sql) throws SQLException {
        return x.rows(sql);
    }

    @Test
    void everyEpisodeIsInTheFileOfItsDischargeYearUnderIdsOfItsOwn() throws SQLException {
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pathways WHERE year(CAST(discharge_time AS TIMESTAMP)) <> file_year"
                + " OR NOT starts_with(patient_id, 'KP') OR NOT starts_with(episode_id, 'K')"
                + " OR referral_date IS NOT NULL OR epicrisis_sent_time IS NOT NULL OR care_level NOT IN ('2', '3')"));
        // only the 20 types the person model does not draw
        List<String> types = CancerPathwayRegistry.TYPES.stream().map(CancerPathwayRegistry.PathwayType::code).toList();
        for (List<String> r : rows("SELECT DISTINCT cancer_pathway FROM pathways WHERE cancer_pathway IS NOT NULL")) {
            assertTrue(types.contains(r.get(0)), r.get(0));
        }
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pathways WHERE CAST(pathway_treatment_date AS DATE) "
                + "< CAST(pathway_start_date AS DATE)"));
    }

    @Test
    void aPathwayStartedInDecemberAndTreatedInJanuaryHasItsFirstVisitInTheEarlierFile() throws SQLException {
        // every 2023 treatment of a pathway started in 2022 finds the 2022 first visit (OA) of the same patient and start
        List<List<String>> r = rows("SELECT count(*), count(v.patient_id) FROM pathways t "
                + "LEFT JOIN pathways v ON v.patient_id = t.patient_id AND v.pathway_start_date = t.pathway_start_date "
                + "AND v.pathway_treatment_date IS NULL AND v.file_year = 2022 "
                + "WHERE t.file_year = 2023 AND t.pathway_treatment_date IS NOT NULL AND year(CAST(t.pathway_start_date AS DATE)) = 2022");
        assertTrue(Integer.parseInt(r.get(0).get(0)) > 0, "some pathways span the new year: " + r);
        assertEquals(r.get(0).get(0), r.get(0).get(1));
    }

    @Test
    void theSlowSiteNamedInTruthTakesLongerAgainstTheStandard() throws SQLException {
        JsonNode effect = truth.get("cancer_pathway_effects").get(0);
        String org = effect.get("provider_org").asText();
        assertEquals(CancerPathwayRegistry.SLOW_SITE_LEAD_FACTOR, effect.get("lead_time_factor").asDouble());
        // mean lead time / standard: 0.85 x E[exp(0.35 Z)] = 0.85 x exp(0.35^2 / 2) = 0.904 elsewhere, x 1.6 = 1.446 there
        List<List<String>> r = rows("SELECT t.provider_org = '" + org + "' AS slow, count(*), "
                + "avg((CAST(t.pathway_treatment_date AS DATE) - CAST(t.pathway_start_date AS DATE)) / CAST(l.standard_lead_time_days AS DOUBLE)) "
                + "FROM pathways t JOIN lead_days l ON l.pathway = t.cancer_pathway WHERE t.pathway_treatment_date IS NOT NULL "
                + "GROUP BY 1 ORDER BY 1");
        assertEquals(2, r.size(), r.toString());
        double others = Double.parseDouble(r.get(0).get(2));
        double slow = Double.parseDouble(r.get(1).get(2));
        assertTrue(Integer.parseInt(r.get(1).get(1)) >= 10, "the slow site treats enough pathways: " + r);
        assertEquals(0.904, others, 0.06, r.toString());
        assertEquals(1.446, slow, 0.25, r.toString());
    }

    @Test
    void qualityRegistryRowsAreYearlyOrPerSurveyAndThePlantedSitesAreNamed() throws SQLException {
        assertEquals(List.of(List.of("hjerneslag_inn_enhet", "Y"), List.of("hjerneslag_pf_malepunkt_2c", "Y"),
                        List.of("hjerteinfarkt_invasivt_nstemi", "Y"), List.of("hoftebrudd_24t", "Y"),
                        List.of("piahs_prevalens", "T2"), List.of("piahs_prevalens", "T3")),
                rows("SELECT DISTINCT indicator_id, period FROM quality ORDER BY 1, 2"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM quality WHERE CAST(numerator AS INTEGER) > "
                + "CAST(denominator AS INTEGER) OR CAST(denominator AS INTEGER) <= 0"));
        JsonNode effects = truth.get("quality_registry_effects");
        assertEquals(QualityRegistryOutcomes.INDICATORS.size(), effects.size());
        for (JsonNode e : effects) {
            assertTrue(e.get("provider_org").asText().matches("\\d{9}"), e.toString());
        }
    }

    @Test
    void postponedBySpecialtyHasEverySpecialtyAndThePlantedHospitalPostponesMoreOrthopaedics() throws SQLException {
        assertEquals(List.of(List.of("DIGESTIVE"), List.of("ENT"), List.of("EYE"), List.of("ORTHOPAEDICS"), List.of("OTHER")),
                rows("SELECT DISTINCT specialty FROM postponed ORDER BY 1"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM postponed WHERE CAST(postponed_operations AS INTEGER) > "
                + "CAST(planned_operations AS INTEGER)"));
        JsonNode effect = truth.get("postponed_specialty_effects").get(0);
        String org = effect.get("provider_org").asText();
        // expected share: 0.06 x 2 x E[exp(0.2 Z)] = 0.12 x exp(0.02) = 0.122 at the planted hospital, 0.061 elsewhere
        List<List<String>> r = rows("SELECT provider_org = '" + org + "' AS planted, sum(CAST(planned_operations AS INTEGER)), "
                + "sum(CAST(postponed_operations AS DOUBLE)) / sum(CAST(planned_operations AS INTEGER)) FROM postponed "
                + "WHERE specialty = 'ORTHOPAEDICS' GROUP BY 1 ORDER BY 1");
        assertEquals(0.061, Double.parseDouble(r.get(0).get(2)), 0.012, r.toString());
        assertTrue(Double.parseDouble(r.get(1).get(2)) > 1.5 * Double.parseDouble(r.get(0).get(2)), r.toString());
        assertTrue(Integer.parseInt(r.get(1).get(1)) >= 100, "the planted hospital plans enough operations: " + r);
    }

    @Test
    void theTrustOfTheReportingGapDischargesNoPathwayEpisodeInItsMissingTertial() throws SQLException {
        JsonNode gap = truth.get("reporting_gap");
        List<String> orgs = new ArrayList<>();
        gap.get("provider_orgs").forEach(o -> orgs.add("'" + o.asText() + "'"));
        String inGapTertial = "year(CAST(discharge_time AS TIMESTAMP)) = " + gap.get("year").asInt()
                + " AND (month(CAST(discharge_time AS TIMESTAMP)) - 1) // 4 + 1 = " + gap.get("tertial").asInt();
        String ofTrust = "provider_org IN (" + String.join(", ", orgs) + ")";
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pathways WHERE " + ofTrust + " AND " + inGapTertial));
        // the rule is what keeps them out: the trust's hospitals do discharge pathway episodes in its other tertials
        assertTrue(Integer.parseInt(rows("SELECT count(*) FROM pathways WHERE " + ofTrust).get(0).get(0)) > 0);
    }
}
