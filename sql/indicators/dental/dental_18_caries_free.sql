-- 18-year-olds without caries experience: KOSTRA figures reported to SSB, one cell per county
-- and year, placed on 31 December of the year (the figures are per 31.12). Numerator
-- DENTAL_18_CARIES_FREE, denominator DENTAL_18_EXAMINED; a county lacking either figure for a
-- year has no cell. Only county rows (2-digit area numbers) are read: the service is run by the
-- counties (fylkeskommunene). Area numbers pass through as reported; the engine maps merged
-- municipality numbers forward.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
),
figures AS (
    SELECT area, year,
           max(value) FILTER (WHERE variable = 'DENTAL_18_CARIES_FREE') AS numerator_value,
           max(value) FILTER (WHERE variable = 'DENTAL_18_EXAMINED') AS denominator_value
    FROM kostra
    WHERE variable IN ('DENTAL_18_CARIES_FREE', 'DENTAL_18_EXAMINED') AND length(area) = 2
    GROUP BY area, year
)
SELECT
    make_date(f.year, 12, 31) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    f.area AS residence_county,
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
