-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: amk_call_to_dispatch_2min, amk_call_to_dispatch_median.
-- $within_minutes INTEGER = 2: dispatched no later than this many minutes after the central received the
--     request
-- $urgency VARCHAR = 'A': the missions' urgency: A acute (red), H urgent (yellow), V ordinary
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Time from call to dispatch at the AMK central: ambulance missions of urgency `urgency` in the AMK
-- mission log (amk_mission), received in [period_start, period_end), whose urgency was not changed
-- during the mission and whose dispatch time is registered (as NKI's response-time indicator counts
-- acute missions). Time runs from the central receiving the request to the ambulance being dispatched
-- (utalarmert). Numerator: dispatched no later than within_minutes after; value carries the minutes.
-- Placed on the day received, per AMK central and per municipality of the event.
SELECT
    CAST(m.received_time AS DATE) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    m.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    m.central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(m.dispatch_time <= m.received_time + to_minutes(CAST($within_minutes AS INTEGER)) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(date_diff('second', m.received_time, m.dispatch_time) / 60.0 AS DOUBLE) AS value
FROM amk_mission m
WHERE m.urgency = $urgency
  AND NOT m.urgency_changed
  AND m.dispatch_time IS NOT NULL
  AND m.received_time >= CAST($period_start AS DATE) AND m.received_time < CAST($period_end AS DATE)
