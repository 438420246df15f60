-- True when an ICD-10 code (without dot, any case) is in the named code set of icd10_code_sets; false for a null code.
-- An uncorrelated IN (the set's codes, a small hash table probed by each row) rather than a correlated EXISTS:
-- DuckDB decorrelated the EXISTS into a join over the distinct codes that first materialised every scanned row with
-- all its columns (issue #17: 1.1 of the 1.7 s of ami_30d_survival's case query on six years at scale 1).
CREATE OR REPLACE MACRO icd10_in_set(code, set_name) AS
    coalesce(upper(replace(trim(code), '.', '')) IN (SELECT s.icd10_code FROM icd10_code_sets s WHERE s.code_set = set_name),
             false)
