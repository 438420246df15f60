-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- GP contacts per inhabitant: every contact with a GP (own regular GP or another) in [period_start,
-- period_end) is a case row (numerator 1, denominator 0) placed in the municipality of the practice, with
-- the patient's sex and age. Population cells on 1 January of each year in the period (numerator 0,
-- denominator persons, all ages; population_cells in sql/reference) complete the denominator. Municipality
-- numbers pass through as registered.
SELECT
    c.contact_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    c.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM kpr_gp_contact c
WHERE c.contact_date >= CAST($period_start AS DATE) AND c.contact_date < CAST($period_end AS DATE)
UNION ALL
SELECT *
FROM population_cells(NULL, $period_start, $period_end, 0, 110)
