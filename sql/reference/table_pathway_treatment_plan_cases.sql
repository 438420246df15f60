-- Treatment plan made with the patient (pakkeforløp psykisk helse og rus): pathways of npr_mh_pathway
-- in sector `care_sector` with the clinical decision after assessment in [period_start, period_end),
-- placed on that date; numerator 1 when a treatment plan made together with the patient is coded.
CREATE OR REPLACE MACRO pathway_treatment_plan_cases(care_sector, period_start, period_end) AS TABLE
SELECT
    p.clinical_decision_date AS event_date,
    p.provider_org,
    p.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    p.sex,
    p.age,
    CAST(p.treatment_plan_date IS NOT NULL AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_mh_pathway p
WHERE p.sector = care_sector
  AND p.clinical_decision_date >= CAST(period_start AS DATE) AND p.clinical_decision_date < CAST(period_end AS DATE)
