-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Deep and organ/space surgical-site infection after cholecystectomy (NKI; NOIS-POSI
-- surveillance, ECDC protocol, 30-day follow-up).
-- Denominator: procedures of NOIS group CHOLECYSTECTOMY carrying an NCSP code of code set
-- CHOLECYSTECTOMY, done in [period_start, period_end), whose infection status was followed up
-- (with incomplete follow-up the outcome is unknown). Numerator: deep or organ/space infection
-- within 30 days (superficial infections do not count).
-- Shared with the other surgical-site infection indicators: ssi_cases in
-- sql/reference/table_ssi_cases.sql.
SELECT *
FROM ssi_cases('CHOLECYSTECTOMY', 'CHOLECYSTECTOMY', ['DEEP', 'ORGAN'], $period_start, $period_end)
