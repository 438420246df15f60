-- Respiratory-tract antibiotics, ages 10-79: share of penicillin V (NKI): dispensed
-- prescriptions in [period_start, period_end) of the respiratory-tract antibiotics (ATC code set
-- RESP_DENOM) to persons aged min_age to max_age. Numerator: prescriptions of
-- phenoxymethylpenicillin (penicillin V) (ATC code set RESP_PENV). One row per dispensing,
-- placed on the dispensing date in the residence municipality.
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
    CAST(atc_in_set(r.atc, 'RESP_PENV') AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM prescription r
CROSS JOIN params p
WHERE atc_in_set(r.atc, 'RESP_DENOM')
  AND r.age BETWEEN p.min_age AND p.max_age
  AND r.dispensing_date >= p.period_start AND r.dispensing_date < p.period_end
