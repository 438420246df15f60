-- Patients with coercion per inhabitants, by residence (Helsedirektoratet's statistics on coercion in
-- mental health care): each patient with an npr_coercion decision of a type in `decision_types` (a
-- list) dated in [period_start, period_end), aged min_age or more, counted once per calendar year at
-- the first such decision of the year (residence, sex and age then: numerator 1, denominator 0), and
-- the population cells of population_cells (aged min_age or more, numerator 0, denominator persons).
-- One sum per unit gives patients per inhabitant; the indicator's measure scales it.
CREATE OR REPLACE MACRO population_coercion_cells(decision_types, period_start, period_end, min_age) AS TABLE
WITH patients AS (
    SELECT c.decision_date, c.residence_municipality, c.sex, c.age
    FROM npr_coercion c
    WHERE list_contains(decision_types, c.decision_type)
      AND c.age >= CAST(min_age AS INTEGER)
      AND c.decision_date >= CAST(period_start AS DATE) AND c.decision_date < CAST(period_end AS DATE)
    QUALIFY row_number() OVER (PARTITION BY c.patient_id, year(c.decision_date)
                               ORDER BY c.decision_date, c.decision_id) = 1
)
SELECT
    p.decision_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    p.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    p.sex,
    p.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM patients p
UNION ALL
SELECT *
FROM population_cells(NULL, period_start, period_end, min_age, 110)
