-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: fristbrudd_somatic_digestive, fristbrudd_somatic_ent, fristbrudd_somatic_eye,
--   fristbrudd_somatic_orthopaedics.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $specialty VARCHAR: the specialty counted (somatic_specialty: ORTHOPAEDICS, EYE, ENT, DIGESTIVE)
--     defaults: fristbrudd_somatic_digestive 'DIGESTIVE', fristbrudd_somatic_ent 'ENT',
--       fristbrudd_somatic_eye 'EYE', fristbrudd_somatic_orthopaedics 'ORTHOPAEDICS'
-- end of kvik parameters
-- Breached waiting-time guarantee (fristbrudd) in somatic specialist care by specialty: patients with a set
-- deadline who started healthcare, as fristbrudd_somatic counts them (the episode flagged as the start of
-- healthcare, placed on the date care started; a start on the deadline day is within it), restricted to the
-- episodes whose main diagnosis belongs to $specialty (somatic_specialty in
-- sql/reference/macro_somatic_specialty.sql). Numerator: care started after the deadline.
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
    CAST(c.event_date > c.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM somatic_care_start_cohort($period_start, $period_end) c
WHERE c.deadline_date IS NOT NULL
  AND c.specialty = CAST($specialty AS VARCHAR)
