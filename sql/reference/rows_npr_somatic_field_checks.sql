-- The checks of the NPR data-quality shares of delivered somatic episodes (shared/npr_somatic_field_validity.sql:
-- dq_valid_main_diagnosis_share, dq_valid_procedure_codes_share, dq_valid_unit_references_share): every stored
-- npr_somatic record (npr_somatic_all, flagged ones included) dated in [period_start, period_end) on its discharge
-- day (the admission day when the discharge time was flagged), with, for each field the indicators may check
-- (main_diagnosis, procedures, provider_org, residence_municipality), whether the ingest flagged it (a reason on it
-- in _errors) and whether it is empty; `records` counts the records alike in all of that (their day, unit and
-- checks), so each record is one of a cell's `records` (the indicators give one row per record).
-- Counted once per store and range for the three indicators (the metadata's cohort, engine.SharedCohorts; issue
-- #17 dqepi: each indicator scanned the 13 M records of six scale-1 years and tested their _errors; the cells are
-- about 0.3 M). _errors is matched only where a record has any (most have none).
CREATE OR REPLACE MACRO npr_somatic_field_checks(period_start, period_end) AS TABLE
SELECT
    CAST(coalesce(s.discharge_time, s.admission_time) AS DATE) AS event_date,
    s.provider_org,
    CASE WHEN s._errors IS NULL THEN false
         ELSE coalesce(regexp_matches(s._errors, '(^|; )[a-z0-9_]+:main_diagnosis(;|$)'), false) END AS main_diagnosis_flagged,
    CASE WHEN s._errors IS NULL THEN false
         ELSE coalesce(regexp_matches(s._errors, '(^|; )[a-z0-9_]+:procedures(;|$)'), false) END AS procedures_flagged,
    CASE WHEN s._errors IS NULL THEN false
         ELSE coalesce(regexp_matches(s._errors, '(^|; )[a-z0-9_]+:provider_org(;|$)'), false) END AS provider_org_flagged,
    CASE WHEN s._errors IS NULL THEN false
         ELSE coalesce(regexp_matches(s._errors, '(^|; )[a-z0-9_]+:residence_municipality(;|$)'), false) END AS residence_municipality_flagged,
    s.main_diagnosis IS NULL AS main_diagnosis_empty,
    s.procedures IS NULL AS procedures_empty,
    s.provider_org IS NULL AS provider_org_empty,
    s.residence_municipality IS NULL AS residence_municipality_empty,
    count(*) AS records
FROM npr_somatic_all s
WHERE coalesce(s.discharge_time, s.admission_time) >= CAST(period_start AS DATE)
  AND coalesce(s.discharge_time, s.admission_time) < CAST(period_end AS DATE)
GROUP BY ALL
