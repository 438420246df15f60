-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: postponed_planned_operations_digestive, postponed_planned_operations_ent,
--   postponed_planned_operations_eye, postponed_planned_operations_orthopaedics.
-- $specialty VARCHAR: the operating specialty counted (trust_specialty_postponed.specialty)
--     defaults: postponed_planned_operations_digestive 'DIGESTIVE', postponed_planned_operations_ent 'ENT',
--       postponed_planned_operations_eye 'EYE', postponed_planned_operations_orthopaedics 'ORTHOPAEDICS'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Postponed planned operations of one operating specialty ($specialty), from the health trusts' report by
-- specialty (trust_specialty_postponed; special reporting, not NPR): a planned operation not carried out on the
-- day the patient was scheduled, postponement for the patient's own acute illness included (in the trusts'
-- count), as postponed_planned_operations counts the trusts' totals. One cell per hospital and month, placed on
-- the first day of the month.
SELECT
    t.month_start AS event_date,
    t.provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(t.postponed_operations AS DOUBLE) AS numerator,
    CAST(t.planned_operations AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM trust_specialty_postponed t
WHERE t.specialty = CAST($specialty AS VARCHAR)
  AND t.month_start >= CAST($period_start AS DATE) AND t.month_start < CAST($period_end AS DATE)
