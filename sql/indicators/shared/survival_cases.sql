-- 30-day survival after a first-time condition (NKI; Helsedirektoratet/FHI method, linked to the
-- cause of death registry). Case: an inpatient stay with its main diagnosis in the code set
-- diagnosis_set, admitted in [period_start, period_end), patient aged min_age or more; 'first-time': no
-- stay of the set in the lookback_days before. Numerator: alive survival_days after the admission date;
-- deaths count wherever they happen, and a stay ending in death counts even without a registry row.
-- The rule: survival_cases in sql/reference/table_survival_cases.sql.
SELECT *
FROM survival_cases($diagnosis_set, $period_start, $period_end, $lookback_days, $survival_days, $min_age)
