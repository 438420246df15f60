-- Respiratory-tract antibiotics: share of penicillin V (NKI): dispensed prescriptions in
-- [period_start, period_end) of the respiratory-tract antibiotics (ATC code set RESP_DENOM) to persons
-- aged min_age to max_age. Numerator: prescriptions of phenoxymethylpenicillin (penicillin V) (ATC code
-- set RESP_PENV). One row per dispensing, placed on the dispensing date in the residence municipality.
-- The rule: dispensing_share_cases in sql/reference/table_dispensing_share_cases.sql.
SELECT *
FROM dispensing_share_cases('RESP_PENV', 'RESP_DENOM', NULL, $period_start, $period_end, $min_age, $max_age)
