-- Share of inhabitants with at least one antibiotic prescription (NKI secondary measure):
-- persons dispensed an antibiotic (ATC J01, methenamine J01XX05 excluded) in [period_start,
-- period_end) aged min_age to max_age, counted once per calendar year - their first such
-- dispensing of the year gives the case row (numerator 1, denominator 0) with its date,
-- residence municipality, sex and age. Population cells on 1 January of each year in the period
-- (numerator 0, denominator persons, same ages) complete the denominator, so one sum per unit
-- gives the share. Residence numbers pass through as registered.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($min_age AS INTEGER) AS min_age,
           CAST($max_age AS INTEGER) AS max_age
),
users AS (
    SELECT r.*,
           row_number() OVER (PARTITION BY r.patient_id, year(r.dispensing_date)
                              ORDER BY r.dispensing_date, r.dispensing_id) AS dispensing_rank
    FROM prescription r
    CROSS JOIN params p
    WHERE atc_in_set(r.atc, 'ANTIBIOTICS_TOTAL') AND NOT atc_in_set(r.atc, 'ANTIBIOTICS_TOTAL_EXCL')
      AND r.age BETWEEN p.min_age AND p.max_age
      AND r.dispensing_date >= p.period_start AND r.dispensing_date < p.period_end
)
SELECT
    u.dispensing_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    u.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    u.sex,
    u.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM users u
WHERE u.dispensing_rank = 1
UNION ALL
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
  AND make_date(n.year, 1, 1) >= p.period_start AND make_date(n.year, 1, 1) < p.period_end
