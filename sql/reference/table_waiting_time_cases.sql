-- Waiting time to start of healthcare in mental health care and TSB: one case per started
-- referral of mental_care_starts(care_sector, …), placed on the start date; value is the days from
-- the referral being received until healthcare starts (numerator and denominator 1: the engine
-- takes the mean or median of value as the indicator's measure says).
-- The starts are read from mental_care_start_cohort (rows_mental_care_starts.sql: those of every sector, which the
-- engine builds once for the family; issue #17, waitfam), filtered to care_sector: the same rows.
CREATE OR REPLACE MACRO waiting_time_cases(care_sector, period_start, period_end) AS TABLE
SELECT
    f.start_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(f.start_date - f.referral_date AS DOUBLE) AS value
FROM mental_care_start_cohort(period_start, period_end) f
WHERE f.sector = care_sector
