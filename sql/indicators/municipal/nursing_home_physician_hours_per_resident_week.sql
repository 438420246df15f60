-- Physician hours per week per nursing-home resident: KOSTRA figures reported to SSB, one cell
-- per municipality and year, placed on 31 December of the year (the figures are per 31.12).
-- Numerator NH_PHYSICIAN_HOURS_WEEK, denominator NH_RESIDENTS; a municipality lacking either
-- figure for a year has no cell. Only municipality rows (4-digit area numbers) are read: county
-- and national figures are sums the engine makes from municipalities. Area numbers pass through
-- as reported; the engine maps merged municipality numbers forward.
-- Shared with the other KOSTRA indicators: kostra_cells in sql/reference/table_kostra_cells.sql.
SELECT *
FROM kostra_cells('NH_PHYSICIAN_HOURS_WEEK', 'NH_RESIDENTS', 4, $period_start, $period_end)
