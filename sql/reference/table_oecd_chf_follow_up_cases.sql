-- OECD integrated-care pilot, chronic heart failure (CHF) followed across hospital and primary care: the
-- cohort is the first inpatient stay per patient and calendar year of discharge with principal diagnosis in
-- `diagnosis_set`, patient aged min_age or more, discharged in [period_start, period_end) alive and not
-- transferred (discharge status not 2 or 9), placed on the discharge date. Numerator by `outcome`, within
-- window_days after the discharge date:
--   'death': death from any cause (death registry) from the discharge date on;
--   'readmission': an acute (urgency 1) inpatient admission for any cause at any hospital after the discharge;
--   'gp_contact': a GP contact (KPR) on a day after the discharge date;
--   'acei_arb_and_beta_blocker': both an ACE inhibitor/ARB (ATC set OECD_CHF_ACEI_ARB) and a beta blocker
--     (OECD_CHF_BETA_BLOCKER) dispensed (prescription registry) from the discharge date on.
-- Output: the indicator output columns with cov_age_group and cov_sex (OECD age-sex strata).
CREATE OR REPLACE MACRO oecd_chf_follow_up_cases(outcome, diagnosis_set, period_start, period_end, window_days, min_age) AS TABLE
WITH stays AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s.patient_id, year(s.discharge_time)
                              ORDER BY s.discharge_time, s.episode_id) AS stay_rank
    FROM npr_somatic s
    WHERE s.care_level = '1'
      AND icd10_in_set(s.main_diagnosis, diagnosis_set)
      AND s.age >= CAST(min_age AS INTEGER)
      AND s.discharge_time >= CAST(period_start AS DATE) AND s.discharge_time < CAST(period_end AS DATE)
      AND s.discharge_status NOT IN ('2', '9')
), cohort AS (
    SELECT c.*, CAST(c.discharge_time AS DATE) AS discharge_date,
           CAST(c.discharge_time AS DATE) + CAST(window_days AS INTEGER) AS window_end
    FROM stays c
    WHERE c.stay_rank = 1
)
SELECT
    c.discharge_date AS event_date,
    c.provider_org,
    c.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    c.sex,
    c.age,
    CAST(CASE CAST(outcome AS VARCHAR)
        WHEN 'death' THEN EXISTS (
            SELECT 1 FROM death d WHERE d.patient_id = c.patient_id
              AND d.death_date >= c.discharge_date AND d.death_date <= c.window_end)
        WHEN 'readmission' THEN EXISTS (
            SELECT 1 FROM npr_somatic r WHERE r.patient_id = c.patient_id
              AND r.care_level = '1' AND r.urgency = '1'
              AND r.admission_time > c.discharge_time AND CAST(r.admission_time AS DATE) <= c.window_end)
        WHEN 'gp_contact' THEN EXISTS (
            SELECT 1 FROM kpr_gp_contact g WHERE g.patient_id = c.patient_id
              AND g.contact_date > c.discharge_date AND g.contact_date <= c.window_end)
        WHEN 'acei_arb_and_beta_blocker' THEN EXISTS (
            SELECT 1 FROM prescription p WHERE p.patient_id = c.patient_id
              AND p.dispensing_date >= c.discharge_date AND p.dispensing_date <= c.window_end
              AND atc_in_set(p.atc, 'OECD_CHF_ACEI_ARB'))
          AND EXISTS (
            SELECT 1 FROM prescription p WHERE p.patient_id = c.patient_id
              AND p.dispensing_date >= c.discharge_date AND p.dispensing_date <= c.window_end
              AND atc_in_set(p.atc, 'OECD_CHF_BETA_BLOCKER'))
        ELSE error('oecd_chf_follow_up_cases: unknown outcome ' || CAST(outcome AS VARCHAR))
    END AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value,
    oecd_age_group(c.age) AS cov_age_group,
    c.sex AS cov_sex
FROM cohort c
