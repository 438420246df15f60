-- Waiting time in somatic specialist care (NKI): days from the referral being received until
-- healthcare starts, for patients who have started healthcare (avviklet): the episode flagged as
-- the start of healthcare for its referral, placed on the date care started in [period_start,
-- period_end); value carries the days (numerator and denominator 1: the engine takes the mean or
-- median of value as the indicator's measure says).
CREATE OR REPLACE MACRO waiting_time_somatic_cases(period_start, period_end) AS TABLE
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(CAST(s.admission_time AS DATE) - s.referral_date AS DOUBLE) AS value
FROM npr_somatic s
WHERE s.care_start
  AND s.referral_date IS NOT NULL
  AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE)
