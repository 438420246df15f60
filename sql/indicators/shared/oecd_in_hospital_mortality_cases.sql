-- OECD HCQO admission-based (in-hospital) 30-day mortality after admissions with a principal
-- diagnosis in the code set diagnosis_set. Every admission (inpatient or same-day) of a patient aged
-- min_age or more, admitted in [period_start, period_end), counts. Numerator: death in the same hospital
-- within survival_days (the stay ends with discharge status dead on or before admission date +
-- survival_days); deaths after discharge or transfer are not seen. cov_age_group (OECD five-year groups)
-- and cov_sex carry the strata of the OECD age-sex standardisation.
-- The rule: oecd_in_hospital_mortality_cases in sql/reference/table_oecd_in_hospital_mortality_cases.sql.
SELECT *
FROM oecd_in_hospital_mortality_cases($diagnosis_set, $period_start, $period_end, $survival_days, $min_age)
