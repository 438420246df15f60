-- Hip fracture operated in time after admission (NKI). Acute inpatient stays with S72.0-S72.2 as
-- main diagnosis (code set HIPFX_30d_survival) of patients aged min_age or more, admitted in
-- [period_start, period_end) and operated in the stay (NCSP code sets HIP_FRACTURE_OSTEOSYNTHESIS,
-- HIP_PROSTHESIS) with a first procedure time. Numerator: first procedure no later than within_hours
-- after admission; value carries the hours.
-- The rule: hip_fracture_surgery_cases in sql/reference/table_hip_fracture_surgery_cases.sql.
SELECT *
FROM hip_fracture_surgery_cases($period_start, $period_end, $within_hours, $min_age)
