-- OECD HCQO patient-based (linked) 30-day mortality after admissions with a principal diagnosis in
-- the code set diagnosis_set: the first qualifying admission (inpatient or same-day) of each patient aged
-- min_age or more per calendar year, admitted in [period_start, period_end). Numerator: death from any
-- cause within survival_days of that admission date, wherever it happens (cause of death registry, or a
-- stay ending in death). cov_age_group (OECD five-year groups) and cov_sex carry the strata of the OECD
-- age-sex standardisation.
-- The rule: oecd_linked_mortality_cases in sql/reference/table_oecd_linked_mortality_cases.sql.
SELECT *
FROM oecd_linked_mortality_cases($diagnosis_set, $period_start, $period_end, $survival_days, $min_age)
