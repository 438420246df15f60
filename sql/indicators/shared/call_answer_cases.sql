-- Calls to an emergency-central phone line answered in time (NKI): calls to $phone_line ringing at
-- the central in [period_start, period_end). Denominator: all calls, including calls never answered.
-- Numerator: answered by an operator no later than within_seconds after the call rang; value carries the
-- answer time in seconds (null if unanswered). Placed on the call date, per central.
-- The rule: call_answer_cases in sql/reference/table_call_answer_cases.sql.
SELECT *
FROM call_answer_cases($phone_line, $period_start, $period_end, $within_seconds)
