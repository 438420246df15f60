-- Breached waiting-time deadline (fristbrudd) for patients who have started healthcare, somatic
-- care (NKI): share of patients with a set deadline whose healthcare started after the deadline.
-- Placed on the date healthcare started; start on the deadline day itself is not a breach.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end
)
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
CROSS JOIN params p
WHERE s.care_start
  AND s.deadline_date IS NOT NULL
  AND s.admission_time >= p.period_start AND s.admission_time < p.period_end
