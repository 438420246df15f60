-- Population denominator cells: the population on 1 January of each year in [period_start,
-- period_end), aged min_age to max_age, of sex `only_sex` (NULL: both), one row per municipality,
-- sex and age with numerator 0 and denominator persons. Residence numbers pass through as
-- registered.
CREATE OR REPLACE MACRO population_cells(only_sex, period_start, period_end, min_age, max_age) AS TABLE
WITH params AS (
    SELECT CAST(period_start AS DATE) AS period_start,
           CAST(period_end AS DATE) AS period_end,
           CAST(min_age AS INTEGER) AS min_age,
           CAST(max_age AS INTEGER) AS max_age,
           CAST(only_sex AS VARCHAR) AS only_sex
)
SELECT
    make_date(n.year, 1, 1) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    n.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    n.sex,
    n.age,
    CAST(0 AS DOUBLE) AS numerator,
    CAST(n.persons AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM population n
CROSS JOIN params p
WHERE n.age BETWEEN p.min_age AND p.max_age
  AND (p.only_sex IS NULL OR n.sex = p.only_sex)
  AND make_date(n.year, 1, 1) >= p.period_start AND make_date(n.year, 1, 1) < p.period_end
