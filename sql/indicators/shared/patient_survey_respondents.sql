-- National patient- and user-experience survey (patient_survey): the respondents of one survey's experience
-- index (0-100, higher is better), one row per respondent rebuilt from the delivered cells with each cell's
-- count, score sum and sum of squares kept exactly, placed at the surveyed hospital or trust (provider) or
-- municipality (residence levels) on 1 January of the survey year, with the respondent characteristics the
-- case-mix adjustment uses as cov_* columns. Which survey and index are parameters.
-- The rule: patient_survey_respondents in sql/reference/table_patient_survey_respondents.sql.
SELECT *
FROM patient_survey_respondents($survey, $index_id, $period_start, $period_end)
