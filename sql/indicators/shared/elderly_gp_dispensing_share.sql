-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: elderly_anticholinergic_gp, elderly_habit_forming_gp_365ddd,
--   elderly_habit_forming_gp_any, elderly_nsaid_gp.
-- $atc_set VARCHAR: the ATC code set of the drug group (data/reference/atc_subsets_for_indicators.csv)
--     defaults: elderly_anticholinergic_gp 'ANTICHOLINERGIC',
--       elderly_habit_forming_gp_365ddd 'HABIT_FORMING', elderly_habit_forming_gp_any 'HABIT_FORMING',
--       elderly_nsaid_gp 'NSAID'
-- $prescriber_category VARCHAR = 'GP': the prescriber category counted (GP: general practitioners)
-- $min_age INTEGER = 65: youngest age on 1 January included (users: older than min_age at dispensing;
--     population on 1 January)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_yearly_ddd INTEGER: defined daily doses of the group a person must be dispensed in the year to count
--     (0: any dispensing)
--     defaults: elderly_anticholinergic_gp 0, elderly_habit_forming_gp_365ddd 365,
--       elderly_habit_forming_gp_any 0, elderly_nsaid_gp 0
-- end of kvik parameters
-- Medicines for the elderly from GPs (NKI K15): the share of the population aged min_age and over
-- dispensed, on a prescription from prescriber_category, drugs of the ATC set atc_set in a calendar year.
-- A person-year counts once, and only when its dispensings of the set sum to at least min_yearly_ddd
-- defined daily doses (0: any dispensing); its case row is its first such dispensing of the year
-- (date, residence municipality, sex, age then), with numerator 1 and denominator 0. Dispensings count
-- when the patient was older than min_age at dispensing, so aged min_age or over on 1 January, the age of
-- the denominator: one aged min_age at dispensing may have been younger on 1 January, and counting such
-- users put more users than persons into small units. Population cells on 1 January of each year
-- (numerator 0, denominator persons aged min_age and over) complete the denominator, as for the
-- antibiotic user shares (population_cells in sql/reference). Residence numbers pass through.
WITH codes AS (
    -- the codes dispensed that fall in the set: each distinct code is tested once, not every dispensing
    SELECT atc
    FROM (SELECT DISTINCT atc FROM prescription)
    WHERE atc_in_set(atc, $atc_set)
),
person_years AS (
    -- one grouping per patient and year: the year's doses and its first dispensing (earliest date, then lowest
    -- dispensing id); two windows over the same partitions sorted every dispensing (issue #17)
    SELECT arg_min({'dispensing_date': r.dispensing_date, 'residence_municipality': r.residence_municipality,
                    'sex': r.sex, 'age': r.age},
                   {'dispensing_date': r.dispensing_date, 'dispensing_id': r.dispensing_id}) AS first_dispensing,
           -- exact: each dose as the decimal it was delivered as (a file value has fewer than 9 decimals), so the
           -- year's sum is the same in any order of the rows; a floating sum moves in the last digit with the order
           -- in which the scan meets them (0.15 + 0.2 + 364.65 is 365.0 or 364.99999999999994)
           sum(CAST(r.ddd AS DECIMAL(38, 9))) AS year_ddd
    FROM prescription r
    SEMI JOIN codes c ON c.atc = r.atc
    WHERE r.prescriber_category = $prescriber_category
      AND r.age > $min_age
      AND r.dispensing_date >= CAST($period_start AS DATE) AND r.dispensing_date < CAST($period_end AS DATE)
    GROUP BY r.patient_id, year(r.dispensing_date)
)
SELECT
    p.first_dispensing.dispensing_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    p.first_dispensing.residence_municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    p.first_dispensing.sex AS sex,
    p.first_dispensing.age AS age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM person_years p
WHERE p.year_ddd >= $min_yearly_ddd
UNION ALL
SELECT *
FROM population_cells(NULL, $period_start, $period_end, $min_age, 110)
