-- Ambulance on scene within 25 minutes in rural areas (NKI): acute (urgency A) 113 events with
-- an ambulance dispatched, in RURAL municipality areas, called in [period_start, period_end).
-- Time runs from the call ringing at the AMK central to the ambulance on scene. Numerator: on
-- scene within within_minutes; value carries the minutes. Events without a recorded arrival are
-- outside the denominator. Placed on the call date, per central and per municipality of the
-- event.
-- Shared with the other ambulance response indicator: ambulance_response_cases in
-- sql/reference/table_ambulance_response_cases.sql.
SELECT *
FROM ambulance_response_cases('RURAL', $period_start, $period_end, $within_minutes)
