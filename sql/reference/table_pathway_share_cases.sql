-- Patients in a pathway (pakkeforløp psykisk helse og rus): started referrals of
-- mental_care_starts(care_sector, …), placed on the start date; numerator 1 when npr_mh_pathway holds a
-- pathway of the same patient, unit, sector and referral date.
CREATE OR REPLACE MACRO pathway_share_cases(care_sector, period_start, period_end) AS TABLE
WITH pathways AS (
    SELECT DISTINCT p.patient_id, p.provider_org, p.referral_date
    FROM npr_mh_pathway p
    WHERE p.sector = care_sector AND p.provider_org IS NOT NULL
)
SELECT
    f.start_date AS event_date,
    f.provider_org,
    f.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    f.sex,
    f.age,
    CAST(p.patient_id IS NOT NULL AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM mental_care_starts(care_sector, period_start, period_end) f
LEFT JOIN pathways p
       ON p.patient_id = f.patient_id AND p.provider_org = f.provider_org AND p.referral_date = f.referral_date
