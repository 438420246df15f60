-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Corridor patients (S06): patients lying in a corridor at the 07:00 count, per occupied bed, from the
-- health trusts' daily reports. One output row per hospital and day; the engine sums days into periods.
SELECT
    report_date                          AS event_date,
    provider_org,
    CAST(NULL AS VARCHAR)                AS residence_municipality,
    CAST(NULL AS VARCHAR)                AS residence_county,
    CAST(NULL AS VARCHAR)                AS central_id,
    CAST(NULL AS VARCHAR)                AS sex,
    CAST(NULL AS INTEGER)                AS age,
    CAST(corridor_patients AS DOUBLE)    AS numerator,
    CAST(occupied_beds AS DOUBLE)        AS denominator,
    CAST(NULL AS DOUBLE)                 AS value
FROM trust_corridor
WHERE report_date >= $period_start
  AND report_date < $period_end
