-- Calls answered in time at the emergency centrals (NKI): calls to the number `phone_line` (113,
-- 116117) ringing at the central in [period_start, period_end). Denominator: all calls, including
-- calls never answered. Numerator: answered by an operator no later than within_seconds after the
-- call rang. value carries the answer time in seconds (null if unanswered). Placed on the call
-- date, per central.
CREATE OR REPLACE MACRO call_answer_cases(phone_line, period_start, period_end, within_seconds) AS TABLE
SELECT
    CAST(a.call_time AS DATE) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    a.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    a.central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(coalesce(a.answer_time <= a.call_time + to_seconds(CAST(within_seconds AS INTEGER)), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(date_diff('second', a.call_time, a.answer_time) AS DOUBLE) AS value
FROM amk_call a
WHERE a.line = phone_line
  AND a.call_time >= CAST(period_start AS DATE) AND a.call_time < CAST(period_end AS DATE)
