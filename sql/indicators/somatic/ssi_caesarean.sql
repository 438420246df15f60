-- Surgical-site infection after caesarean section (NKI; NOIS-POSI surveillance, ECDC protocol,
-- 30-day follow-up).
-- Denominator: procedures of NOIS group CAESAREAN carrying an NCSP code of code set CAESAREAN,
-- done in [period_start, period_end), whose infection status was followed up (with incomplete
-- follow-up the outcome is unknown). Numerator: any surgical-site infection within 30 days
-- (superficial, deep or organ/space).
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
    CAST(coalesce(n.infection IN ('SUPERFICIAL', 'DEEP', 'ORGAN'), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM nois_ssi n
CROSS JOIN params p
WHERE n.procedure_group = 'CAESAREAN'
  AND ncsp_any_in_set(n.ncsp_code, 'CAESAREAN')
  AND n.follow_up_complete
  AND n.procedure_date >= p.period_start AND n.procedure_date < p.period_end
