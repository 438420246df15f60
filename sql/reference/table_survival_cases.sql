-- Survival after a first-time inpatient stay for a condition (the NKI 30-day survival indicators).
-- Case: an inpatient stay (care level 1) whose main diagnosis is in `diagnosis_set`, admitted in
-- [period_start, period_end), patient aged min_age or more, with no inpatient stay for the same
-- code set in the lookback_days before (so transfers, readmissions and earlier events are not new
-- cases). Numerator 1 when the patient is alive survival_days after the admission date (see
-- died_within). Output: the indicator output columns with cov_age_band, cov_sex, cov_charlson,
-- cov_acute, cov_transfer.
CREATE OR REPLACE MACRO survival_cases(diagnosis_set, period_start, period_end, lookback_days, survival_days, min_age) AS TABLE
WITH earlier_stays AS (
    -- inpatient stays for the condition in the look-back before the period and in it: a case's earlier stay lies
    -- within lookback_days of the case's admission, so older stays never matter (and the bound lets the scan skip
    -- the files of older years). Only the two columns the look-back compares: read apart from the case rows, the
    -- year before the period is not read with every column (issue #17: 1.17 → 1.01 CPU s for AMI on six years)
    SELECT s.patient_id, s.admission_time
    FROM npr_somatic s
    WHERE s.care_level = '1' AND icd10_in_set(s.main_diagnosis, diagnosis_set)
      AND s.admission_time >= CAST(period_start AS DATE) - to_days(CAST(lookback_days AS INTEGER))
      AND s.admission_time < CAST(period_end AS DATE)
),
cases AS (
    SELECT s.*
    FROM npr_somatic s
    WHERE s.care_level = '1' AND icd10_in_set(s.main_diagnosis, diagnosis_set)
      AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE)
      AND s.age >= CAST(min_age AS INTEGER)
      AND NOT EXISTS (
          SELECT 1 FROM earlier_stays earlier
          WHERE earlier.patient_id = s.patient_id
            AND earlier.admission_time < s.admission_time
            AND earlier.admission_time >= s.admission_time - to_days(CAST(lookback_days AS INTEGER)))
)
SELECT
    CAST(c.admission_time AS DATE) AS event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(CASE WHEN died_within(d.death_date, c.discharge_status, c.discharge_time, c.admission_time, CAST(survival_days AS INTEGER))
              THEN 0 ELSE 1 END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    risk_age_band(c.age) AS cov_age_band,
    c.sex AS cov_sex,
    charlson_index(c.secondary_diagnoses) AS cov_charlson,
    c.urgency = '1' AS cov_acute,
    c.discharge_status = '2' AS cov_transfer
FROM cases c
LEFT JOIN death d ON d.patient_id = c.patient_id
