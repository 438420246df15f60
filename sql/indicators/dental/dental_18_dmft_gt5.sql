-- 18-year-olds with the worst caries status (DMFT above 5): KOSTRA figures reported to SSB, one
-- cell per county and year, placed on 31 December of the year (the figures are per 31.12).
-- Numerator DENTAL_18_DMFT_GT5, denominator DENTAL_18_EXAMINED; a county lacking either figure
-- for a year has no cell. Only county rows (2-digit area numbers) are read: the service is run
-- by the counties (fylkeskommunene). Area numbers pass through as reported; the engine maps
-- merged municipality numbers forward.
-- Shared with the other KOSTRA indicators: kostra_cells in sql/reference/table_kostra_cells.sql.
SELECT *
FROM kostra_cells('DENTAL_18_DMFT_GT5', 'DENTAL_18_EXAMINED', 2, $period_start, $period_end)
