-- Discharge summary (epikrise) sent in time, somatic care (NKI): inpatient stays discharged alive
-- in [period_start, period_end); births and newborns are excluded (since 2015). Numerator: summary
-- sent no more than within_days calendar days after the discharge date; a missing send time
-- counts as not sent in time. Placed on the discharge date.
-- The stays alone (the rule but the day limit; their own macro so that the engine builds them once for the 1- and
-- 7-day indicators, engine.SharedCohorts, issue #17 dqepi): sent_after_days is the calendar days from the discharge
-- date to the send date (NULL when not sent).
CREATE OR REPLACE MACRO epicrisis_somatic_stays(period_start, period_end) AS TABLE
SELECT
    CAST(s.discharge_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    s.sex,
    s.age,
    CAST(CAST(s.epicrisis_sent_time AS DATE) - CAST(s.discharge_time AS DATE) AS INTEGER) AS sent_after_days
FROM npr_somatic s
WHERE s.care_level = '1'
  AND s.discharge_time >= CAST(period_start AS DATE) AND s.discharge_time < CAST(period_end AS DATE)
  AND s.discharge_status <> '9'
  -- births (O80-O84 delivery) and newborns (Z38 liveborn infant) are outside the indicator
  AND NOT (upper(s.main_diagnosis) SIMILAR TO 'O8[0-4].*' OR upper(s.main_diagnosis) LIKE 'Z38%');

CREATE OR REPLACE MACRO epicrisis_somatic_cases(period_start, period_end, within_days) AS TABLE
SELECT
    s.event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(coalesce(s.sent_after_days <= CAST(within_days AS INTEGER), false) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM epicrisis_somatic_stays(period_start, period_end) s
