-- Treated in a stroke unit after acute stroke: aggregated delivery from NHR
-- (registry_aggregate), one cell per hospital and period, numerator and denominator as counted
-- by the registry. The registry and its indicator id are parameters so that a changed delivery
-- id needs no SQL change. Yearly rows win over tertial rows of the same unit and year
-- (registry_aggregate_cells).
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
)
SELECT
    r.event_date,
    r.unit_org AS provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(r.numerator AS DOUBLE) AS numerator,
    CAST(r.denominator AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM registry_aggregate_cells(CAST($registry AS VARCHAR), CAST($registry_indicator_id AS VARCHAR)) r
CROSS JOIN params p
WHERE r.event_date >= p.period_start AND r.event_date < p.period_end
