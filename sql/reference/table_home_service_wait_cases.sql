-- Waiting time for municipal home services, received within a limit (NKI; KPR): decisions
-- (vedtak) on a service of one of `service_types` made in [period_start, period_end) whose
-- service has started, placed on the decision date. Waiting time: days from the decision to the
-- service first being received (a start before the decision counts as 0 days). Numerator:
-- received within within_days days; value carries the days. Decisions not yet started are
-- outside the denominator (their waiting time is unknown).
CREATE OR REPLACE MACRO home_service_wait_cases(service_types, period_start, period_end, within_days) AS TABLE
SELECT
    h.decision_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    h.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    h.sex,
    h.age,
    CAST(greatest(h.service_start_date - h.decision_date, 0) <= CAST(within_days AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(greatest(h.service_start_date - h.decision_date, 0) AS DOUBLE) AS value
FROM kpr_home_service h
WHERE list_contains(service_types, h.service_type)
  AND h.service_start_date IS NOT NULL
  AND h.decision_date >= CAST(period_start AS DATE) AND h.decision_date < CAST(period_end AS DATE)
