-- Discharge summary (epikrise) sent in time (NKI): inpatient episodes in sector `care_sector`
-- ending in [period_start, period_end), placed on the end date. Numerator: summary sent no more
-- than within_days calendar days after the end date; a missing send time is not in time.
CREATE OR REPLACE MACRO epicrisis_cases(care_sector, period_start, period_end, within_days) AS TABLE
SELECT
    m.end_date AS event_date,
    m.provider_org,
    m.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    m.sex,
    m.age,
    CAST(coalesce(CAST(m.epicrisis_sent_time AS DATE) - m.end_date <= CAST(within_days AS INTEGER), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_mental m
WHERE m.sector = care_sector
  AND m.care_level = '1'
  AND m.end_date >= CAST(period_start AS DATE) AND m.end_date < CAST(period_end AS DATE)
