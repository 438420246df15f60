-- OECD HCQO admission-based (in-hospital) 30-day mortality after ischaemic stroke (principal
-- diagnosis in code set OECD_ISCH_STROKE). Admission-based ("unlinked"): every admission
-- (inpatient or same-day) of a patient aged min_age or more, admitted in [period_start,
-- period_end), counts. Numerator: death in the same hospital within survival_days, i.e. the stay
-- ends with discharge status dead on or before admission date + survival_days; deaths after
-- discharge or transfer are not seen. cov_age_group (OECD five-year groups) and cov_sex carry
-- the strata of the OECD age-sex standardisation.
-- Shared with the other in-hospital OECD mortality indicators: oecd_in_hospital_mortality_cases
-- in sql/reference/table_oecd_in_hospital_mortality_cases.sql.
SELECT *
FROM oecd_in_hospital_mortality_cases('OECD_ISCH_STROKE', $period_start, $period_end, $survival_days, $min_age)
