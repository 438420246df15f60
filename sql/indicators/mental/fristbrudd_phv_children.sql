-- Breached deadline (fristbrudd) for patients who have started healthcare in child and
-- adolescent mental health care (NKI): share of started referrals with a set deadline whose
-- healthcare started after the deadline, placed on the start date. A start on the deadline day
-- is not a breach.
-- Shared with the other deadline indicators: deadline_breach_cases in
-- sql/reference/table_deadline_breach_cases.sql.
SELECT *
FROM deadline_breach_cases('PHV_BU', $period_start, $period_end)
