-- 30-day survival after first-time acute myocardial infarction (NKI; Helsedirektoratet/FHI
-- method, linked to the cause of death registry).
-- Case: an inpatient stay with I21-I22 as main diagnosis (code set AMI_30d_survival), admitted
-- in [period_start, period_end), patient aged min_age or more. 'First-time': no AMI stay in the
-- lookback_days before, which also keeps transfers and readmissions out.
-- Outcome (numerator): alive survival_days after the admission date. Deaths count wherever they
-- happen (in or out of hospital); a stay ending in death counts as a death even without a
-- death-registry row.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($lookback_days AS INTEGER) AS lookback_days,
           CAST($survival_days AS INTEGER) AS survival_days,
           CAST($min_age AS INTEGER) AS min_age
),
condition_stays AS (
    -- every inpatient stay for the condition, also before the period (needed for the look-back)
    SELECT *
    FROM npr_somatic
    WHERE care_level = '1' AND icd10_in_set(main_diagnosis, 'AMI_30d_survival')
),
cases AS (
    SELECT s.*
    FROM condition_stays s
    CROSS JOIN params p
    WHERE s.admission_time >= p.period_start AND s.admission_time < p.period_end
      AND s.age >= p.min_age
      -- a stay preceded by another stay for the same condition within the look-back (a transfer,
      -- a readmission or an earlier event) is not a new case
      AND NOT EXISTS (
          SELECT 1 FROM condition_stays earlier
          WHERE earlier.patient_id = s.patient_id
            AND earlier.admission_time < s.admission_time
            AND earlier.admission_time >= s.admission_time - to_days(p.lookback_days))
)
SELECT
    CAST(c.admission_time AS DATE) AS event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(CASE
        WHEN d.death_date <= CAST(c.admission_time AS DATE) + p.survival_days THEN 0
        WHEN c.discharge_status = '9'
             AND CAST(c.discharge_time AS DATE) <= CAST(c.admission_time AS DATE) + p.survival_days THEN 0
        ELSE 1 END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    risk_age_band(c.age) AS cov_age_band,
    c.sex AS cov_sex,
    charlson_index(c.secondary_diagnoses) AS cov_charlson,
    c.urgency = '1' AS cov_acute,
    c.discharge_status = '2' AS cov_transfer
FROM cases c
CROSS JOIN params p
LEFT JOIN death d ON d.patient_id = c.patient_id
