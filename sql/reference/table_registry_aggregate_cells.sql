-- Cells of an aggregated quality-registry delivery (registry_aggregate) from registry_name: one
-- row per unit and period of the registry's indicator `registry_indicator_id`, with numerator and
-- denominator as counted by the registry. Placement: a yearly row ('Y') on 1 January, a tertial
-- row on the tertial's first day (T1 January, T2 May, T3 September); rows placed in [period_start,
-- period_end). When a unit delivers a yearly row and tertial rows for the same year, only the
-- yearly row is used, so the same patients are never counted twice.
CREATE OR REPLACE MACRO registry_aggregate_cells(registry_name, registry_indicator_id, period_start, period_end) AS TABLE
WITH cells AS (
    SELECT r.*,
           CASE r.period
               WHEN 'T2' THEN make_date(r.year, 5, 1)
               WHEN 'T3' THEN make_date(r.year, 9, 1)
               ELSE make_date(r.year, 1, 1)
           END AS event_date,
           bool_or(r.period = 'Y') OVER (PARTITION BY r.unit_org, r.year) AS unit_has_year_row
    FROM registry_aggregate r
    WHERE r.registry = CAST(registry_name AS VARCHAR) AND r.indicator_id = CAST(registry_indicator_id AS VARCHAR)
)
SELECT
    c.event_date,
    c.unit_org AS provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(c.numerator AS DOUBLE) AS numerator,
    CAST(c.denominator AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM cells c
WHERE (c.period = 'Y' OR NOT c.unit_has_year_row)
  AND c.event_date >= CAST(period_start AS DATE) AND c.event_date < CAST(period_end AS DATE)
