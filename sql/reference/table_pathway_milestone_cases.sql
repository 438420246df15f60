-- A pathway measuring point reached within its recommended time (forløpstid, pakkeforløp psykisk helse
-- og rus): pathways of npr_mh_pathway in sector `care_sector` whose starting point of the interval
-- `milestone` falls in [period_start, period_end), placed on that date. milestone 'assessment': from
-- the first appointment to the clinical decision after assessment; 'first_evaluation': from the
-- clinical decision to the first evaluation. Value: the calendar days the interval took (null while the
-- point is not reached); numerator 1 when the point was reached within within_days. Placing a pathway on
-- the interval's start (not on the point reached) keeps periods comparable: a point reached in a period
-- would count only the fast pathways of the period before the data began. The indicator declares
-- within_days as its follow-up, so a period is reported only when every pathway in it could be seen to
-- reach the point in time.
CREATE OR REPLACE MACRO pathway_milestone_cases(care_sector, milestone, period_start, period_end, within_days) AS TABLE
WITH points AS (
    SELECT p.*,
           CASE CAST(milestone AS VARCHAR)
               WHEN 'assessment' THEN p.first_appointment_date
               WHEN 'first_evaluation' THEN p.clinical_decision_date END AS from_date,
           CASE CAST(milestone AS VARCHAR)
               WHEN 'assessment' THEN p.clinical_decision_date
               WHEN 'first_evaluation' THEN p.first_evaluation_date END AS reached_date
    FROM npr_mh_pathway p
    WHERE p.sector = care_sector
)
SELECT
    t.from_date AS event_date,
    t.provider_org,
    t.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    t.sex,
    t.age,
    CAST(coalesce(t.reached_date - t.from_date <= CAST(within_days AS INTEGER), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(t.reached_date - t.from_date AS DOUBLE) AS value
FROM points t
WHERE t.from_date >= CAST(period_start AS DATE) AND t.from_date < CAST(period_end AS DATE)
