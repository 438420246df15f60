-- Patients with coercive measures in inpatient adult mental health care (NKI "tvangsmiddelbruk"):
-- patients aged min_age or more admitted to inpatient PHV adults (care level 1) in [period_start,
-- period_end), counted once per unit and calendar year, placed on their first admission of the year
-- there (residence, sex and age then). Numerator 1 when an npr_coercion decision of a type in
-- `measure_types` (a list) was made in any of those admissions.
CREATE OR REPLACE MACRO coercive_measure_patient_cases(measure_types, period_start, period_end, min_age) AS TABLE
WITH measured AS (
    SELECT DISTINCT c.episode_id
    FROM npr_coercion c
    WHERE list_contains(measure_types, c.decision_type)
),
admissions AS (
    SELECT m.patient_id, m.provider_org, m.start_date, m.residence_municipality, m.sex, m.age,
           me.episode_id IS NOT NULL AS with_measure,
           bool_or(me.episode_id IS NOT NULL) OVER (PARTITION BY m.patient_id, m.provider_org, year(m.start_date)) AS patient_measured,
           row_number() OVER (PARTITION BY m.patient_id, m.provider_org, year(m.start_date)
                              ORDER BY m.start_date, m.episode_id) AS admission_rank
    FROM npr_mental m
    LEFT JOIN measured me ON me.episode_id = m.episode_id
    WHERE m.sector = 'PHV_V' AND m.care_level = '1'
      AND m.age >= CAST(min_age AS INTEGER)
      AND m.start_date >= CAST(period_start AS DATE) AND m.start_date < CAST(period_end AS DATE)
)
SELECT
    a.start_date AS event_date,
    a.provider_org,
    a.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    a.sex,
    a.age,
    CAST(a.patient_measured AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM admissions a
WHERE a.admission_rank = 1
