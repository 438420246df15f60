-- NCSP procedure code lists, from data/reference/ncsp_subsets_for_indicators.csv. Entries ending in
-- '*' are prefixes (a whole code group such as FNA*); the others are exact codes.
CREATE OR REPLACE VIEW ncsp_code_sets AS
SELECT DISTINCT
    code_set,
    upper(rtrim(trim(ncsp_code_or_prefix), '*')) AS ncsp_prefix,
    ends_with(trim(ncsp_code_or_prefix), '*') AS is_prefix,
    basis
FROM ref_ncsp_subsets_for_indicators
WHERE ncsp_code_or_prefix IS NOT NULL AND trim(ncsp_code_or_prefix) <> ''
