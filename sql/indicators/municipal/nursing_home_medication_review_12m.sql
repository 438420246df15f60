-- Nursing-home residents with a medication review in the last 12 months (NKI; KPR). Residents on
-- a long-term stay (type 21) on the census day, the last day of the period (31.12 for a calendar
-- year); residents who left before or on that day are not counted. Only residents aged min_age
-- or more. One row per resident (their latest long-term stay), placed on the census day and in
-- the municipality providing the stay. Numerator: with a medication review within
-- lookback_months before the census day. "Assessed more than 12 months ago" and "missing" are
-- both outside the numerator.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) - 1 AS census_date,
           CAST($lookback_months AS INTEGER) AS lookback_months,
           CAST($min_age AS INTEGER) AS min_age
),
residents AS (
    SELECT k.*,
           row_number() OVER (PARTITION BY k.patient_id ORDER BY k.start_date DESC, k.stay_id DESC) AS stay_rank
    FROM kpr_nursing_home k
    CROSS JOIN params p
    WHERE k.stay_type = '21'
      AND k.start_date <= p.census_date
      AND (k.end_date IS NULL OR k.end_date > p.census_date)
      AND k.age >= p.min_age
)
SELECT
    p.census_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    r.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    r.age,
    CAST(coalesce(r.medication_review_date > p.census_date - to_months(p.lookback_months)
                  AND r.medication_review_date <= p.census_date, false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM residents r
CROSS JOIN params p
WHERE r.stay_rank = 1
  AND p.census_date >= p.period_start
