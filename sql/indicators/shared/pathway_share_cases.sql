-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: pathway_share_started_phv_adults, pathway_share_started_phv_children,
--   pathway_share_started_tsb.
-- $care_sector VARCHAR: the care sector: PHV_V adults, PHV_BU children and adolescents, TSB substance-use
--     treatment
--     defaults: pathway_share_started_phv_adults 'PHV_V', pathway_share_started_phv_children 'PHV_BU',
--       pathway_share_started_tsb 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Patients in a pathway (pakkeforløp psykisk helse og rus): started referrals in the sector
-- care_sector in [period_start, period_end), placed on the start date; numerator 1 when a pathway of the
-- same patient, unit, sector and referral date is reported.
-- The rule: pathway_share_cases in sql/reference/table_pathway_share_cases.sql.
SELECT *
FROM pathway_share_cases($care_sector, $period_start, $period_end)
