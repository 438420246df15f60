-- Discharge summary (epikrise) sent in time after discharge, mental-health or substance-use care
-- (NKI): inpatient episodes of the sector care_sector ending in [period_start, period_end), placed on the
-- end date. Numerator: summary sent no more than within_days calendar days after the end date; a missing
-- send time is not in time.
-- The rule: epicrisis_cases in sql/reference/table_epicrisis_cases.sql.
SELECT *
FROM epicrisis_cases($care_sector, $period_start, $period_end, $within_days)
