-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: fristbrudd_phv_adults, fristbrudd_phv_children, fristbrudd_tsb.
-- $care_sector VARCHAR: the care sector: PHV_V adults, PHV_BU children and adolescents, TSB substance-use
--     treatment
--     defaults: fristbrudd_phv_adults 'PHV_V', fristbrudd_phv_children 'PHV_BU', fristbrudd_tsb 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Breached deadline (fristbrudd) for patients who have started healthcare in a mental-health or
-- substance-use care sector (NKI): started referrals with a set deadline in the sector care_sector,
-- placed on the start date; numerator 1 when healthcare started after the deadline (a start on the
-- deadline day is not a breach).
-- The rule: deadline_breach_cases in sql/reference/table_deadline_breach_cases.sql.
SELECT *
FROM deadline_breach_cases($care_sector, $period_start, $period_end)
