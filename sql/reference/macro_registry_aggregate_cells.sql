-- Cells of one indicator of the aggregated registry deliveries (registry_aggregate) placed on a date:
-- a yearly row ('Y') on 1 January, a tertial row on the tertial's first day (T1 Jan, T2 May, T3 Sep).
-- When a unit delivers both a yearly row and tertial rows for the same year, only the yearly row is
-- used, so that the same patients are never counted twice.
CREATE OR REPLACE MACRO registry_aggregate_cells(registry_name, indicator) AS TABLE
SELECT
    CASE r.period
        WHEN 'T2' THEN make_date(r.year, 5, 1)
        WHEN 'T3' THEN make_date(r.year, 9, 1)
        ELSE make_date(r.year, 1, 1)
    END AS event_date,
    r.unit_org,
    r.numerator,
    r.denominator
FROM registry_aggregate r
WHERE r.registry = registry_name
  AND r.indicator_id = indicator
  AND (r.period = 'Y'
       OR NOT EXISTS (SELECT 1 FROM registry_aggregate y
                      WHERE y.registry = r.registry AND y.indicator_id = r.indicator_id
                        AND y.unit_org = r.unit_org AND y.year = r.year AND y.period = 'Y'))
