-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Postponed planned operations (NKI; special reporting from the health trusts, not NPR). A
-- planned operation not carried out on the day the patient was scheduled; postponement because
-- of the patient's own acute illness is included (in the trusts' count). One cell per hospital
-- and month, placed on the first day of the month.
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
FROM trust_postponed t
WHERE t.month_start >= CAST($period_start AS DATE) AND t.month_start < CAST($period_end AS DATE)
