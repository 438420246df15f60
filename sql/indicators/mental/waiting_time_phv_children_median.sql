-- Waiting time in child and adolescent mental health care (NKI): days from the referral being
-- received until healthcare starts, for patients who have started healthcare, placed on the
-- start date. The engine takes the median of value (numerator and denominator are 1 per case).
-- Shared with the other waiting-time indicators: waiting_time_cases in
-- sql/reference/table_waiting_time_cases.sql.
SELECT *
FROM waiting_time_cases('PHV_BU', $period_start, $period_end)
