-- The elderly GP dispensing family's shared rows (issue #17, branch drugfam): per patient, calendar year and ATC code
-- set of the family (HABIT_FORMING, ANTICHOLINERGIC, NSAID: the sets its four indicators count), the dispensings in
-- [period_start, period_end) of a code in the set, on a prescription from `prescriber` (the prescriber category),
-- to a patient older than min_age at dispensing: the year's first such dispensing (earliest date, then lowest
-- dispensing id: its date, residence municipality, sex and age) and the year's defined daily doses of the set. A code
-- in two sets counts in each. shared/elderly_gp_dispensing_share.sql keeps its set and dose threshold from these rows;
-- the engine builds them once per range, prescriber and age for the four (the metadata's "cohort",
-- engine.SharedCohorts), where each indicator scanned every dispensing again.
CREATE OR REPLACE MACRO elderly_gp_dispensing_years(prescriber, min_age, period_start, period_end) AS TABLE
WITH dispensed AS (
    -- each distinct code is tested once, not every dispensing (read three times below, so materialised: 56 rows)
    SELECT DISTINCT atc FROM prescription
),
codes AS (
    SELECT atc, 'HABIT_FORMING' AS atc_set FROM dispensed WHERE atc_in_set(atc, 'HABIT_FORMING')
    UNION ALL
    SELECT atc, 'ANTICHOLINERGIC' AS atc_set FROM dispensed WHERE atc_in_set(atc, 'ANTICHOLINERGIC')
    UNION ALL
    SELECT atc, 'NSAID' AS atc_set FROM dispensed WHERE atc_in_set(atc, 'NSAID')
),
person_years AS (
    -- one grouping per patient, year and set: the year's doses and its first dispensing
    SELECT c.atc_set,
           arg_min({'dispensing_date': r.dispensing_date, 'residence_municipality': r.residence_municipality,
                    'sex': r.sex, 'age': r.age},
                   {'dispensing_date': r.dispensing_date, 'dispensing_id': r.dispensing_id}) AS first_dispensing,
           -- exact: each dose as the decimal it was delivered as (a file value has fewer than 9 decimals), so the
           -- year's sum is the same in any order of the rows; a floating sum moves in the last digit with the order
           -- in which the scan meets them (0.15 + 0.2 + 364.65 is 365.0 or 364.99999999999994)
           sum(CAST(r.ddd AS DECIMAL(38, 9))) AS year_ddd
    FROM prescription r
    JOIN codes c ON c.atc = r.atc
    WHERE r.prescriber_category = CAST(prescriber AS VARCHAR)
      AND r.age > CAST(min_age AS INTEGER)
      AND r.dispensing_date >= CAST(period_start AS DATE) AND r.dispensing_date < CAST(period_end AS DATE)
    GROUP BY r.patient_id, year(r.dispensing_date), c.atc_set
)
SELECT p.atc_set,
       p.first_dispensing.dispensing_date AS event_date,
       p.first_dispensing.residence_municipality AS residence_municipality,
       p.first_dispensing.sex AS sex,
       p.first_dispensing.age AS age,
       p.year_ddd
FROM person_years p
