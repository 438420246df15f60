-- True when an ICD-10 code (without dot, any case) is in the named code set of icd10_code_sets.
CREATE OR REPLACE MACRO icd10_in_set(code, set_name) AS
    EXISTS (SELECT 1 FROM icd10_code_sets s
            WHERE s.code_set = set_name AND s.icd10_code = upper(replace(trim(code), '.', '')))
