-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 6 indicators: breast_cancer_5y_relative_survival, colon_cancer_5y_relative_survival,
--   lung_cancer_5y_relative_survival, melanoma_5y_relative_survival, prostate_cancer_5y_relative_survival,
--   rectal_cancer_5y_relative_survival.
-- $site_codes VARCHAR: the cancer site: ICD-10 three-character codes, space-separated
--     defaults: breast_cancer_5y_relative_survival 'C50', colon_cancer_5y_relative_survival 'C18',
--       lung_cancer_5y_relative_survival 'C33 C34', melanoma_5y_relative_survival 'C43',
--       prostate_cancer_5y_relative_survival 'C61', rectal_cancer_5y_relative_survival 'C19 C20'
-- $patient_sexes VARCHAR: the sexes counted for the site ('1' male, '2' female), space-separated
--     defaults: breast_cancer_5y_relative_survival '2', colon_cancer_5y_relative_survival '1 2',
--       lung_cancer_5y_relative_survival '1 2', melanoma_5y_relative_survival '1 2',
--       prostate_cancer_5y_relative_survival '1', rectal_cancer_5y_relative_survival '1 2'
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $min_age INTEGER = 15: youngest age at diagnosis included
-- $max_age INTEGER = 89: oldest age at diagnosis included
-- end of kvik parameters
-- Five-year relative survival after cancer (Kreftregisteret, NKI "5 års overlevelse"), estimated by the
-- Ederer I cohort method: relative survival = observed survivors / expected survivors (Ederer, Axtell &
-- Cutler 1961, NCI Monograph 6:101-121), so each case row carries numerator 1 if the patient was alive
-- five years after the diagnosis (else 0) and denominator the patient's expected five-year survival
-- l(age+5)/l(age) from the life table of the same sex (ref_life_table_gompertz_makeham); the engine's
-- ratio O/E of a unit is then its Ederer I relative survival, and sums to any level.
-- Cases: the patient's first cancer of the site (ICD-10 three-character codes in site_codes, of a sex in
-- patient_sexes), diagnosed in [period_start, period_end) at age min_age to max_age; not known from the
-- death certificate only (DCO) or found at autopsy. A five-year survivor is known alive on the fifth
-- anniversary of the diagnosis: status ALIVE linked on or after it, or dead or emigrated after it. A
-- patient dead on the anniversary or before is no survivor; one who emigrated on it or before, or whose
-- status ALIVE was last linked before it, is left out (not followed for five years).
-- Placed on the diagnosis date, at the municipality of residence at diagnosis.
WITH site_cases AS (
    SELECT c.*,
           (c.vital_status = 'ALIVE' AND c.status_date >= CAST(c.diagnosis_date + INTERVAL 5 YEAR AS DATE))
               OR (c.vital_status <> 'ALIVE' AND c.status_date > CAST(c.diagnosis_date + INTERVAL 5 YEAR AS DATE))
               AS alive_at_five_years,
           row_number() OVER (PARTITION BY c.patient_id ORDER BY c.diagnosis_date, c.case_id) AS nth_of_site
    FROM cancer_registry c
    WHERE list_contains(string_split($site_codes, ' '), substr(c.icd10, 1, 3))
      AND list_contains(string_split($patient_sexes, ' '), c.sex)
      -- earlier cases of the site make a later one not the first; later ones never matter
      AND c.diagnosis_date < CAST($period_end AS DATE)
),
followed AS (
    SELECT s.*
    FROM site_cases s
    WHERE s.nth_of_site = 1
      AND s.diagnosis_date >= CAST($period_start AS DATE)
      AND s.basis NOT IN ('DCO', 'AUTOPSY')
      AND s.age BETWEEN $min_age AND $max_age
      AND (s.alive_at_five_years OR s.vital_status = 'DEAD')
)
SELECT
    f.diagnosis_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(f.alive_at_five_years AS DOUBLE) AS numerator,
    CAST(l5.survivors AS DOUBLE) / CAST(l0.survivors AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM followed f
JOIN ref_life_table_gompertz_makeham l0 ON l0.sex = f.sex AND CAST(l0.age AS INTEGER) = f.age
JOIN ref_life_table_gompertz_makeham l5 ON l5.sex = f.sex AND CAST(l5.age AS INTEGER) = f.age + 5
