-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: ambulance_response_rural_25min, ambulance_response_urban_12min.
-- $area_kind VARCHAR: the kind of area the event is in: URBAN or RURAL
--     defaults: ambulance_response_rural_25min 'RURAL', ambulance_response_urban_12min 'URBAN'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_minutes INTEGER: ambulance on scene no later than this many minutes after the call
--     defaults: ambulance_response_rural_25min 25, ambulance_response_urban_12min 12
-- end of kvik parameters
-- Ambulance on scene in time (NKI): acute (urgency A) 113 events with an ambulance dispatched, in
-- municipality areas of kind area_kind, called in [period_start, period_end). Time runs from the call
-- ringing at the AMK central to the ambulance on scene. Numerator: on scene within within_minutes; value
-- carries the minutes. Events without a recorded arrival are outside the denominator. Placed on the call
-- date, per central and per municipality of the event.
-- The rule: ambulance_response_cases in sql/reference/table_ambulance_response_cases.sql.
SELECT *
FROM ambulance_response_cases($area_kind, $period_start, $period_end, $within_minutes)
