-- Ambulance response time (NKI): acute (urgency A) 113 events with an ambulance dispatched and a
-- recorded arrival, in municipality areas of type `area_kind` (URBAN, RURAL), called in
-- [period_start, period_end). Time runs from the call ringing at the AMK central to the ambulance
-- on scene. Numerator: on scene within within_minutes; value carries the minutes. Placed on the
-- call date, per central and per municipality of the event.
CREATE OR REPLACE MACRO ambulance_response_cases(area_kind, period_start, period_end, within_minutes) AS TABLE
SELECT
    CAST(a.call_time AS DATE) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    a.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    a.central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(a.arrival_time <= a.call_time + to_minutes(CAST(within_minutes AS INTEGER)) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(date_diff('second', a.call_time, a.arrival_time) / 60.0 AS DOUBLE) AS value
FROM amk_call a
WHERE a.line = '113'
  AND a.urgency = 'A'
  AND a.ambulance_dispatched
  AND a.arrival_time IS NOT NULL
  AND a.area_type = area_kind
  AND a.call_time >= CAST(period_start AS DATE) AND a.call_time < CAST(period_end AS DATE)
