-- Mean waiting time in adult mental health care (P01): days from the referral being received to the
-- start of healthcare, for adult PHV episodes that started in the period. One row per episode; the
-- engine averages the value column.
SELECT
    start_date                                 AS event_date,
    provider_org,
    residence_municipality,
    CAST(NULL AS VARCHAR)                      AS residence_county,
    CAST(NULL AS VARCHAR)                      AS central_id,
    sex,
    age,
    1.0                                        AS numerator,
    1.0                                        AS denominator,
    CAST(date_diff('day', referral_date, start_date) AS DOUBLE) AS value
FROM npr_mental
WHERE sector = 'PHV_V'
  AND start_date >= $period_start
  AND start_date < $period_end
