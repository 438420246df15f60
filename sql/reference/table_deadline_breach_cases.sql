-- Breached deadline (fristbrudd) in mental health care and TSB (NKI): started referrals of
-- mental_care_starts(care_sector, …) with a set deadline, placed on the start date. Numerator:
-- healthcare started after the deadline (a start on the deadline day is not a breach).
-- The starts are read from mental_care_start_cohort (rows_mental_care_starts.sql: those of every sector, which the
-- engine builds once for the family; issue #17, waitfam), filtered to care_sector: the same rows.
CREATE OR REPLACE MACRO deadline_breach_cases(care_sector, period_start, period_end) AS TABLE
SELECT
    f.start_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(f.start_date > f.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM mental_care_start_cohort(period_start, period_end) f
WHERE f.sector = care_sector
  AND f.deadline_date IS NOT NULL
