-- Breached deadline (fristbrudd) for patients who have started healthcare in child and
-- adolescent mental health care (NKI): share of started referrals with a set deadline whose
-- healthcare started after the deadline, placed on the start date. A start on the deadline day
-- is not a breach.
-- The started referrals are shared with the other waiting-time and deadline indicators:
-- mental_care_starts in sql/reference/table_mental_care_starts.sql.
SELECT
    f.start_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(f.start_date > f.deadline_date AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM mental_care_starts('PHV_BU', $period_start, $period_end) f
WHERE f.deadline_date IS NOT NULL
