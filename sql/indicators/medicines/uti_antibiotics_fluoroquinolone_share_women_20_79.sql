-- Urinary-tract antibiotics, women 20-79: share of fluoroquinolones (NKI): dispensed
-- prescriptions in [period_start, period_end) of the urinary-tract antibiotics (ATC code set
-- UTI_DENOM) to women aged min_age to max_age. Numerator: prescriptions of fluoroquinolones (ATC
-- code set UTI_FQ). One row per dispensing, placed on the dispensing date in the residence
-- municipality.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($min_age AS INTEGER) AS min_age,
           CAST($max_age AS INTEGER) AS max_age
)
SELECT
    r.dispensing_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    r.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    r.age,
    CAST(atc_in_set(r.atc, 'UTI_FQ') AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM prescription r
CROSS JOIN params p
WHERE atc_in_set(r.atc, 'UTI_DENOM')
  AND r.sex = '2'
  AND r.age BETWEEN p.min_age AND p.max_age
  AND r.dispensing_date >= p.period_start AND r.dispensing_date < p.period_end
