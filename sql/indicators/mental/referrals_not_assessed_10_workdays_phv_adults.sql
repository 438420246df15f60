-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $max_workdays INTEGER = 10: a referral must be assessed within this many working days after the day of
--     receipt
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Referrals not assessed within 10 working days, adult mental health care (NKI): share of
-- referrals received in [period_start, period_end) that were not assessed within max_workdays
-- working days (Monday-Friday after the day of receipt) or not assessed at all. One row per
-- referral (patient, provider, referral date), placed on the referral date.
WITH referrals AS (
    SELECT m.*,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, m.referral_date
                              ORDER BY m.assessment_date NULLS LAST, m.start_date, m.episode_id) AS referral_rank
    FROM npr_mental m
    -- the provider is part of a referral's identity: an episode whose org number was invalid (stored NULL) cannot
    -- be placed in a referral (see sql/reference/rows_mental_care_starts.sql)
    WHERE m.sector = 'PHV_V' AND m.provider_org IS NOT NULL
),
assessed AS (
    SELECT r.*,
           CASE WHEN r.assessment_date IS NOT NULL THEN (SELECT count(*)
            FROM generate_series(CAST(r.referral_date + 1 AS TIMESTAMP), CAST(r.assessment_date AS TIMESTAMP),
                                 INTERVAL 1 DAY) AS g(day)
            WHERE isodow(g.day) <= 5) END AS workdays_to_assessment
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
    CAST(a.assessment_date IS NULL OR a.workdays_to_assessment > CAST($max_workdays AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(a.workdays_to_assessment AS DOUBLE) AS value
FROM assessed a
WHERE a.referral_date >= CAST($period_start AS DATE) AND a.referral_date < CAST($period_end AS DATE)
