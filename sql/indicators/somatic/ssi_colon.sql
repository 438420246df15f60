-- Surgical-site infection after colon surgery (NKI; NOIS-POSI surveillance, ECDC protocol,
-- 30-day follow-up).
-- Denominator: procedures of NOIS group COLON carrying an NCSP code of code set COLON, done in
-- [period_start, period_end), whose infection status was followed up (with incomplete follow-up
-- the outcome is unknown). Numerator: any surgical-site infection within 30 days (superficial,
-- deep or organ/space).
-- Shared with the other surgical-site infection indicators: ssi_cases in
-- sql/reference/table_ssi_cases.sql.
SELECT *
FROM ssi_cases('COLON', 'COLON', ['SUPERFICIAL', 'DEEP', 'ORGAN'], $period_start, $period_end)
