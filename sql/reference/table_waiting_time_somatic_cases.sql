-- The somatic waiting-list cohort (issue #17, waitfam): every start of healthcare in somatic specialist care with a
-- referral date or a deadline, placed on the date care started in [period_start, period_end): the episode flagged
-- as the start of healthcare for its referral (care_start), with the columns the waiting-time and deadline-breach
-- indicators read and its specialty told once (somatic_specialty in macro_somatic_specialty.sql). The eleven
-- indicators (waiting_time_somatic_* and fristbrudd_somatic*) each keep their own filter (a referral date, a
-- deadline, a specialty) over these rows; the engine builds them once per run for all eleven (their metadata's
-- "cohort", engine.SharedCohorts), so npr_somatic is read and the diagnosis classified once instead of eleven times.
CREATE OR REPLACE MACRO somatic_care_start_cohort(period_start, period_end) AS TABLE
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    s.sex,
    s.age,
    s.referral_date,
    s.deadline_date,
    somatic_specialty(s.main_diagnosis) AS specialty
FROM npr_somatic s
WHERE s.care_start
  AND (s.referral_date IS NOT NULL OR s.deadline_date IS NOT NULL)
  AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE);

-- Waiting time in somatic specialist care (NKI): days from the referral being received until
-- healthcare starts, for patients who have started healthcare (avviklet): the episode flagged as
-- the start of healthcare for its referral, placed on the date care started in [period_start,
-- period_end); value carries the days (numerator and denominator 1: the engine takes the mean or
-- median of value as the indicator's measure says). The starts with a referral date of the cohort above.
CREATE OR REPLACE MACRO waiting_time_somatic_cases(period_start, period_end) AS TABLE
SELECT
    c.event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(c.event_date - c.referral_date AS DOUBLE) AS value
FROM somatic_care_start_cohort(period_start, period_end) c
WHERE c.referral_date IS NOT NULL;
