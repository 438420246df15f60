-- ICD-10 code lists for the indicators, from data/reference/icd10_subsets_for_indicators.csv.
-- The list enumerates every valid code of a set (no prefixes); codes are compared without a dot and
-- upper-cased, because Norwegian extensions such as 'I210a' appear in lower case in the list.
CREATE OR REPLACE VIEW icd10_code_sets AS
SELECT DISTINCT
    code_set,
    upper(replace(trim(icd10_code), '.', '')) AS icd10_code,
    basis
FROM ref_icd10_subsets_for_indicators
WHERE icd10_code IS NOT NULL AND trim(icd10_code) <> ''
