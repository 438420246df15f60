-- Waiting time in a mental-health or substance-use care sector (NKI): days from the referral being
-- received until healthcare starts (value), for patients of the sector care_sector who have started
-- healthcare: the first episode per referral, placed on the start date. Numerator and denominator are 1
-- per case; the indicator's measure says whether the engine takes the mean or the median of value.
-- The rule: waiting_time_cases in sql/reference/table_waiting_time_cases.sql.
SELECT *
FROM waiting_time_cases($care_sector, $period_start, $period_end)
