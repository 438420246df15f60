-- Ended inpatient stays in TSB (substance-use treatment): inpatient TSB episodes; contiguous
-- episodes (the next starts on or before the day the previous ended, also across units) are one
-- stay, ending with the last episode's end date and avslutningstype (end_reason). One row per
-- stay that has ended, of a patient aged min_age or more, with the end date in [period_start,
-- period_end): the columns of npr_mental for the stay's last episode.
CREATE OR REPLACE MACRO tsb_ended_inpatient_stays(period_start, period_end, min_age) AS TABLE
WITH episodes AS (
    SELECT m.*,
           max(m.end_date) OVER (PARTITION BY m.patient_id ORDER BY m.start_date, m.episode_id
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
    FROM npr_mental m
    WHERE m.sector = 'TSB' AND m.care_level = '1'
),
numbered AS (
    SELECT e.*,
           sum(CASE WHEN e.previous_end IS NOT NULL AND e.start_date <= e.previous_end THEN 0 ELSE 1 END)
               OVER (PARTITION BY e.patient_id ORDER BY e.start_date, e.episode_id
                     ROWS UNBOUNDED PRECEDING) AS stay_no
    FROM episodes e
),
last_episodes AS (
    SELECT n.*,
           bool_or(n.end_date IS NULL) OVER (PARTITION BY n.patient_id, n.stay_no) AS stay_ongoing,
           row_number() OVER (PARTITION BY n.patient_id, n.stay_no
                              ORDER BY n.end_date DESC NULLS FIRST, n.start_date DESC, n.episode_id DESC) AS rank_from_end
    FROM numbered n
)
SELECT l.* EXCLUDE (previous_end, stay_no, stay_ongoing, rank_from_end)
FROM last_episodes l
WHERE l.rank_from_end = 1
  AND NOT l.stay_ongoing
  AND l.age >= CAST(min_age AS INTEGER)
  AND l.end_date >= CAST(period_start AS DATE) AND l.end_date < CAST(period_end AS DATE)
