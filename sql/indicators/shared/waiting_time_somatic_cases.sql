-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: waiting_time_somatic_mean, waiting_time_somatic_median.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Waiting time in somatic specialist care (NKI): days from the referral being received until
-- healthcare starts (value), for patients who have started healthcare (avviklet): the episode flagged as
-- the start of healthcare for its referral, placed on the date care started. Numerator and denominator
-- are 1 per case; the indicator's measure says whether the engine takes the mean or the median.
-- The rule: waiting_time_somatic_cases in sql/reference/table_waiting_time_somatic_cases.sql.
SELECT *
FROM waiting_time_somatic_cases($period_start, $period_end)
