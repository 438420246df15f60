-- Surgical-site infection (NKI; NOIS-POSI surveillance, ECDC protocol, 30-day follow-up).
-- Denominator: procedures of NOIS group `nois_group` carrying an NCSP code of code set `ncsp_set`,
-- done in [period_start, period_end), whose infection status was followed up (with incomplete
-- follow-up the outcome is unknown). Numerator: an infection of a kind in `counted_infections`
-- (SUPERFICIAL, DEEP, ORGAN) within 30 days. Placed on the procedure date at the operating site.
CREATE OR REPLACE MACRO ssi_cases(nois_group, ncsp_set, counted_infections, period_start, period_end) AS TABLE
SELECT
    n.procedure_date AS event_date,
    n.provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    n.sex,
    n.age,
    CAST(coalesce(list_contains(counted_infections, n.infection), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM nois_ssi n
WHERE n.procedure_group = nois_group
  AND ncsp_any_in_set(n.ncsp_code, ncsp_set)
  AND n.follow_up_complete
  AND n.procedure_date >= CAST(period_start AS DATE) AND n.procedure_date < CAST(period_end AS DATE)
