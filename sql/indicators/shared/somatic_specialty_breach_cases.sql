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
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(CAST(s.admission_time AS DATE) > s.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_somatic s
WHERE s.care_start
  AND s.deadline_date IS NOT NULL
  AND s.admission_time >= CAST($period_start AS DATE) AND s.admission_time < CAST($period_end AS DATE)
  AND somatic_specialty(s.main_diagnosis) = CAST($specialty AS VARCHAR)
