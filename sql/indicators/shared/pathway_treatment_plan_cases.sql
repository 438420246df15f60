-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: pathway_treatment_plan_phv_adults, pathway_treatment_plan_phv_children,
--   pathway_treatment_plan_tsb.
-- $care_sector VARCHAR: the care sector: PHV_V adults, PHV_BU children and adolescents, TSB substance-use
--     treatment
--     defaults: pathway_treatment_plan_phv_adults 'PHV_V', pathway_treatment_plan_phv_children 'PHV_BU',
--       pathway_treatment_plan_tsb 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Treatment plan made with the patient (pakkeforløp psykisk helse og rus): pathways in the sector
-- care_sector with the clinical decision in [period_start, period_end), placed on that date; numerator 1
-- when a treatment plan made together with the patient is coded.
-- The rule: pathway_treatment_plan_cases in sql/reference/table_pathway_treatment_plan_cases.sql.
SELECT *
FROM pathway_treatment_plan_cases($care_sector, $period_start, $period_end)
