-- Starts of healthcare in mental health care and TSB: per referral (patient, unit, sector and
-- referral date), its first episode in sector `care_sector` (later episodes continue the same
-- care), started in [period_start, period_end). One row per started referral: the columns of
-- npr_mental for that episode.
CREATE OR REPLACE MACRO mental_care_starts(care_sector, period_start, period_end) AS TABLE
WITH first_episodes AS (
    SELECT m.*,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, m.sector, m.referral_date
                              ORDER BY m.start_date, m.episode_id) AS episode_rank
    FROM npr_mental m
    -- the treating unit is part of a referral's identity: an episode whose org number was invalid (stored NULL)
    -- cannot be placed in a referral, and would start a spurious one of its own
    WHERE m.sector = care_sector AND m.provider_org IS NOT NULL
)
SELECT f.* EXCLUDE (episode_rank)
FROM first_episodes f
WHERE f.episode_rank = 1
  AND f.start_date >= CAST(period_start AS DATE) AND f.start_date < CAST(period_end AS DATE);

-- The same starts for every sector at once, with only the columns the waiting-time and deadline-breach indicators of
-- mental health care and TSB read (issue #17, waitfam): mental_care_starts(care_sector, …) is these rows WHERE
-- sector = care_sector, since the sector is part of the referral's identity (the window's partition). The nine
-- indicators of waiting_time_cases and deadline_breach_cases filter their sector from it; the engine builds it once
-- per run for all nine (their metadata's "cohort", engine.SharedCohorts) instead of ranking npr_mental nine times.
CREATE OR REPLACE MACRO mental_care_start_cohort(period_start, period_end) AS TABLE
WITH first_episodes AS (
    SELECT m.sector, m.start_date, m.referral_date, m.deadline_date, m.provider_org, m.residence_municipality,
           m.sex, m.age,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, m.sector, m.referral_date
                              ORDER BY m.start_date, m.episode_id) AS episode_rank
    FROM npr_mental m
    WHERE m.sector IS NOT NULL AND m.provider_org IS NOT NULL
)
SELECT f.* EXCLUDE (episode_rank)
FROM first_episodes f
WHERE f.episode_rank = 1
  AND f.start_date >= CAST(period_start AS DATE) AND f.start_date < CAST(period_end AS DATE);
