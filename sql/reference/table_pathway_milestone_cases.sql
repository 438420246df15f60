-- A pathway measuring point reached within its recommended time (forløpstid, pakkeforløp psykisk helse
-- og rus): pathways of npr_mh_pathway in sector `care_sector` whose measuring point `milestone` falls
-- in [period_start, period_end), placed on that date, value the calendar days it took and numerator 1
-- when they are no more than within_days. milestone 'assessment': first appointment to the clinical
-- decision after assessment; 'first_evaluation': clinical decision to the first evaluation.
CREATE OR REPLACE MACRO pathway_milestone_cases(care_sector, milestone, period_start, period_end, within_days) AS TABLE
WITH points AS (
    SELECT p.*,
           CASE CAST(milestone AS VARCHAR)
               WHEN 'assessment' THEN p.clinical_decision_date
               WHEN 'first_evaluation' THEN p.first_evaluation_date END AS reached_date,
           CASE CAST(milestone AS VARCHAR)
               WHEN 'assessment' THEN p.first_appointment_date
               WHEN 'first_evaluation' THEN p.clinical_decision_date END AS from_date
    FROM npr_mh_pathway p
    WHERE p.sector = care_sector
)
SELECT
    t.reached_date AS event_date,
    t.provider_org,
    t.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    t.sex,
    t.age,
    CAST(t.reached_date - t.from_date <= CAST(within_days AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(t.reached_date - t.from_date AS DOUBLE) AS value
FROM points t
WHERE t.from_date IS NOT NULL
  AND t.reached_date >= CAST(period_start AS DATE) AND t.reached_date < CAST(period_end AS DATE)
