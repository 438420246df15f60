-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: bystander_cpr_before_ambulance, cardiac_arrest_rosc.
-- $outcome VARCHAR: the Utstein outcome counted in the numerator: bystander_cpr (CPR by bystanders before the
--     ambulance arrived) or rosc (return of spontaneous circulation)
--     defaults: bystander_cpr_before_ambulance 'bystander_cpr', cardiac_arrest_rosc 'rosc'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Out-of-hospital cardiac arrests (NKI, Norsk hjertestansregister): sudden, unexpected arrests outside
-- hospital that an ambulance attended, with the arrest in [period_start, period_end), except those that
-- happened after the ambulance crew had arrived (observed by the ambulance). Numerator: the Utstein outcome
-- named by $outcome: 'bystander_cpr' (CPR started by bystanders before the ambulance arrived) or 'rosc'
-- (return of spontaneous circulation for at least 20 minutes or until handover). Placed on the arrest date,
-- at the health trust whose ambulance service attended (provider levels) and the AMK central of the call.
SELECT
    CAST(a.arrest_time AS DATE) AS event_date,
    a.ambulance_org AS provider_org,
    a.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    a.central_id,
    a.sex,
    a.age,
    CAST(CASE $outcome WHEN 'bystander_cpr' THEN a.bystander_cpr WHEN 'rosc' THEN a.rosc END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM cardiac_arrest a
WHERE NOT a.ems_witnessed
  AND a.arrest_time >= CAST($period_start AS DATE) AND a.arrest_time < CAST($period_end AS DATE)
