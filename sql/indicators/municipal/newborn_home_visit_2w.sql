-- Home visit by a public health nurse to newborns within two weeks: KOSTRA figures reported to
-- SSB, one cell per municipality and year, placed on 31 December of the year (the figures are
-- per 31.12). Numerator NEWBORN_HOME_VISITS_2W, denominator NEWBORNS; a municipality lacking
-- either figure for a year has no cell. Only municipality rows (4-digit area numbers) are read:
-- county and national figures are sums the engine makes from municipalities. Area numbers pass
-- through as reported; the engine maps merged municipality numbers forward.
-- Shared with the other KOSTRA indicators: kostra_cells in sql/reference/table_kostra_cells.sql.
SELECT *
FROM kostra_cells('NEWBORN_HOME_VISITS_2W', 'NEWBORNS', 4, $period_start, $period_end)
