-- 30-day survival after hip fracture (NKI; Helsedirektoratet/FHI method, linked to the cause of
-- death registry).
-- Case: an inpatient stay with S72.0-S72.2 as main diagnosis (code set HIPFX_30d_survival),
-- admitted in [period_start, period_end), patient aged min_age or more. A stay preceded by a
-- hip-fracture stay within lookback_days is not a new case.
-- Outcome (numerator): alive survival_days after the admission date. Deaths count wherever they
-- happen (in or out of hospital); a stay ending in death counts as a death even without a
-- death-registry row.
-- The case selection, outcome and covariates are shared with the other survival indicators:
-- survival_cases in sql/reference/table_survival_cases.sql.
SELECT *
FROM survival_cases('HIPFX_30d_survival', $period_start, $period_end, $lookback_days, $survival_days, $min_age)
