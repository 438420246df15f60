-- Nursing-home residents with a medication review in the last 12 months (NKI; KPR). Census: 31
-- December of every year in [period_start, period_end), up to the last year the extract has any
-- date in (so an open-ended run makes no census of future years).
-- Residents: long-term stays (type 21) present on the census day; residents who left before or
-- on that day are not counted. Only residents aged min_age or more. One row per resident and
-- census day (their latest long-term stay), placed on the census day in the municipality
-- providing the stay. Numerator: with a medication review within lookback_months before the
-- census day; "assessed more than 12 months ago" and "missing" are both outside the numerator.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($lookback_months AS INTEGER) AS lookback_months,
           CAST($min_age AS INTEGER) AS min_age
),
last_year AS (
    SELECT greatest(max(year(start_date)), max(year(end_date)), max(year(physician_assessment_date)),
                    max(year(dental_assessment_date)), max(year(medication_review_date))) AS last_year
    FROM kpr_nursing_home
),
census_days AS (
    SELECT make_date(CAST(y.year AS INTEGER), 12, 31) AS census_date
    FROM params p
    CROSS JOIN last_year l
    CROSS JOIN range(year(p.period_start), least(year(p.period_end), l.last_year) + 1) AS y(year)
    WHERE make_date(CAST(y.year AS INTEGER), 12, 31) >= p.period_start
      AND make_date(CAST(y.year AS INTEGER), 12, 31) < p.period_end
),
residents AS (
    SELECT c.census_date, k.*,
           row_number() OVER (PARTITION BY c.census_date, k.patient_id
                              ORDER BY k.start_date DESC, k.stay_id DESC) AS stay_rank
    FROM census_days c
    JOIN kpr_nursing_home k
      ON k.start_date <= c.census_date AND (k.end_date IS NULL OR k.end_date > c.census_date)
    CROSS JOIN params p
    WHERE k.stay_type = '21'
      AND k.age >= p.min_age
)
SELECT
    r.census_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    r.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    r.age,
    CAST(coalesce(r.medication_review_date > r.census_date - to_months(p.lookback_months)
                  AND r.medication_review_date <= r.census_date, false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM residents r
CROSS JOIN params p
WHERE r.stay_rank = 1
