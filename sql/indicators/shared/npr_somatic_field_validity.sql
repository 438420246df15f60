-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: dq_valid_main_diagnosis_share, dq_valid_procedure_codes_share,
--   dq_valid_unit_references_share.
-- $checked_fields VARCHAR: space-separated npr_somatic fields that must be valid and not empty
--     defaults: dq_valid_main_diagnosis_share 'main_diagnosis', dq_valid_procedure_codes_share 'procedures',
--       dq_valid_unit_references_share 'provider_org residence_municipality'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $only_reported BOOLEAN: leave out records where every checked field is empty and unflagged (an optional
--     field not reported)
--     defaults: dq_valid_main_diagnosis_share false, dq_valid_procedure_codes_share true,
--       dq_valid_unit_references_share false
-- end of kvik parameters
-- Data quality of the delivered NPR somatic episodes (npr_somatic_all: every stored row, flagged ones
-- included, with the ingest's reasons in _errors): one row per delivered episode record, placed at its
-- provider organisation (NULL, so the unit 'unknown', when the org number itself was flagged) on its
-- discharge day (the admission day when the discharge time was flagged). The numerator is 1 when none
-- of the checked fields carries a reason in _errors and none is empty. With $only_reported, records where
-- every checked field is empty and unflagged (an optional field not reported) are left out of the
-- denominator. Which fields are checked is a parameter ($checked_fields, space-separated).
-- The parameter is turned into one flag per known field once (checked), so each record is tested with plain
-- expressions and regular expressions whose pattern is a constant: a pattern built per record from the field
-- name inside a lambda was compiled for every record and every field (issue #17: 1.7 of 2.0 CPU s at scale 1).
-- The records' checks come from npr_somatic_field_checks (sql/reference/rows_npr_somatic_field_checks.sql), one cell
-- per day, unit and checks with its count of records, built once for the three indicators (the metadata's cohort);
-- each cell gives back one row per record (issue #17 dqepi).
WITH checked AS (
    -- one flag per known field; an unknown field is an error (now also when there is no record to check)
    SELECT list_contains(fields, 'main_diagnosis') AS has_main_diagnosis,
           list_contains(fields, 'procedures') AS has_procedures,
           list_contains(fields, 'provider_org') AS has_provider_org,
           list_contains(fields, 'residence_municipality') AS has_residence_municipality
    FROM (SELECT CASE WHEN list_bool_and(list_transform(fields, f -> f IN ('main_diagnosis', 'procedures', 'provider_org', 'residence_municipality')))
                      THEN fields
                      ELSE error('npr_somatic_field_validity: unknown checked field '
                          || list_filter(fields, f -> f NOT IN ('main_diagnosis', 'procedures', 'provider_org', 'residence_municipality'))[1]) END AS fields
          FROM (SELECT string_split($checked_fields, ' ') AS fields))
),
cells AS (
    SELECT
        f.event_date,
        f.provider_org,
        f.records,
        (c.has_main_diagnosis AND f.main_diagnosis_flagged)
            OR (c.has_procedures AND f.procedures_flagged)
            OR (c.has_provider_org AND f.provider_org_flagged)
            OR (c.has_residence_municipality AND f.residence_municipality_flagged) AS any_flagged,
        (c.has_main_diagnosis AND f.main_diagnosis_empty)
            OR (c.has_procedures AND f.procedures_empty)
            OR (c.has_provider_org AND f.provider_org_empty)
            OR (c.has_residence_municipality AND f.residence_municipality_empty) AS any_empty,
        (NOT c.has_main_diagnosis OR f.main_diagnosis_empty)
            AND (NOT c.has_procedures OR f.procedures_empty)
            AND (NOT c.has_provider_org OR f.provider_org_empty)
            AND (NOT c.has_residence_municipality OR f.residence_municipality_empty) AS all_empty
    FROM npr_somatic_field_checks($period_start, $period_end) f, checked c
),
kept AS (
    SELECT r.event_date, r.provider_org, CASE WHEN r.any_flagged OR r.any_empty THEN 0.0 ELSE 1.0 END AS numerator, r.records
    FROM cells r
    WHERE NOT ($only_reported AND r.all_empty AND NOT r.any_flagged)
)
SELECT
    k.event_date,
    k.provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    k.numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
-- one row per record of the cell
FROM (SELECT event_date, provider_org, numerator, unnest(range(records)) AS record FROM kept) k
