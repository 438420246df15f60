-- Nursing-home residents on the census days (KPR): 31 December of every year in [period_start,
-- period_end), up to the last year the extract has any date in (so an open-ended run makes no
-- census of future years). Residents: long-term stays (type 21) present on the census day, of a
-- resident aged min_age or more (NULL: any age); residents who left before or on that day are not
-- counted. One row per resident and census day (their latest such stay): census_date and the
-- columns of kpr_nursing_home.
CREATE OR REPLACE MACRO nursing_home_census_residents(period_start, period_end, min_age) AS TABLE
WITH last_year AS (
    SELECT greatest(max(year(start_date)), max(year(end_date)), max(year(physician_assessment_date)),
                    max(year(dental_assessment_date)), max(year(medication_review_date))) AS last_year
    FROM kpr_nursing_home
),
census_days AS (
    SELECT make_date(CAST(y.year AS INTEGER), 12, 31) AS census_date
    FROM last_year l
    CROSS JOIN range(year(CAST(period_start AS DATE)), least(year(CAST(period_end AS DATE)), l.last_year) + 1) AS y(year)
    WHERE make_date(CAST(y.year AS INTEGER), 12, 31) >= CAST(period_start AS DATE)
      AND make_date(CAST(y.year AS INTEGER), 12, 31) < CAST(period_end AS DATE)
),
residents AS (
    SELECT c.census_date, k.*,
           row_number() OVER (PARTITION BY c.census_date, k.patient_id
                              ORDER BY k.start_date DESC, k.stay_id DESC) AS stay_rank
    FROM census_days c
    JOIN kpr_nursing_home k
      ON k.start_date <= c.census_date AND (k.end_date IS NULL OR k.end_date > c.census_date)
    WHERE k.stay_type = '21'
      AND (CAST(min_age AS INTEGER) IS NULL OR k.age >= CAST(min_age AS INTEGER))
)
SELECT * EXCLUDE (stay_rank)
FROM residents
WHERE stay_rank = 1
