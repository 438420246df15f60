-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 5 indicators: call_113_answered_10s, call_113_answered_20s, call_116117_answer_median,
--   call_116117_answered_10min, call_116117_answered_2min.
-- $phone_line VARCHAR: the emergency-central phone line whose calls count (113: medical emergency, 116117:
--     out-of-hours)
--     defaults: call_113_answered_10s '113', call_113_answered_20s '113', call_116117_answer_median '116117',
--       call_116117_answered_10min '116117', call_116117_answered_2min '116117'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_seconds INTEGER: answered no later than this many seconds after the call rang
--     defaults: call_113_answered_10s 10, call_113_answered_20s 20, call_116117_answer_median 120,
--       call_116117_answered_10min 600, call_116117_answered_2min 120
-- end of kvik parameters
-- Calls to an emergency-central phone line answered in time (NKI): calls to $phone_line ringing at
-- the central in [period_start, period_end). Denominator: all calls, including calls never answered.
-- Numerator: answered by an operator no later than within_seconds after the call rang; value carries the
-- answer time in seconds (null if unanswered). Placed on the call date, per central.
-- The rule: call_answer_cases in sql/reference/table_call_answer_cases.sql.
SELECT *
FROM call_answer_cases($phone_line, $period_start, $period_end, $within_seconds)
