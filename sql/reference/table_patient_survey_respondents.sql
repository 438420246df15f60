-- Respondent rows of one experience index of a national patient-experience survey (patient_survey,
-- aggregated cells of age band x sex x education x self-rated health), one row per respondent so that
-- the engine's mean, its t interval and a linear case-mix model see each cell exactly as delivered:
-- a cell of n respondents with score sum S and sum of squares Q becomes n rows whose values have the
-- same count, sum and sum of squares (mean m = S/n; for even n, n/2 rows at m + d and n/2 at m - d with
-- d = sqrt((Q - S^2/n)/n); for odd n, one row at m and the other n-1 alternately at m +/- d with
-- d = sqrt((Q - S^2/n)/(n-1))). Count, sum and sum of squares per cell are sufficient statistics for a
-- mean, its standard deviation and least squares on the cell's characteristics, so nothing depends on
-- how the rows spread inside a cell (a median would: no survey indicator uses one). A 9-digit unit is a
-- provider (hospital or trust), a 4-digit unit a municipality; the survey year places the cells on 1 January.
CREATE OR REPLACE MACRO patient_survey_respondents(survey_name, index_name, period_start, period_end) AS TABLE
WITH cells AS (
    SELECT s.*,
           make_date(s.year, 1, 1) AS event_date,
           s.score_sum / s.respondents AS cell_mean,
           sqrt(greatest(s.score_sq_sum - s.score_sum * s.score_sum / s.respondents, 0)
                / greatest(s.respondents - s.respondents % 2, 1)) AS cell_spread
    FROM patient_survey s
    WHERE s.survey = CAST(survey_name AS VARCHAR) AND s.index_id = CAST(index_name AS VARCHAR)
      AND s.respondents > 0
      AND make_date(s.year, 1, 1) >= CAST(period_start AS DATE) AND make_date(s.year, 1, 1) < CAST(period_end AS DATE)
),
respondents AS (
    SELECT c.*, unnest(range(c.respondents)) AS k
    FROM cells c
)
SELECT
    r.event_date,
    CASE WHEN length(r.unit) = 9 THEN r.unit END AS provider_org,
    CASE WHEN length(r.unit) = 4 THEN r.unit END AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(1 AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(r.cell_mean + CASE
        WHEN r.respondents % 2 = 1 AND r.k = 0 THEN 0
        WHEN (r.k + r.respondents % 2) % 2 = 0 THEN r.cell_spread
        ELSE -r.cell_spread END AS DOUBLE) AS value,
    r.age_band AS cov_age_band,
    r.sex AS cov_sex,
    r.education AS cov_education,
    r.self_rated_health AS cov_self_rated_health
FROM respondents r
