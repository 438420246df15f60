-- Waiting time in adult mental health care (NKI): days from the referral being received until
-- healthcare starts, for patients who have started healthcare, placed on the start date. The
-- engine takes the median of value (numerator and denominator are 1 per case).
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
),
first_episodes AS (
    -- the referral's first episode is the start of healthcare (later episodes continue the same care)
    SELECT m.*,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, m.sector, m.referral_date
                              ORDER BY m.start_date, m.episode_id) AS episode_rank
    FROM npr_mental m
    WHERE m.sector = 'PHV_V'
)
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
FROM first_episodes f
CROSS JOIN params p
WHERE f.episode_rank = 1
  AND f.start_date >= p.period_start AND f.start_date < p.period_end
