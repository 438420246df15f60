-- The whole tertials (January-April, May-August, September-December) inside [period_start, period_end): their
-- first day (tertial_start) and the day after their last (tertial_end). Every tertial of 1990-2100 as a fixed
-- table filtered by the period: a table function over the period's dates (range over the arguments) would
-- leave the query's columns unknown until it runs. Used by the NPR reporting-unit indicators (cells of unit
-- and tertial).
CREATE OR REPLACE MACRO tertials_within(period_start, period_end) AS TABLE
SELECT tertial_start, tertial_end
FROM (
    SELECT make_date(CAST(y.y AS INTEGER), t.m, 1) AS tertial_start,
           CAST(make_date(CAST(y.y AS INTEGER), t.m, 1) + INTERVAL 4 MONTH AS DATE) AS tertial_end
    FROM range(1990, 2101) AS y(y), (VALUES (1), (5), (9)) AS t(m)
) AS all_tertials
WHERE tertial_start >= CAST(period_start AS DATE) AND tertial_end <= CAST(period_end AS DATE)
