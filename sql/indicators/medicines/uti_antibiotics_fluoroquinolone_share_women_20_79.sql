-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_age INTEGER = 20: youngest age included
-- $max_age INTEGER = 79: oldest age included
-- end of kvik parameters
-- Urinary-tract antibiotics, women 20-79: share of fluoroquinolones (NKI): dispensed
-- prescriptions in [period_start, period_end) of the urinary-tract antibiotics (ATC code set
-- UTI_DENOM) to women aged min_age to max_age. Numerator: prescriptions of fluoroquinolones (ATC
-- code set UTI_FQ). One row per dispensing, placed on the dispensing date in the residence
-- municipality.
-- Shared with the other antibiotic choice indicators: dispensing_share_cases in
-- sql/reference/table_dispensing_share_cases.sql.
SELECT *
FROM dispensing_share_cases('UTI_FQ', 'UTI_DENOM', '2', $period_start, $period_end, $min_age, $max_age)
