-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Follow-up of infection status within 30 days after surgery (NOIS process indicator): share of
-- procedures (total hip, hemi hip and cholecystectomy) whose infection status was followed up
-- within 30 days. In effect the data completeness of the surgical-site infection indicators.
SELECT
    n.procedure_date AS event_date,
    n.provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    n.sex,
    n.age,
    CAST(n.follow_up_complete AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM nois_ssi n
WHERE n.procedure_group IN ('HIP_TOTAL', 'HIP_HEMI', 'CHOLECYSTECTOMY')
  AND n.procedure_date >= CAST($period_start AS DATE) AND n.procedure_date < CAST($period_end AS DATE)
