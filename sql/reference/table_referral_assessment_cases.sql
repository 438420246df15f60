-- Referrals not assessed in time in mental health care and TSB (NKI): per referral (patient, unit,
-- sector `care_sector` and referral date) received in [period_start, period_end), placed on the
-- referral date. Value: working days (Monday-Friday after the day of receipt up to and including the
-- assessment day, workdays_after) to the first assessment; numerator 1 when it is more than max_workdays or the
-- referral was never assessed.
CREATE OR REPLACE MACRO referral_assessment_cases(care_sector, period_start, period_end, max_workdays) AS TABLE
WITH referrals AS (
    SELECT m.*,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, m.referral_date
                              ORDER BY m.assessment_date NULLS LAST, m.start_date, m.episode_id) AS referral_rank
    FROM npr_mental m
    -- the provider is part of a referral's identity: an episode whose org number was invalid (stored NULL) cannot
    -- be placed in a referral (see rows_mental_care_starts.sql)
    WHERE m.sector = care_sector AND m.provider_org IS NOT NULL
),
assessed AS (
    SELECT r.*,
           workdays_after(r.referral_date, r.assessment_date) AS workdays_to_assessment
    FROM referrals r
    WHERE r.referral_rank = 1
)
SELECT
    a.referral_date AS event_date,
    a.provider_org,
    a.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    a.sex,
    a.age,
    CAST(a.assessment_date IS NULL OR a.workdays_to_assessment > CAST(max_workdays AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(a.workdays_to_assessment AS DOUBLE) AS value
FROM assessed a
WHERE a.referral_date >= CAST(period_start AS DATE) AND a.referral_date < CAST(period_end AS DATE)
