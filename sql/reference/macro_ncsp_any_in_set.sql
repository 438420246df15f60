-- True when any code of a space-separated NCSP procedure list (npr_somatic.procedures) is in the named
-- code set of ncsp_code_sets: exact match, or prefix match for entries that are code groups.
CREATE OR REPLACE MACRO ncsp_any_in_set(procedures, set_name) AS
    EXISTS (SELECT 1
            FROM (SELECT upper(unnest(string_split(trim(coalesce(procedures, '')), ' '))) AS code) p
            JOIN ncsp_code_sets s ON s.code_set = set_name
             AND (p.code = s.ncsp_prefix OR (s.is_prefix AND starts_with(p.code, s.ncsp_prefix)))
            WHERE p.code <> '')
