-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: elderly_anticholinergic_gp, elderly_habit_forming_gp_365ddd,
--   elderly_habit_forming_gp_any, elderly_nsaid_gp.
-- $prescriber_category VARCHAR = 'GP': the prescriber category counted (GP: general practitioners)
-- $min_age INTEGER = 65: youngest age on 1 January included (users: older than min_age at dispensing;
--     population on 1 January)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $atc_set VARCHAR: the ATC code set of the drug group (data/reference/atc_subsets_for_indicators.csv):
--     HABIT_FORMING, ANTICHOLINERGIC or NSAID, the family's sets
--     defaults: elderly_anticholinergic_gp 'ANTICHOLINERGIC',
--       elderly_habit_forming_gp_365ddd 'HABIT_FORMING', elderly_habit_forming_gp_any 'HABIT_FORMING',
--       elderly_nsaid_gp 'NSAID'
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
-- The person-years are the family's rows (elderly_gp_dispensing_years in sql/reference: per patient, year and set of
-- the family, the first dispensing and the year's doses), built once for the four indicators: an atc_set outside the
-- family's sets is refused with an error rather than counted from them.
SELECT
    y.event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    y.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    y.sex,
    y.age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(0 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM elderly_gp_dispensing_years($prescriber_category, $min_age, $period_start, $period_end) y
WHERE y.atc_set = $atc_set
  AND y.year_ddd >= $min_yearly_ddd
  AND CASE WHEN $atc_set IN ('HABIT_FORMING', 'ANTICHOLINERGIC', 'NSAID') THEN true
               ELSE error('elderly GP dispensing share: atc_set ' || coalesce($atc_set, 'NULL')
                          || ' is not one of the family''s sets HABIT_FORMING, ANTICHOLINERGIC, NSAID') END
UNION ALL
SELECT *
FROM population_cells(NULL, $period_start, $period_end, $min_age, 110)
WHERE CASE WHEN $atc_set IN ('HABIT_FORMING', 'ANTICHOLINERGIC', 'NSAID') THEN true
               ELSE error('elderly GP dispensing share: atc_set ' || coalesce($atc_set, 'NULL')
                          || ' is not one of the family''s sets HABIT_FORMING, ANTICHOLINERGIC, NSAID') END
