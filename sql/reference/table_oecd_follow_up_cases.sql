-- OECD integrated-care pilot, patients followed across hospital and primary care after a heart-failure (CHF) or
-- heart-attack (AMI) stay: the cohort is the first inpatient stay per patient and calendar year of discharge with
-- principal diagnosis in `diagnosis_set`, patient aged min_age or more, discharged in [period_start, period_end)
-- alive and not transferred (discharge status not 2 or 9), placed on the discharge date. A patient transferred
-- between hospitals enters with the stay that ends the transfer chain (the first not transferred onwards).
-- Numerator by `outcome`, within window_days after the discharge date:
--   'death': death from any cause (death registry) from the discharge date on;
--   'readmission': an acute (urgency 1) inpatient admission for any cause at any hospital after the discharge;
--   'gp_contact': a GP contact (KPR) on a day after the discharge date;
--   'dispensed': a dispensing (prescription registry) from the discharge date on of every ATC code set named in
--     `atc_sets` (space-separated names of atc_code_sets, e.g. 'OECD_CHF_ACEI_ARB OECD_CHF_BETA_BLOCKER': both).
-- Output: the indicator output columns with cov_age_group and cov_sex (OECD age-sex strata).
-- The cohort alone (the first part of the rule above; its own macro so that the engine can build it once for the
-- indicators that share it, engine.SharedCohorts, issue #17 cohort): the index stays with the columns the follow-up
-- reads, discharge_date the discharge time's day.
CREATE OR REPLACE MACRO oecd_follow_up_cohort(diagnosis_set, period_start, period_end, min_age) AS TABLE
WITH stays AS (
    SELECT s.episode_id, s.patient_id, s.provider_org, s.residence_municipality, s.sex, s.age, s.discharge_time,
           row_number() OVER (PARTITION BY s.patient_id, year(s.discharge_time)
                              ORDER BY s.discharge_time, s.episode_id) AS stay_rank
    FROM npr_somatic s
    WHERE s.care_level = '1'
      AND icd10_in_set(s.main_diagnosis, diagnosis_set)
      AND s.age >= CAST(min_age AS INTEGER)
      AND s.discharge_time >= CAST(period_start AS DATE) AND s.discharge_time < CAST(period_end AS DATE)
      AND s.discharge_status NOT IN ('2', '9')
)
SELECT c.episode_id, c.patient_id, c.provider_org, c.residence_municipality, c.sex, c.age, c.discharge_time,
       CAST(c.discharge_time AS DATE) AS discharge_date
FROM stays c
WHERE c.stay_rank = 1;

CREATE OR REPLACE MACRO oecd_follow_up_cases(outcome, diagnosis_set, atc_sets, period_start, period_end, window_days, min_age) AS TABLE
WITH cohort AS (
    -- only the columns read below (the cohort macro's): the cohort is materialised (read by every branch), and the
    -- dispensing join carries it
    SELECT c.*, c.discharge_date + CAST(window_days AS INTEGER) AS window_end
    FROM oecd_follow_up_cohort(diagnosis_set, period_start, period_end, min_age) c
), wanted_sets AS (
    -- the code sets a 'dispensed' outcome asks for; empty for the other outcomes, so nothing below is joined
    SELECT DISTINCT unnest(string_split(trim(CAST(atc_sets AS VARCHAR)), ' ')) AS set_name
    WHERE CAST(outcome AS VARCHAR) = 'dispensed'
), wanted AS (
    SELECT a.code_set, a.atc_prefix FROM atc_code_sets a JOIN wanted_sets w ON w.set_name = a.code_set
), dispensed AS (
    -- per cohort stay, how many of the wanted sets had a dispensing in the window: one join over the window's
    -- dispensings, rather than a correlated EXISTS per set and stay. Guarded by the outcome on the cohort side, as
    -- the branches below: an empty wanted list alone did not stop DuckDB joining six years of dispensings first.
    -- The three columns are named in a subquery: through the view alone DuckDB 1.4 read all of prescription's
    -- columns here (six years of 14 M rows at scale 1; 1.3-1.5 instead of 1.9-2.1 CPU s for a statin follow-up).
    SELECT c.episode_id, count(DISTINCT w.code_set) AS sets_dispensed
    FROM cohort c
    JOIN (SELECT patient_id, dispensing_date, atc FROM prescription) p ON p.patient_id = c.patient_id
     AND p.dispensing_date >= c.discharge_date AND p.dispensing_date <= c.window_end
    JOIN wanted w ON starts_with(upper(trim(p.atc)), w.atc_prefix)
    WHERE CAST(outcome AS VARCHAR) = 'dispensed'
    GROUP BY c.episode_id
), followed AS (
    -- One branch per outcome, each on the cohort filtered to its own outcome, so that only the chosen outcome's
    -- source is joined: with one CASE over four EXISTS DuckDB planned and ran all four joins (six years of deaths,
    -- acute stays, GP contacts and dispensings) for every outcome, bound or literal (issue #17, oecdfollow).
    SELECT c.*, EXISTS (
            SELECT 1 FROM death d WHERE d.patient_id = c.patient_id
              AND d.death_date >= c.discharge_date AND d.death_date <= c.window_end) AS is_followed
    FROM cohort c
    WHERE CAST(outcome AS VARCHAR) = 'death'
    UNION ALL
    SELECT c.*, EXISTS (
            SELECT 1 FROM npr_somatic r WHERE r.patient_id = c.patient_id
              AND r.care_level = '1' AND r.urgency = '1'
              AND r.admission_time > c.discharge_time AND CAST(r.admission_time AS DATE) <= c.window_end)
    FROM cohort c
    WHERE CAST(outcome AS VARCHAR) = 'readmission'
    UNION ALL
    SELECT c.*, EXISTS (
            SELECT 1 FROM kpr_gp_contact g WHERE g.patient_id = c.patient_id
              AND g.contact_date > c.discharge_date AND g.contact_date <= c.window_end)
    FROM cohort c
    WHERE CAST(outcome AS VARCHAR) = 'gp_contact'
    UNION ALL
    SELECT c.*, CASE
            WHEN (SELECT count(DISTINCT code_set) FROM wanted) < (SELECT count(*) FROM wanted_sets)
            THEN error('oecd_follow_up_cases: atc_sets ''' || CAST(atc_sets AS VARCHAR)
                       || ''' names a set that atc_code_sets does not have')
            ELSE coalesce(d.sets_dispensed, 0) = (SELECT count(*) FROM wanted_sets) END
    FROM cohort c
    LEFT JOIN dispensed d ON d.episode_id = c.episode_id
    WHERE CAST(outcome AS VARCHAR) = 'dispensed'
    UNION ALL
    SELECT c.*, CAST(error('oecd_follow_up_cases: unknown outcome ' || coalesce(CAST(outcome AS VARCHAR), 'NULL')) AS BOOLEAN)
    FROM cohort c
    WHERE coalesce(CAST(outcome AS VARCHAR), '') NOT IN ('death', 'readmission', 'gp_contact', 'dispensed')
)
SELECT
    f.discharge_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(f.is_followed AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    oecd_age_group(f.age) AS cov_age_group,
    f.sex AS cov_sex
FROM followed f
