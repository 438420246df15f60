-- Age band used as the cov_age_band covariate of the risk-adjusted indicators (30-day survival,
-- readmission). Bands are kvik's choice (the published NKI models' exact age coding was not found).
CREATE OR REPLACE MACRO risk_age_band(age) AS
    CASE
        WHEN age IS NULL THEN NULL
        WHEN age < 50 THEN '00-49'
        WHEN age < 60 THEN '50-59'
        WHEN age < 70 THEN '60-69'
        WHEN age < 80 THEN '70-79'
        WHEN age < 90 THEN '80-89'
        ELSE '90+'
    END
