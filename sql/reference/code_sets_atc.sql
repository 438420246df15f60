-- ATC code lists for the antibiotic indicators, from data/reference/atc_subsets_for_indicators.csv.
-- ATC is hierarchical, so every entry matches as a prefix (J01 covers all of J01, J01MA all
-- fluoroquinolones, J01CE02 one substance).
CREATE OR REPLACE VIEW atc_code_sets AS
SELECT DISTINCT
    code_set,
    upper(trim(atc_code)) AS atc_prefix,
    basis
FROM ref_atc_subsets_for_indicators
WHERE atc_code IS NOT NULL AND trim(atc_code) <> ''
