-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_age INTEGER = 0: youngest age included
-- $max_age INTEGER = 110: oldest age included
-- end of kvik parameters
-- Share of inhabitants with at least one antibiotic prescription (NKI secondary measure):
-- persons dispensed an antibiotic (ATC J01, methenamine J01XX05 excluded) in [period_start,
-- period_end) aged min_age to max_age, counted once per calendar year - their first such
-- dispensing of the year gives the case row (numerator 1, denominator 0) with its date,
-- residence municipality, sex and age. Population cells on 1 January of each year in the period
-- (numerator 0, denominator persons, same ages) complete the denominator, so one sum per unit
-- gives the share. Residence numbers pass through as registered.
-- Users and population cells are shared with the other antibiotic user shares:
-- first_dispensing_per_year and population_cells in sql/reference.
SELECT *
FROM first_dispensing_per_year('ANTIBIOTICS_TOTAL', 'ANTIBIOTICS_TOTAL_EXCL', NULL, $period_start, $period_end, $min_age, $max_age)
UNION ALL
SELECT *
FROM population_cells(NULL, $period_start, $period_end, $min_age, $max_age)
