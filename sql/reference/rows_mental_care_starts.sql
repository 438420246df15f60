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
  AND f.start_date >= CAST(period_start AS DATE) AND f.start_date < CAST(period_end AS DATE)
