-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 6 indicators: ambulance_response_rural_25min, ambulance_response_rural_median,
--   ambulance_response_rural_p90, ambulance_response_urban_12min, ambulance_response_urban_median,
--   ambulance_response_urban_p90.
-- $area_kind VARCHAR: the kind of area the event is in: URBAN or RURAL
--     defaults: ambulance_response_rural_25min 'RURAL', ambulance_response_rural_median 'RURAL',
--       ambulance_response_rural_p90 'RURAL', ambulance_response_urban_12min 'URBAN',
--       ambulance_response_urban_median 'URBAN', ambulance_response_urban_p90 'URBAN'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_minutes INTEGER: ambulance on scene no later than this many minutes after the call
--     defaults: ambulance_response_rural_25min 25, ambulance_response_rural_median 25,
--       ambulance_response_rural_p90 25, ambulance_response_urban_12min 12,
--       ambulance_response_urban_median 12, ambulance_response_urban_p90 12
-- end of kvik parameters
-- Ambulance on scene in time (NKI): acute (urgency A) 113 events with an ambulance dispatched, in
-- municipality areas of kind area_kind, called in [period_start, period_end). Time runs from the call
-- ringing at the AMK central to the ambulance on scene. Numerator: on scene within within_minutes; value
-- carries the minutes. Events without a recorded arrival are outside the denominator. Placed on the call
-- date, per central and per municipality of the event.
-- The rule: amk_time_window_cases ('arrival') in sql/reference/table_amk_time_window_cases.sql.
SELECT *
FROM amk_time_window_cases('arrival', $area_kind, $period_start, $period_end,
                           to_minutes(CAST($within_minutes AS INTEGER)), 60.0)
