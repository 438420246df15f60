-- KOSTRA figures reported to SSB: one cell per area and year, placed on 31 December of the year
-- (the figures are per 31.12). Numerator: the figure numerator_variable; denominator: the figure
-- denominator_variable; an area lacking either figure for a year has no cell. Only areas with
-- area_digits digits are read (4: municipalities, 2: counties): higher levels are sums the engine makes.
-- Area numbers pass through as reported; the engine maps merged municipality numbers forward.
-- The rule: kostra_cells in sql/reference/table_kostra_cells.sql.
SELECT *
FROM kostra_cells($numerator_variable, $denominator_variable, $area_digits, $period_start, $period_end)
