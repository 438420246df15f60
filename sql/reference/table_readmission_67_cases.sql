-- Readmission of the elderly within 30 days (NKI, FHI definition as coded by SKDE). Index stay: an
-- inpatient stay of a patient aged min_age or more whose main diagnosis is in a READM67_* code set
-- starting with `group_prefix` ('READM67_' for all 11 groups, a full code-set name for one group),
-- discharged in [period_start, period_end), alive and not transferred. Numerator: an acute
-- inpatient admission for any cause, at any hospital, from min_gap_hours to readmission_days after
-- the discharge; placed on the discharge date. Output: the indicator output columns with
-- cov_age_band, cov_sex, cov_charlson, cov_acute, cov_diagnosis_group.
CREATE OR REPLACE MACRO readmission_67_cases(group_prefix, period_start, period_end, min_age, min_gap_hours, readmission_days) AS TABLE
WITH diagnosis_groups AS (
    -- each code's group among the sets named by group_prefix (the first by name when sets overlap); joined below
    -- rather than looked up per stay by a correlated subquery, which DuckDB ran as a join over every index stay
    SELECT g.icd10_code, min(g.code_set) AS diagnosis_group
    FROM icd10_code_sets g
    WHERE starts_with(g.code_set, group_prefix)
    GROUP BY g.icd10_code
),
index_stays AS (
    -- an inner join: a stay whose diagnosis is in none of the groups is no index stay
    SELECT s.*, g.diagnosis_group
    FROM npr_somatic s
    JOIN diagnosis_groups g ON g.icd10_code = upper(s.main_diagnosis)
    WHERE s.care_level = '1'
      AND s.age >= CAST(min_age AS INTEGER)
      AND s.discharge_time >= CAST(period_start AS DATE) AND s.discharge_time < CAST(period_end AS DATE)
      -- deaths cannot be readmitted and transfers continue the same stay elsewhere
      AND s.discharge_status NOT IN ('2', '9')
)
SELECT
    CAST(i.discharge_time AS DATE) AS event_date,
    i.provider_org,
    i.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    i.sex,
    i.age,
    CAST(EXISTS (
        SELECT 1 FROM npr_somatic r
        WHERE r.patient_id = i.patient_id
          AND r.care_level = '1' AND r.urgency = '1'
          AND r.admission_time >= i.discharge_time + to_hours(CAST(min_gap_hours AS INTEGER))
          AND r.admission_time <= i.discharge_time + to_days(CAST(readmission_days AS INTEGER))
          -- implied by the two lines above (the discharge lies in the period); stated so the scan skips other years
          AND r.admission_time >= CAST(period_start AS DATE) + to_hours(CAST(min_gap_hours AS INTEGER))
          AND r.admission_time <= CAST(period_end AS DATE) + to_days(CAST(readmission_days AS INTEGER))) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    risk_age_band(i.age) AS cov_age_band,
    i.sex AS cov_sex,
    charlson_index(i.secondary_diagnoses) AS cov_charlson,
    i.urgency = '1' AS cov_acute,
    i.diagnosis_group AS cov_diagnosis_group
FROM index_stays i
