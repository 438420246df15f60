-- Readmission of the elderly within 30 days (NKI, FHI definition as coded by SKDE). Index stay: an
-- inpatient stay of a patient aged min_age or more with its main diagnosis in a code set whose name starts
-- with group_prefix (READM67_ for all 11 groups, or one group), discharged in [period_start, period_end),
-- alive and not transferred. Numerator: an acute inpatient admission for any cause, at any hospital, from
-- min_gap_hours to readmission_days after the discharge. Placed on the discharge date.
-- The rule: readmission_67_cases in sql/reference/table_readmission_67_cases.sql.
SELECT *
FROM readmission_67_cases($group_prefix, $period_start, $period_end, $min_age, $min_gap_hours, $readmission_days)
