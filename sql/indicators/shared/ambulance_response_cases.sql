-- Ambulance on scene in time (NKI): acute (urgency A) 113 events with an ambulance dispatched, in
-- municipality areas of kind area_kind, called in [period_start, period_end). Time runs from the call
-- ringing at the AMK central to the ambulance on scene. Numerator: on scene within within_minutes; value
-- carries the minutes. Events without a recorded arrival are outside the denominator. Placed on the call
-- date, per central and per municipality of the event.
-- The rule: ambulance_response_cases in sql/reference/table_ambulance_response_cases.sql.
SELECT *
FROM ambulance_response_cases($area_kind, $period_start, $period_end, $within_minutes)
