-- OECD HCQO admission-based ("unlinked", in-hospital) 30-day mortality: every admission (inpatient
-- or same-day) with principal diagnosis in `diagnosis_set`, patient aged min_age or more, admitted in
-- [period_start, period_end). Numerator: the stay ends in death within survival_days of the
-- admission date (see died_in_stay_within); deaths after discharge or transfer are not seen.
-- Output: the indicator output columns with cov_age_group and cov_sex.
CREATE OR REPLACE MACRO oecd_in_hospital_mortality_cases(diagnosis_set, period_start, period_end, survival_days, min_age) AS TABLE
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(died_in_stay_within(s.discharge_status, s.discharge_time, s.admission_time, CAST(survival_days AS INTEGER)) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    oecd_age_group(s.age) AS cov_age_group,
    s.sex AS cov_sex
FROM npr_somatic s
WHERE s.care_level IN ('1', '2')
  AND icd10_in_set(s.main_diagnosis, diagnosis_set)
  AND s.age >= CAST(min_age AS INTEGER)
  AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE)
