-- Users of a medicine: each patient's first dispensing per calendar year of an ATC code in
-- `atc_set` (and not in `excluded_atc_set`; NULL: nothing excluded), dispensed in [period_start,
-- period_end) to a patient aged min_age to max_age, of sex `only_sex` (NULL: both). One case row per
-- patient and year: the dispensing date, residence municipality, sex and age with numerator 1 and
-- denominator 0 (the denominator comes from population_cells).
CREATE OR REPLACE MACRO first_dispensing_per_year(atc_set, excluded_atc_set, only_sex, period_start, period_end, min_age, max_age) AS TABLE
WITH codes AS (
    -- the codes dispensed that fall in the set: each distinct code is tested once, not every dispensing
    SELECT atc
    FROM (SELECT DISTINCT atc FROM prescription)
    WHERE atc_in_set(atc, atc_set)
      AND (CAST(excluded_atc_set AS VARCHAR) IS NULL OR NOT atc_in_set(atc, CAST(excluded_atc_set AS VARCHAR)))
),
users AS (
    -- the first dispensing per patient and year (earliest date, then lowest dispensing id)
    SELECT r.dispensing_date, r.residence_municipality, r.sex, r.age
    FROM prescription r
    SEMI JOIN codes c ON c.atc = r.atc
    WHERE (CAST(only_sex AS VARCHAR) IS NULL OR r.sex = CAST(only_sex AS VARCHAR))
      AND r.age BETWEEN CAST(min_age AS INTEGER) AND CAST(max_age AS INTEGER)
      AND r.dispensing_date >= CAST(period_start AS DATE) AND r.dispensing_date < CAST(period_end AS DATE)
    QUALIFY row_number() OVER (PARTITION BY r.patient_id, year(r.dispensing_date)
                               ORDER BY r.dispensing_date, r.dispensing_id) = 1
)
SELECT
    u.dispensing_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    u.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    u.sex,
    u.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM users u
