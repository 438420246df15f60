-- The antibiotic family's shared rows (issue #17, branch drugfam): every dispensing in [period_start, period_end) of
-- an ATC code in the sets the antibiotic indicators count from (ANTIBIOTICS_TOTAL, RESP_DENOM, UTI_DENOM, as
-- atc_in_set matches them) or delivered as starting with 'J01' (antibiotic_prescriptions_per_1000 matches the code as
-- delivered), with the columns the family reads. One row per dispensing, numbered within its patient and calendar year
-- by date, then dispensing id (the order in which the user shares take a year's first dispensing), with the year's
-- count of them, so that a user share sorts only the person-years with two or more dispensings, and only once for
-- the family. The seven antibiotic indicators read it through first_dispensing_per_year, dispensing_share_cases and
-- their own SQL, each filtering its code set, ages and sex; the engine builds it once per range for all of them (the
-- metadata's "cohort", engine.SharedCohorts).
CREATE OR REPLACE MACRO antibiotic_dispensings(period_start, period_end) AS TABLE
WITH codes AS (
    -- the codes dispensed that fall in the family's sets: each distinct code is tested once, not every dispensing
    SELECT atc
    FROM (SELECT DISTINCT atc FROM prescription)
    WHERE atc_in_set(atc, 'ANTIBIOTICS_TOTAL') OR atc_in_set(atc, 'RESP_DENOM') OR atc_in_set(atc, 'UTI_DENOM')
       OR starts_with(atc, 'J01')
)
SELECT r.patient_id, r.dispensing_date, r.atc, r.residence_municipality, r.sex, r.age,
       CAST(row_number() OVER patient_year AS INTEGER) AS rank_in_year,
       CAST(count(*) OVER patient_year AS INTEGER) AS dispensings_in_year
FROM prescription r
SEMI JOIN codes c ON c.atc = r.atc
WHERE r.dispensing_date >= CAST(period_start AS DATE) AND r.dispensing_date < CAST(period_end AS DATE)
WINDOW patient_year AS (PARTITION BY r.patient_id, year(r.dispensing_date) ORDER BY r.dispensing_date, r.dispensing_id
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
