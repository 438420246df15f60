-- Discharge summary (epikrise) sent in time after discharge, somatic care (NKI): inpatient stays
-- discharged alive in [period_start, period_end); births and newborns are excluded (since 2015).
-- Numerator: summary sent no more than within_days calendar days after the discharge date; a missing
-- send time counts as not sent in time.
-- The rule: epicrisis_somatic_cases in sql/reference/table_epicrisis_somatic_cases.sql.
SELECT *
FROM epicrisis_somatic_cases($period_start, $period_end, $within_days)
