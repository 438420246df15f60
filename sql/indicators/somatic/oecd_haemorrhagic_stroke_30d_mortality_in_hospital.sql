-- OECD HCQO admission-based (in-hospital) 30-day mortality after haemorrhagic stroke (principal
-- diagnosis in code set OECD_HAEM_STROKE). Admission-based ("unlinked"): every admission
-- (inpatient or same-day) of a patient aged min_age or more, admitted in [period_start,
-- period_end), counts. Numerator: death in the same hospital within survival_days, i.e. the stay
-- ends with discharge status dead on or before admission date + survival_days; deaths after
-- discharge or transfer are not seen. cov_age_group (OECD five-year groups) and cov_sex carry
-- the strata of the OECD age-sex standardisation.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($survival_days AS INTEGER) AS survival_days,
           CAST($min_age AS INTEGER) AS min_age
)
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(s.discharge_status = '9'
         AND CAST(s.discharge_time AS DATE) <= CAST(s.admission_time AS DATE) + p.survival_days AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    oecd_age_group(s.age) AS cov_age_group,
    s.sex AS cov_sex
FROM npr_somatic s
CROSS JOIN params p
WHERE s.care_level IN ('1', '2')
  AND icd10_in_set(s.main_diagnosis, 'OECD_HAEM_STROKE')
  AND s.age >= p.min_age
  AND s.admission_time >= p.period_start AND s.admission_time < p.period_end
