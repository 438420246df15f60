-- Share of dispensings of a narrower choice among a group of medicines (NKI antibiotic choice
-- indicators): dispensed prescriptions in [period_start, period_end) of an ATC code in
-- `denominator_atc_set` to persons aged min_age to max_age, of sex `only_sex` (NULL: both).
-- Numerator: the ATC code is in `numerator_atc_set`. One row per dispensing, placed on the
-- dispensing date in the residence municipality.
CREATE OR REPLACE MACRO dispensing_share_cases(numerator_atc_set, denominator_atc_set, only_sex, period_start, period_end, min_age, max_age) AS TABLE
WITH codes AS (
    -- the codes dispensed that fall in the denominator set, each tested once (not every dispensing)
    SELECT atc, atc_in_set(atc, numerator_atc_set) AS in_numerator
    FROM (SELECT DISTINCT atc FROM prescription)
    WHERE atc_in_set(atc, denominator_atc_set)
)
SELECT
    r.dispensing_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    r.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    r.age,
    CAST(c.in_numerator AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM prescription r
JOIN codes c ON c.atc = r.atc
WHERE (CAST(only_sex AS VARCHAR) IS NULL OR r.sex = CAST(only_sex AS VARCHAR))
  AND r.age BETWEEN CAST(min_age AS INTEGER) AND CAST(max_age AS INTEGER)
  AND r.dispensing_date >= CAST(period_start AS DATE) AND r.dispensing_date < CAST(period_end AS DATE)
