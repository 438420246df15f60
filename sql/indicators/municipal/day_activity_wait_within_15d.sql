-- Waiting time for day activities, received within 15 days (NKI; KPR). Decisions (vedtak) on day
-- activities made in [period_start, period_end) whose service has started, placed on the
-- decision date. Waiting time: days from the decision to the service first being received (a
-- start before the decision counts as 0 days). Numerator: received within within_days days;
-- value carries the days. Decisions not yet started are outside the denominator (their waiting
-- time is unknown).
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($within_days AS INTEGER) AS within_days
)
SELECT
    h.decision_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    h.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    h.sex,
    h.age,
    CAST(greatest(h.service_start_date - h.decision_date, 0) <= p.within_days AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(greatest(h.service_start_date - h.decision_date, 0) AS DOUBLE) AS value
FROM kpr_home_service h
CROSS JOIN params p
WHERE h.service_type IN ('DAY_ACTIVITY')
  AND h.service_start_date IS NOT NULL
  AND h.decision_date >= p.period_start AND h.decision_date < p.period_end
