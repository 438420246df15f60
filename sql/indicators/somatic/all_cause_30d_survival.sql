-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $pathway_gap_hours INTEGER = 8: stays starting less than this many hours after a discharge belong to the
--     same pathway
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $survival_days INTEGER = 30: survival is assessed this many days after the first admission date
-- $min_age INTEGER = 18: youngest age included
-- end of kvik parameters
-- 30-day survival after hospital admission, all causes ("totaloverlevelse", NKI).
-- Unit: a continuous patient pathway: inpatient stays of one patient less than pathway_gap_hours
-- apart are joined (transfers between hospitals form one pathway). The pathway is attributed to
-- its first hospital and placed on its first admission date. Included: pathways starting in
-- [period_start, period_end) with an acute first stay and a patient aged min_age or more; one
-- pathway per patient and calendar year (the first).
-- Outcome (numerator): alive survival_days after the first admission date, deaths anywhere
-- (DAR).
WITH needed_admissions AS (
    -- The stays the period's pathways need, as a range of admission times [first, last) (issue #17: without it the
    -- window below sorted every year of the store, 5.4 M stays on six years at scale 1 for one year of cases; the
    -- two bounds' own scans read the period's year and the few row groups of stays in hospital at its start).
    -- first: the earliest admission of a stay still in hospital less than pathway_gap_hours before the period start
    -- (only such a stay can join a pathway across the start), else the period start. A patient's first stay read then
    -- lacks the previous stay the whole history gives only where that one ended pathway_gap_hours or more before the
    -- period start: it starts a pathway either way.
    -- last: pathway_gap_hours after the latest discharge of a stay admitted in the period, and no earlier than
    -- survival_days + pathway_gap_hours after the period end. Every case then sees its next stay (transfer or not,
    -- cov_transfer), and a pathway cut at `last` had a stay still in hospital survival_days after its admission
    -- date, so its outcome is the registry's alone, as with all its stays.
    SELECT coalesce((SELECT min(b.admission_time)
                     FROM npr_somatic b
                     WHERE b.care_level = '1'
                       AND b.admission_time < CAST($period_start AS DATE)
                       AND b.discharge_time >= CAST($period_start AS DATE) - to_hours(CAST($pathway_gap_hours AS INTEGER))),
                    CAST($period_start AS DATE)) AS first_admission,
           greatest(CAST($period_end AS DATE) + to_days(CAST($survival_days AS INTEGER)),
                    coalesce((SELECT max(p.discharge_time)
                              FROM npr_somatic p
                              WHERE p.care_level = '1'
                                AND p.admission_time >= CAST($period_start AS DATE)
                                AND p.admission_time < CAST($period_end AS DATE)),
                             CAST($period_end AS DATE)))
               + to_hours(CAST($pathway_gap_hours AS INTEGER)) AS last_admission
),
ordered AS (
    -- one sort of each patient's inpatient stays gives both neighbours of every stay
    SELECT s.patient_id, s.episode_id, s.admission_time, s.discharge_time, s.discharge_status, s.provider_org,
           s.residence_municipality, s.sex, s.age, s.urgency, s.main_diagnosis, s.secondary_diagnoses,
           lag(s.discharge_time) OVER stays AS previous_discharge,
           lead(s.admission_time) OVER stays AS next_admission
    FROM npr_somatic s
    WHERE s.care_level = '1'
      AND s.admission_time >= (SELECT first_admission FROM needed_admissions)
      AND s.admission_time < (SELECT last_admission FROM needed_admissions)
    WINDOW stays AS (PARTITION BY s.patient_id ORDER BY s.admission_time, s.episode_id)
),
flagged AS (
    -- a stay starts a new pathway unless it begins less than pathway_gap_hours after the previous discharge;
    -- it ends its pathway unless the next stay begins less than pathway_gap_hours after its discharge
    SELECT o.*,
           NOT coalesce(o.admission_time < o.previous_discharge + to_hours(CAST($pathway_gap_hours AS INTEGER)), false) AS starts_pathway,
           NOT coalesce(o.next_admission < o.discharge_time + to_hours(CAST($pathway_gap_hours AS INTEGER)), false) AS ends_pathway
    FROM ordered o
),
joined_pathways AS (
    -- pathways of more than one stay (few): their stays are numbered and summed; a stay that both starts and
    -- ends its pathway is a pathway of its own and needs no grouping
    SELECT patient_id,
           arg_min(episode_id, (admission_time, episode_id)) AS episode_id,
           min(admission_time) AS admission_time,
           count(*) AS stays,
           bool_or(discharge_status = '9') AS died_in_hospital,
           CAST(max(discharge_time) AS DATE) AS last_discharge_date
    FROM (
        SELECT patient_id, episode_id, admission_time, discharge_time, discharge_status,
               sum(CAST(starts_pathway AS INTEGER)) OVER (PARTITION BY patient_id ORDER BY admission_time, episode_id
                                                           ROWS UNBOUNDED PRECEDING) AS pathway_no
        FROM flagged
        WHERE NOT (starts_pathway AND ends_pathway)
    )
    GROUP BY patient_id, pathway_no
),
cases AS (
    -- first stays of pathways in the period, acute, adult; the first such pathway per patient and calendar year
    SELECT f.*,
           coalesce(j.stays, 1) AS stays,
           coalesce(j.died_in_hospital, f.discharge_status = '9') AS died_in_hospital,
           coalesce(j.last_discharge_date, CAST(f.discharge_time AS DATE)) AS last_discharge_date
    FROM flagged f
    LEFT JOIN joined_pathways j
           ON j.patient_id = f.patient_id AND j.episode_id = f.episode_id AND j.admission_time = f.admission_time
    WHERE f.starts_pathway
      AND f.admission_time >= CAST($period_start AS DATE) AND f.admission_time < CAST($period_end AS DATE)
      AND f.urgency = '1'
      AND f.age >= CAST($min_age AS INTEGER)
      -- the main diagnosis is a risk covariate (cov_diagnosis_category): a first stay whose diagnosis was invalid
      -- (stored NULL, the row kept for the pathways it joins) is no case
      AND f.main_diagnosis IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY f.patient_id, year(f.admission_time)
                               ORDER BY f.admission_time, f.episode_id) = 1
)
SELECT
    CAST(c.admission_time AS DATE) AS event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(CASE
        -- bounded on both sides like died_within: a death dated before the admission never counts
        WHEN d.death_date >= CAST(c.admission_time AS DATE)
             AND d.death_date <= CAST(c.admission_time AS DATE) + CAST($survival_days AS INTEGER) THEN 0
        WHEN c.died_in_hospital AND c.last_discharge_date <= CAST(c.admission_time AS DATE) + CAST($survival_days AS INTEGER) THEN 0
        ELSE 1 END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    risk_age_band(c.age) AS cov_age_band,
    c.sex AS cov_sex,
    charlson_index(c.secondary_diagnoses) AS cov_charlson,
    c.urgency = '1' AS cov_acute,
    c.stays > 1 AS cov_transfer,
    substr(upper(c.main_diagnosis), 1, 3) AS cov_diagnosis_category
FROM cases c
LEFT JOIN death d ON d.patient_id = c.patient_id
