-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: oecd_ami_30d_mortality_linked, oecd_haemorrhagic_stroke_30d_mortality_linked,
--   oecd_ischaemic_stroke_30d_mortality_linked.
-- $diagnosis_set VARCHAR: the ICD-10 code set of the principal diagnosis (sql/reference code sets)
--     defaults: oecd_ami_30d_mortality_linked 'OECD_AMI', oecd_haemorrhagic_stroke_30d_mortality_linked
--       'OECD_HAEM_STROKE', oecd_ischaemic_stroke_30d_mortality_linked 'OECD_ISCH_STROKE'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $survival_days INTEGER = 30: deaths on or before the admission date plus this many days count
-- $min_age INTEGER = 45: youngest age included (OECD: 45 and over)
-- end of kvik parameters
-- OECD HCQO patient-based (linked) 30-day mortality after admissions with a principal diagnosis in
-- the code set diagnosis_set: the first qualifying admission (inpatient or same-day) of each patient aged
-- min_age or more per calendar year, admitted in [period_start, period_end). Numerator: death from any
-- cause within survival_days of that admission date, wherever it happens (cause of death registry, or a
-- stay ending in death). cov_age_group (OECD five-year groups) and cov_sex carry the strata of the OECD
-- age-sex standardisation.
-- The rule: oecd_linked_mortality_cases in sql/reference/table_oecd_linked_mortality_cases.sql.
SELECT *
FROM oecd_linked_mortality_cases($diagnosis_set, $period_start, $period_end, $survival_days, $min_age)
