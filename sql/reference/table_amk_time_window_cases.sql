-- The AMK time-window shape (NKI's emergency-central indicators): one case row per event timed from a start to an
-- end, placed on the start's date, per AMK central and municipality of the event; counted when the start lies in
-- [period_start, period_end). Numerator: the end no later than time_limit (an INTERVAL) after the start (false when
-- the end is missing); value: the time in units of seconds_per_unit seconds (60.0: minutes, 1: seconds), null when
-- the end is missing. timing chooses the events and selection narrows them:
--   'dispatch': amk_mission received -> dispatched, missions of urgency selection (A, H, V) whose urgency was not
--               changed and whose dispatch time is registered;
--   'arrival':  amk_call ringing -> ambulance on scene, acute (urgency A) 113 events with an ambulance dispatched
--               and a recorded arrival, in municipality areas of type selection (URBAN, RURAL);
--   'answer':   amk_call ringing -> answered by an operator, every call to the phone line selection (113, 116117),
--               unanswered ones included.
-- Callers pass timing as a literal, so DuckDB drops the other two branches when it plans the query.
CREATE OR REPLACE MACRO amk_time_window_cases(timing, selection, period_start, period_end, time_limit, seconds_per_unit) AS TABLE
WITH timed AS (
    SELECT m.received_time AS start_time, m.dispatch_time AS end_time, m.municipality, m.central_id
    FROM amk_mission m
    WHERE timing = 'dispatch' AND m.urgency = selection AND NOT m.urgency_changed AND m.dispatch_time IS NOT NULL
    UNION ALL
    SELECT a.call_time, a.arrival_time, a.municipality, a.central_id
    FROM amk_call a
    WHERE timing = 'arrival' AND a.line = '113' AND a.urgency = 'A' AND a.ambulance_dispatched
      AND a.arrival_time IS NOT NULL AND a.area_type = selection
    UNION ALL
    SELECT a.call_time, a.answer_time, a.municipality, a.central_id
    FROM amk_call a
    WHERE timing = 'answer' AND a.line = selection
)
SELECT
    CAST(w.start_time AS DATE) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    w.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    w.central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(coalesce(w.end_time <= w.start_time + time_limit, false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(date_diff('second', w.start_time, w.end_time) / seconds_per_unit AS DOUBLE) AS value
FROM timed w
WHERE w.start_time >= CAST(period_start AS DATE) AND w.start_time < CAST(period_end AS DATE)
