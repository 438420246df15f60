-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Cancer patient pathways (all organ-specific types) completed within the standard lead time
-- (NKI). One pathway per patient, pathway type and pathway start (OA); it is completed by the
-- start of the first treatment (OF: surgery, medicinal or radiation therapy), placed on that
-- date in [period_start, period_end) and attributed to the site that started the treatment.
-- Numerator: days from pathway start to first treatment within the pathway's standard lead time
-- (ref_cancer_pathways.standard_lead_time_days; value carries the days).
-- Shared with the other cancer pathway indicators: cancer_pathway_cases in
-- sql/reference/table_cancer_pathway_cases.sql.
SELECT *
FROM cancer_pathway_cases(NULL, $period_start, $period_end)
