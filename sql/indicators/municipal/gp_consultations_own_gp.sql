-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Consultations with own regular GP (NKI, GP continuity): share of contacts with a GP in the
-- scheme that were with the patient's own regular GP. One row per contact in [period_start,
-- period_end), placed on the contact date in the municipality of the practice.
SELECT
    c.contact_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    c.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(c.own_gp AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM kpr_gp_contact c
WHERE c.contact_date >= CAST($period_start AS DATE) AND c.contact_date < CAST($period_end AS DATE)
