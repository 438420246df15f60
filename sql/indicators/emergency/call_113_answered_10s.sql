-- Calls to the medical emergency number 113 answered within 10 seconds (NKI): calls to 113
-- ringing at the central in [period_start, period_end). Denominator: all calls, including calls
-- never answered. Numerator: answered by an operator no later than within_seconds after the call
-- rang. value carries the answer time in seconds (null if unanswered). Placed on the call date,
-- per central.
-- Shared with the other call-answer indicators: call_answer_cases in
-- sql/reference/table_call_answer_cases.sql.
SELECT *
FROM call_answer_cases('113', $period_start, $period_end, $within_seconds)
