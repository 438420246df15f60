-- Discharge summary (epikrise) sent in time (NKI): inpatient episodes in sector `care_sector`
-- ending in [period_start, period_end), placed on the end date. Numerator: summary sent no more
-- than within_days calendar days after the end date; a missing send time is not in time.
CREATE OR REPLACE MACRO epicrisis_cases(care_sector, period_start, period_end, within_days) AS TABLE
WITH params AS (
    SELECT CAST(period_start AS DATE) AS period_start,
           CAST(period_end AS DATE) AS period_end,
           CAST(within_days AS INTEGER) AS within_days
)
SELECT
    m.end_date AS event_date,
    m.provider_org,
    m.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    m.sex,
    m.age,
    CAST(coalesce(CAST(m.epicrisis_sent_time AS DATE) - m.end_date <= p.within_days, false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM npr_mental m
CROSS JOIN params p
WHERE m.sector = care_sector
  AND m.care_level = '1'
  AND m.end_date >= p.period_start AND m.end_date < p.period_end
