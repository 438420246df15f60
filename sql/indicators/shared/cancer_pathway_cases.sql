-- Cancer patient pathway of one cancer type completed within the standard lead time (NKI). One
-- pathway per patient, pathway type and pathway start (OA); it is completed by the start of the first
-- treatment (OF), placed on that date in [period_start, period_end) and attributed to the site that
-- started the treatment. Numerator: days from pathway start to first treatment within the pathway's
-- standard lead time (value carries the days). (cancer_pathway_all_within_standard, every pathway type,
-- has its own file.)
-- The rule: cancer_pathway_cases in sql/reference/table_cancer_pathway_cases.sql.
SELECT *
FROM cancer_pathway_cases($cancer_pathway, $period_start, $period_end)
