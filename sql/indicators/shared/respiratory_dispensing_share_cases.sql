-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 2 indicators: respiratory_antibiotics_penv_share_0_9, respiratory_antibiotics_penv_share_10_79.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_age INTEGER: youngest age included
--     defaults: respiratory_antibiotics_penv_share_0_9 0, respiratory_antibiotics_penv_share_10_79 10
-- $max_age INTEGER: oldest age included
--     defaults: respiratory_antibiotics_penv_share_0_9 9, respiratory_antibiotics_penv_share_10_79 79
-- end of kvik parameters
-- Respiratory-tract antibiotics: share of penicillin V (NKI): dispensed prescriptions in
-- [period_start, period_end) of the respiratory-tract antibiotics (ATC code set RESP_DENOM) to persons
-- aged min_age to max_age. Numerator: prescriptions of phenoxymethylpenicillin (penicillin V) (ATC code
-- set RESP_PENV). One row per dispensing, placed on the dispensing date in the residence municipality.
-- The rule: dispensing_share_cases in sql/reference/table_dispensing_share_cases.sql.
SELECT *
FROM dispensing_share_cases('RESP_PENV', 'RESP_DENOM', NULL, $period_start, $period_end, $min_age, $max_age)
