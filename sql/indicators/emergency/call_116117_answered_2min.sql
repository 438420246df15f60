-- Calls to the out-of-hours number 116117 answered within 2 minutes (NKI): calls to 116117
-- ringing at the central in [period_start, period_end). Denominator: all calls, including calls
-- never answered. Numerator: answered by an operator no later than within_seconds after the call
-- rang. value carries the answer time in seconds (null if unanswered). Placed on the call date,
-- per central.
-- Shared with the other call-answer indicators: call_answer_cases in
-- sql/reference/table_call_answer_cases.sql.
SELECT *
FROM call_answer_cases('116117', $period_start, $period_end, $within_seconds)
