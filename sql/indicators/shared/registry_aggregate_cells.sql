-- Aggregated delivery from a national medical quality registry (registry_aggregate): one cell per
-- hospital and period with numerator and denominator as counted by the registry, which and whose
-- indicator id are parameters. Placement: a yearly row ('Y') on 1 January, a tertial row on the
-- tertial's first day (T1 January, T2 May, T3 September). When a unit delivers a yearly row and tertial
-- rows for the same year, only the yearly row is used, so the same patients are never counted twice.
-- The rule: registry_aggregate_cells in sql/reference/table_registry_aggregate_cells.sql.
SELECT *
FROM registry_aggregate_cells($registry, $registry_indicator_id, $period_start, $period_end)
