-- Readmission of the elderly within 30 days (NKI, FHI definition as coded by SKDE:
-- "Kunnskapssenterets definisjon"). Index stay: inpatient stay of a patient aged min_age or more
-- with its main diagnosis in the group READM67_Brudd, discharged in [period_start, period_end),
-- discharged alive and not transferred to another hospital. Numerator: an acute inpatient
-- admission for any cause, at any hospital, from min_gap_hours to readmission_days after the
-- discharge. Placed on the discharge date.
-- Index stays, outcome and covariates are shared with the other readmission indicators:
-- readmission_67_cases in sql/reference/table_readmission_67_cases.sql.
SELECT *
FROM readmission_67_cases('READM67_Brudd', $period_start, $period_end, $min_age, $min_gap_hours, $readmission_days)
