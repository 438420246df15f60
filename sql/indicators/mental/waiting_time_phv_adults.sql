-- Mean waiting time in adult mental health care (P01): days from the referral being received until
-- healthcare starts, for patients who have started healthcare, placed on the start date. The engine
-- averages value (numerator and denominator are 1 per case). The same cases as the median twin
-- (waiting_time_phv_adults_median): the first episode per referral, from waiting_time_cases in
-- sql/reference/table_waiting_time_cases.sql.
SELECT *
FROM waiting_time_cases('PHV_V', $period_start, $period_end)
