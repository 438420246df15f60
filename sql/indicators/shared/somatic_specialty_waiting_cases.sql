-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: waiting_time_somatic_digestive_mean, waiting_time_somatic_ent_mean,
--   waiting_time_somatic_eye_mean, waiting_time_somatic_orthopaedics_mean.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $specialty VARCHAR: the specialty counted (somatic_specialty: ORTHOPAEDICS, EYE, ENT, DIGESTIVE)
--     defaults: waiting_time_somatic_digestive_mean 'DIGESTIVE', waiting_time_somatic_ent_mean 'ENT',
--       waiting_time_somatic_eye_mean 'EYE', waiting_time_somatic_orthopaedics_mean 'ORTHOPAEDICS'
-- end of kvik parameters
-- Waiting time in somatic specialist care by specialty: days from the referral being received until
-- healthcare starts (value), for patients who have started healthcare, as waiting_time_somatic_cases counts
-- them (the episode flagged as the start of healthcare, placed on the date care started), restricted to the
-- episodes whose main diagnosis belongs to $specialty (somatic_specialty in
-- sql/reference/macro_somatic_specialty.sql: the specialty told from the diagnosis chapter). Numerator and
-- denominator are 1 per case; the measure says whether the engine takes the mean or the median.
-- The rows: somatic_care_start_cohort in sql/reference/table_waiting_time_somatic_cases.sql (the family's starts of
-- healthcare, built once per run for its eleven indicators; issue #17, waitfam).
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
FROM somatic_care_start_cohort($period_start, $period_end) c
WHERE c.referral_date IS NOT NULL
  AND c.specialty = CAST($specialty AS VARCHAR)
