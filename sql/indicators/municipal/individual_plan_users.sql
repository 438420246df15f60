-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Service users with an individual plan (NKI; KPR). Users: persons with a decision on a
-- municipal home service in [period_start, period_end), one row per person, municipality and
-- calendar year, placed on their latest decision date of the year. Numerator: any of those
-- decisions records an individual plan.
WITH decisions AS (
    SELECT h.*,
           bool_or(coalesce(h.individual_plan, false))
               OVER (PARTITION BY h.patient_id, h.municipality, year(h.decision_date)) AS has_plan,
           row_number() OVER (PARTITION BY h.patient_id, h.municipality, year(h.decision_date)
                              ORDER BY h.decision_date DESC, h.decision_id DESC) AS decision_rank
    FROM kpr_home_service h
    WHERE h.decision_date >= CAST($period_start AS DATE) AND h.decision_date < CAST($period_end AS DATE)
)
SELECT
    d.decision_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    d.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    d.sex,
    d.age,
    CAST(d.has_plan AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM decisions d
WHERE d.decision_rank = 1
