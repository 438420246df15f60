-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: amk_call_to_dispatch_2min, amk_call_to_dispatch_median.
-- $urgency VARCHAR = 'A': the missions' urgency: A acute (red), H urgent (yellow), V ordinary
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_minutes INTEGER = 2: dispatched no later than this many minutes after the central received the
--     request
-- end of kvik parameters
-- Time from call to dispatch at the AMK central: ambulance missions of urgency `urgency` in the AMK
-- mission log (amk_mission), received in [period_start, period_end), whose urgency was not changed
-- during the mission and whose dispatch time is registered (as NKI's response-time indicator counts
-- acute missions). Time runs from the central receiving the request to the ambulance being dispatched
-- (utalarmert). Numerator: dispatched no later than within_minutes after; value carries the minutes.
-- Placed on the day received, per AMK central and per municipality of the event.
-- The rule: amk_time_window_cases ('dispatch') in sql/reference/table_amk_time_window_cases.sql.
SELECT *
FROM amk_time_window_cases('dispatch', $urgency, $period_start, $period_end,
                           to_minutes(CAST($within_minutes AS INTEGER)), 60.0)
