-- OECD HCQO patient-based ("linked") 30-day mortality: the first admission (inpatient or same-day)
-- per patient and calendar year with principal diagnosis in `diagnosis_set`, patient aged min_age or
-- more, admitted in [period_start, period_end). Numerator: death from any cause within
-- survival_days of the admission date, wherever it happens (see died_within). Output: the
-- indicator output columns with cov_age_group and cov_sex (the OECD age-sex standardisation strata).
CREATE OR REPLACE MACRO oecd_linked_mortality_cases(diagnosis_set, period_start, period_end, survival_days, min_age) AS TABLE
WITH admissions AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s.patient_id, year(s.admission_time)
                              ORDER BY s.admission_time, s.episode_id) AS admission_rank
    FROM npr_somatic s
    WHERE s.care_level IN ('1', '2')
      AND icd10_in_set(s.main_diagnosis, diagnosis_set)
      AND s.age >= CAST(min_age AS INTEGER)
      AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE)
)
SELECT
    CAST(a.admission_time AS DATE) AS event_date,
    a.provider_org,
    a.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    a.sex,
    a.age,
    CAST(CASE WHEN died_within(d.death_date, a.discharge_status, a.discharge_time, a.admission_time, CAST(survival_days AS INTEGER))
              THEN 1 ELSE 0 END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    oecd_age_group(a.age) AS cov_age_group,
    a.sex AS cov_sex
FROM admissions a
LEFT JOIN death d ON d.patient_id = a.patient_id
WHERE a.admission_rank = 1
