-- Time to hip-fracture surgery (NKI): acute inpatient stays with S72.0-S72.2 as main diagnosis
-- (code set HIPFX_30d_survival) of patients aged min_age or more, admitted in [period_start,
-- period_end) and operated in the stay: a hip-fracture osteosynthesis or hip prosthesis procedure
-- (NCSP code sets HIP_FRACTURE_OSTEOSYNTHESIS, HIP_PROSTHESIS) with a first procedure time.
-- Numerator: first procedure no later than within_hours after admission; value carries the hours.
CREATE OR REPLACE MACRO hip_fracture_surgery_cases(period_start, period_end, within_hours, min_age) AS TABLE
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(s.first_procedure_time <= s.admission_time + to_hours(CAST(within_hours AS INTEGER)) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(date_diff('minute', s.admission_time, s.first_procedure_time) / 60.0 AS DOUBLE) AS value
FROM npr_somatic s
WHERE s.care_level = '1' AND s.urgency = '1'
  AND icd10_in_set(s.main_diagnosis, 'HIPFX_30d_survival')
  AND s.age >= CAST(min_age AS INTEGER)
  AND s.first_procedure_time IS NOT NULL
  AND (ncsp_any_in_set(s.procedures, 'HIP_FRACTURE_OSTEOSYNTHESIS') OR ncsp_any_in_set(s.procedures, 'HIP_PROSTHESIS'))
  AND s.admission_time >= CAST(period_start AS DATE) AND s.admission_time < CAST(period_end AS DATE)
