-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: nstemi_invasive_72h, stroke_thrombolysis_40min, stroke_unit_treated.
-- $registry VARCHAR: delivering registry in registry_aggregate
--     defaults: nstemi_invasive_72h 'NHI', stroke_thrombolysis_40min 'NHR', stroke_unit_treated 'NHR'
-- $registry_indicator_id VARCHAR: the registry's own indicator id in registry_aggregate
--     defaults: nstemi_invasive_72h 'hjerteinfarkt_invasivt_nstemi_72t',
--       stroke_thrombolysis_40min 'hjerneslag_tromb_40min', stroke_unit_treated 'hjerneslag_beh_enhet'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Aggregated delivery from a national medical quality registry (registry_aggregate): one cell per
-- hospital and period with numerator and denominator as counted by the registry, which and whose
-- indicator id are parameters. Placement: a yearly row ('Y') on 1 January, a tertial row on the
-- tertial's first day (T1 January, T2 May, T3 September). When a unit delivers a yearly row and tertial
-- rows for the same year, only the yearly row is used, so the same patients are never counted twice.
-- The rule: registry_aggregate_cells in sql/reference/table_registry_aggregate_cells.sql.
SELECT *
FROM registry_aggregate_cells($registry, $registry_indicator_id, $period_start, $period_end)
