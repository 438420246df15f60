-- Deep and organ/space surgical-site infection after coronary artery bypass grafting (NKI;
-- NOIS-POSI surveillance, ECDC protocol, 30-day follow-up).
-- Denominator: procedures of NOIS group CABG carrying an NCSP code of code set CABG, done in
-- [period_start, period_end), whose infection status was followed up (with incomplete follow-up
-- the outcome is unknown). Numerator: deep or organ/space infection within 30 days (superficial
-- infections do not count).
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
)
SELECT
    n.procedure_date AS event_date,
    n.provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    n.sex,
    n.age,
    CAST(coalesce(n.infection IN ('DEEP', 'ORGAN'), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM nois_ssi n
CROSS JOIN params p
WHERE n.procedure_group = 'CABG'
  AND ncsp_any_in_set(n.ncsp_code, 'CABG')
  AND n.follow_up_complete
  AND n.procedure_date >= p.period_start AND n.procedure_date < p.period_end
