-- OECD HCQO five-year age group for age-sex standardisation of the acute-care mortality indicators:
-- 45-49, 50-54, ..., 80-84, 85+ (oecd-hcqo.md §2.1, ECHI documentation sheet); null under 45.
CREATE OR REPLACE MACRO oecd_age_group(age) AS
    CASE
        WHEN age IS NULL OR age < 45 THEN NULL
        WHEN age >= 85 THEN '85+'
        ELSE CAST(age // 5 * 5 AS VARCHAR) || '-' || CAST(age // 5 * 5 + 4 AS VARCHAR)
    END
