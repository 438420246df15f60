-- Breached deadline (fristbrudd) for patients who have started healthcare in a mental-health or
-- substance-use care sector (NKI): started referrals with a set deadline in the sector care_sector,
-- placed on the start date; numerator 1 when healthcare started after the deadline (a start on the
-- deadline day is not a breach).
-- The rule: deadline_breach_cases in sql/reference/table_deadline_breach_cases.sql.
SELECT *
FROM deadline_breach_cases($care_sector, $period_start, $period_end)
