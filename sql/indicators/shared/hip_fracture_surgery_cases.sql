-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: hip_fracture_surgery_24h, hip_fracture_surgery_48h.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_hours INTEGER: operated no later than this many hours after admission
--     defaults: hip_fracture_surgery_24h 24, hip_fracture_surgery_48h 48
-- $min_age INTEGER = 65: youngest age included
-- end of kvik parameters
-- Hip fracture operated in time after admission (NKI). Acute inpatient stays with S72.0-S72.2 as
-- main diagnosis (code set HIPFX_30d_survival) of patients aged min_age or more, admitted in
-- [period_start, period_end) and operated in the stay (NCSP code sets HIP_FRACTURE_OSTEOSYNTHESIS,
-- HIP_PROSTHESIS) with a first procedure time. Numerator: first procedure no later than within_hours
-- after admission; value carries the hours.
-- The rule: hip_fracture_surgery_cases in sql/reference/table_hip_fracture_surgery_cases.sql.
SELECT *
FROM hip_fracture_surgery_cases($period_start, $period_end, $within_hours, $min_age)
