-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Breached waiting-time deadline (fristbrudd) for patients who have started healthcare, somatic
-- care (NKI): share of patients with a set deadline whose healthcare started after the deadline.
-- Placed on the date healthcare started; start on the deadline day itself is not a breach.
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(CAST(s.admission_time AS DATE) > s.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_somatic s
WHERE s.care_start
  AND s.deadline_date IS NOT NULL
  AND s.admission_time >= CAST($period_start AS DATE) AND s.admission_time < CAST($period_end AS DATE)
