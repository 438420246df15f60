-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Involuntary admissions in adult mental health care (NKI "tvangsinnleggelser"): share of admissions
-- to inpatient care (care level 1) in PHV adults starting in [period_start, period_end) whose legal
-- basis is involuntary: an npr_coercion decision on the episode of involuntary observation (TVOBS,
-- § 3-2) or compulsory mental health care (TPH, § 3-3). One row per admission, placed on its start
-- date.
WITH involuntary AS (
    SELECT DISTINCT c.episode_id
    FROM npr_coercion c
    WHERE c.decision_type IN ('TVOBS', 'TPH')
)
SELECT
    m.start_date AS event_date,
    m.provider_org,
    m.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    m.sex,
    m.age,
    CAST(i.episode_id IS NOT NULL AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_mental m
LEFT JOIN involuntary i ON i.episode_id = m.episode_id
WHERE m.sector = 'PHV_V' AND m.care_level = '1'
  AND m.start_date >= CAST($period_start AS DATE) AND m.start_date < CAST($period_end AS DATE)
