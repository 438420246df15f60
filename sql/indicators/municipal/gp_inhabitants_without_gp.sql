-- Inhabitants on a GP list without a permanent GP: KOSTRA figures reported to SSB, one cell per
-- municipality and year, placed on 31 December of the year (the figures are per 31.12).
-- Numerator GP_LIST_INHABITANTS_NO_GP, denominator GP_LIST_INHABITANTS; a municipality lacking
-- either figure for a year has no cell. Only municipality rows (4-digit area numbers) are read:
-- county and national figures are sums the engine makes from municipalities. Area numbers pass
-- through as reported; the engine maps merged municipality numbers forward.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
),
figures AS (
    SELECT area, year,
           max(value) FILTER (WHERE variable = 'GP_LIST_INHABITANTS_NO_GP') AS numerator_value,
           max(value) FILTER (WHERE variable = 'GP_LIST_INHABITANTS') AS denominator_value
    FROM kostra
    WHERE variable IN ('GP_LIST_INHABITANTS_NO_GP', 'GP_LIST_INHABITANTS') AND length(area) = 4
    GROUP BY area, year
)
SELECT
    make_date(f.year, 12, 31) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    f.area AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(f.numerator_value AS DOUBLE) AS numerator,
    CAST(f.denominator_value AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM figures f
CROSS JOIN params p
WHERE f.numerator_value IS NOT NULL AND f.denominator_value IS NOT NULL
  AND make_date(f.year, 12, 31) >= p.period_start AND make_date(f.year, 12, 31) < p.period_end
