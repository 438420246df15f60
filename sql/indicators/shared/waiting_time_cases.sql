-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 6 indicators: waiting_time_phv_adults, waiting_time_phv_adults_median, waiting_time_phv_children,
--   waiting_time_phv_children_median, waiting_time_tsb, waiting_time_tsb_median.
-- $care_sector VARCHAR: the care sector: PHV_V adults, PHV_BU children and adolescents, TSB substance-use
--     treatment
--     defaults: waiting_time_phv_adults 'PHV_V', waiting_time_phv_adults_median 'PHV_V',
--       waiting_time_phv_children 'PHV_BU', waiting_time_phv_children_median 'PHV_BU',
--       waiting_time_tsb 'TSB', waiting_time_tsb_median 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Waiting time in a mental-health or substance-use care sector (NKI): days from the referral being
-- received until healthcare starts (value), for patients of the sector care_sector who have started
-- healthcare: the first episode per referral, placed on the start date. Numerator and denominator are 1
-- per case; the indicator's measure says whether the engine takes the mean or the median of value.
-- The rule: waiting_time_cases in sql/reference/table_waiting_time_cases.sql.
SELECT *
FROM waiting_time_cases($care_sector, $period_start, $period_end)
