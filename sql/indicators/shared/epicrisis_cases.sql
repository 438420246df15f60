-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: epicrisis_phv_adults_1d, epicrisis_phv_adults_7d, epicrisis_tsb_1d,
--   epicrisis_tsb_7d.
-- $care_sector VARCHAR: the care sector: PHV_V adults, TSB substance-use treatment
--     defaults: epicrisis_phv_adults_1d 'PHV_V', epicrisis_phv_adults_7d 'PHV_V', epicrisis_tsb_1d 'TSB',
--       epicrisis_tsb_7d 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_days INTEGER: summary sent no more than this many calendar days after the discharge date
--     defaults: epicrisis_phv_adults_1d 1, epicrisis_phv_adults_7d 7, epicrisis_tsb_1d 1, epicrisis_tsb_7d 7
-- end of kvik parameters
-- Discharge summary (epikrise) sent in time after discharge, mental-health or substance-use care
-- (NKI): inpatient episodes of the sector care_sector ending in [period_start, period_end), placed on the
-- end date. Numerator: summary sent no more than within_days calendar days after the end date; a missing
-- send time is not in time.
-- The rule: epicrisis_cases in sql/reference/table_epicrisis_cases.sql.
SELECT *
FROM epicrisis_cases($care_sector, $period_start, $period_end, $within_days)
