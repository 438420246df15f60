-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Breached waiting-time deadline (fristbrudd) for patients who have started healthcare, somatic
-- care (NKI): share of patients with a set deadline whose healthcare started after the deadline.
-- Placed on the date healthcare started; start on the deadline day itself is not a breach.
-- The rows: somatic_care_start_cohort in sql/reference/table_waiting_time_somatic_cases.sql (the family's starts of
-- healthcare, built once per run for its eleven indicators; issue #17, waitfam).
SELECT
    c.event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(c.event_date > c.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM somatic_care_start_cohort($period_start, $period_end) c
WHERE c.deadline_date IS NOT NULL
