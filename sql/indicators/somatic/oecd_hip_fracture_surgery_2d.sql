-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $min_age INTEGER = 65: youngest age included (OECD: 65 and over)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_days INTEGER = 2: operated no later than this many calendar days after the admission day
-- end of kvik parameters
-- OECD HCQO hip-fracture surgery within 2 days: every admission (inpatient or same-day) with principal
-- diagnosis S72.0-S72.2 (code set HIPFX_30d_survival) of a patient aged min_age or more, admitted in
-- [period_start, period_end): the same admissions as oecd_hip_fracture_30d_mortality_in_hospital, so
-- unoperated stays stay in the denominator. Numerator: a hip-fracture operation in the stay (NCSP code
-- sets HIP_FRACTURE_OSTEOSYNTHESIS, HIP_PROSTHESIS) whose first procedure falls on the admission day or
-- at most within_days calendar days later (counted by date, not hours); value carries those days.
-- cov_age_group and cov_sex carry the OECD age-sex standardisation strata.
WITH stays AS (
    SELECT s.*,
           s.first_procedure_time IS NOT NULL
               AND (ncsp_any_in_set(s.procedures, 'HIP_FRACTURE_OSTEOSYNTHESIS')
                    OR ncsp_any_in_set(s.procedures, 'HIP_PROSTHESIS')) AS operated
    FROM npr_somatic s
    WHERE s.care_level IN ('1', '2')
      AND icd10_in_set(s.main_diagnosis, 'HIPFX_30d_survival')
      AND s.age >= $min_age
      AND s.admission_time >= $period_start AND s.admission_time < $period_end
)
SELECT
    CAST(s.admission_time AS DATE) AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(coalesce(s.operated AND date_diff('day', CAST(s.admission_time AS DATE),
                                           CAST(s.first_procedure_time AS DATE)) <= $within_days, false) AS DOUBLE)
        AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CASE WHEN s.operated
         THEN CAST(date_diff('day', CAST(s.admission_time AS DATE), CAST(s.first_procedure_time AS DATE)) AS DOUBLE)
    END AS value,
    oecd_age_group(s.age) AS cov_age_group,
    s.sex AS cov_sex
FROM stays s
