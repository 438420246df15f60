-- Discharge summary (epikrise) sent within 7 day(s) of discharge, adult mental health care
-- (NKI). Inpatient episodes ending in [period_start, period_end), placed on the end date.
-- Numerator: summary sent no more than within_days calendar days after the end date; a missing
-- send time is not in time.
-- Shared with the other discharge-summary indicators: epicrisis_cases in
-- sql/reference/table_epicrisis_cases.sql.
SELECT *
FROM epicrisis_cases('PHV_V', $period_start, $period_end, $within_days)
