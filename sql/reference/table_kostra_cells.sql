-- Cells of KOSTRA figures reported to SSB: one cell per area and year with the figure
-- `numerator_variable` as numerator and `denominator_variable` as denominator, placed on 31 December
-- of the year (the figures are per 31.12) in [period_start, period_end); an area lacking either
-- figure for a year has no cell. Only areas with `area_digits` digits are read: 4 for
-- municipalities (put in residence_municipality), 2 for counties (put in residence_county). Area
-- numbers pass through as reported; the engine maps merged municipality numbers forward.
CREATE OR REPLACE MACRO kostra_cells(numerator_variable, denominator_variable, area_digits, period_start, period_end) AS TABLE
WITH figures AS (
    SELECT k.area, k.year,
           max(k.value) FILTER (WHERE k.variable = numerator_variable) AS numerator_value,
           max(k.value) FILTER (WHERE k.variable = denominator_variable) AS denominator_value
    FROM kostra k
    WHERE k.variable IN (numerator_variable, denominator_variable) AND length(k.area) = CAST(area_digits AS INTEGER)
    GROUP BY k.area, k.year
)
SELECT
    make_date(f.year, 12, 31) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    CASE WHEN CAST(area_digits AS INTEGER) = 4 THEN f.area END AS residence_municipality,
    CASE WHEN CAST(area_digits AS INTEGER) = 2 THEN f.area END AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(f.numerator_value AS DOUBLE) AS numerator,
    CAST(f.denominator_value AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM figures f
WHERE f.numerator_value IS NOT NULL AND f.denominator_value IS NOT NULL
  AND make_date(f.year, 12, 31) >= CAST(period_start AS DATE) AND make_date(f.year, 12, 31) < CAST(period_end AS DATE)
