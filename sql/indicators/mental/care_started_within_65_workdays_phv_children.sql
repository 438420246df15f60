-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $max_workdays INTEGER = 65: healthcare must start within this many working days after the assessment day
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $max_age INTEGER = 22: oldest age included (the guarantee covers patients under 23)
-- end of kvik parameters
-- Healthcare started within 65 working days for children and adolescents in mental health care (NKI):
-- started referrals of mental_care_starts('PHV_BU', …) with a right to priority healthcare (a set
-- deadline) and an assessment date, of patients younger than max_age + 1, placed on the start date.
-- Value: working days (Monday-Friday after the assessment day up to and including the start day) from
-- the assessment to the start of healthcare (workdays_after in sql/reference); numerator 1 when they are no more than max_workdays.
SELECT
    f.start_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(workdays_after(f.assessment_date, f.start_date) <= CAST($max_workdays AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(workdays_after(f.assessment_date, f.start_date) AS DOUBLE) AS value
FROM mental_care_starts('PHV_BU', $period_start, $period_end) f
WHERE f.deadline_date IS NOT NULL AND f.assessment_date IS NOT NULL
  AND f.age <= CAST($max_age AS INTEGER)
