-- Ischaemic stroke - thrombolysis within 40 minutes of admission: aggregated delivery from NHR
-- (registry_aggregate), one cell per hospital and period with numerator and denominator as
-- counted by the registry. The registry and its indicator id are parameters, so a changed
-- delivery id needs no SQL change.
-- Placement: a yearly row ('Y') on 1 January, a tertial row on the tertial's first day (T1
-- January, T2 May, T3 September). When a unit delivers a yearly row and tertial rows for the
-- same year, only the yearly row is used, so the same patients are never counted twice.
-- Shared with the other aggregated registry deliveries: registry_aggregate_cells in
-- sql/reference/table_registry_aggregate_cells.sql.
SELECT *
FROM registry_aggregate_cells($registry, $registry_indicator_id, $period_start, $period_end)
