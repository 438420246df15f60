-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: epicrisis_somatic_1d, epicrisis_somatic_7d.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_days INTEGER: summary sent no more than this many calendar days after the discharge date
--     defaults: epicrisis_somatic_1d 1, epicrisis_somatic_7d 7
-- end of kvik parameters
-- Discharge summary (epikrise) sent in time after discharge, somatic care (NKI): inpatient stays
-- discharged alive in [period_start, period_end); births and newborns are excluded (since 2015).
-- Numerator: summary sent no more than within_days calendar days after the discharge date; a missing
-- send time counts as not sent in time.
-- The rule: epicrisis_somatic_cases in sql/reference/table_epicrisis_somatic_cases.sql.
SELECT *
FROM epicrisis_somatic_cases($period_start, $period_end, $within_days)
