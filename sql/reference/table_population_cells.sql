-- Population denominator cells: the population on 1 January of each year in [period_start,
-- period_end), aged min_age to max_age, of sex `only_sex` (NULL: both), one row per municipality,
-- sex and age with numerator 0 and denominator persons. Residence numbers pass through as
-- registered.
CREATE OR REPLACE MACRO population_cells(only_sex, period_start, period_end, min_age, max_age) AS TABLE
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
WHERE n.age BETWEEN CAST(min_age AS INTEGER) AND CAST(max_age AS INTEGER)
  AND (CAST(only_sex AS VARCHAR) IS NULL OR n.sex = CAST(only_sex AS VARCHAR))
  AND make_date(n.year, 1, 1) >= CAST(period_start AS DATE) AND make_date(n.year, 1, 1) < CAST(period_end AS DATE)
