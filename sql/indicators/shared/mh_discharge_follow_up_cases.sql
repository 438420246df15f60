-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 9 indicators: outpatient_follow_up_30d_phv_adults, outpatient_follow_up_30d_phv_children,
--   outpatient_follow_up_30d_tsb, outpatient_follow_up_7d_phv_adults, outpatient_follow_up_7d_phv_children,
--   outpatient_follow_up_7d_tsb, readmission_30d_phv_adults, readmission_30d_phv_children,
--   readmission_30d_tsb.
-- $care_sector VARCHAR: the care sector of the index stay or of the consultations: PHV_V adults, PHV_BU
--     children and adolescents, TSB substance-use treatment
--     defaults: outpatient_follow_up_30d_phv_adults 'PHV_V', outpatient_follow_up_30d_phv_children 'PHV_BU',
--       outpatient_follow_up_30d_tsb 'TSB', outpatient_follow_up_7d_phv_adults 'PHV_V',
--       outpatient_follow_up_7d_phv_children 'PHV_BU', outpatient_follow_up_7d_tsb 'TSB',
--       readmission_30d_phv_adults 'PHV_V', readmission_30d_phv_children 'PHV_BU', readmission_30d_tsb 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $window_days INTEGER: the outcome contact falls 1 to this many days after the discharge date
--     defaults: outpatient_follow_up_30d_phv_adults 30, outpatient_follow_up_30d_phv_children 30,
--       outpatient_follow_up_30d_tsb 30, outpatient_follow_up_7d_phv_adults 7,
--       outpatient_follow_up_7d_phv_children 7, outpatient_follow_up_7d_tsb 7, readmission_30d_phv_adults 30,
--       readmission_30d_phv_children 30, readmission_30d_tsb 30
-- $outcome_care_levels VARCHAR: care levels of the outcome contact, space-separated: '3 2' an outpatient or
--     day contact (follow-up), '1' a new admission (readmission)
--     defaults: outpatient_follow_up_30d_phv_adults '3 2', outpatient_follow_up_30d_phv_children '3 2',
--       outpatient_follow_up_30d_tsb '3 2', outpatient_follow_up_7d_phv_adults '3 2',
--       outpatient_follow_up_7d_phv_children '3 2', outpatient_follow_up_7d_tsb '3 2',
--       readmission_30d_phv_adults '1', readmission_30d_phv_children '1', readmission_30d_tsb '1'
-- end of kvik parameters
-- What happens after a discharge from an inpatient stay in mental health care or TSB (issue #16): one row per
-- discharge from an admission (npr_mh_contact, care level 1) of the sector care_sector with a discharge date in
-- [period_start, period_end), placed on the discharge date, at the treating organisation and the residence at
-- admission. A stay whose patient is admitted again on its discharge day was transferred, not discharged: it is
-- no case (the later stay is). Numerator: the patient has a direct contact of a care level in outcome_care_levels
-- ('3 2': an outpatient or day contact, the follow-up indicators; '1': a new admission, the readmission
-- indicators), in any sector of mental health care or TSB, 1 to window_days days after the discharge date
-- (an admission counts whatever its direct flag, which is meant for outpatient contacts).
-- stays is read twice: NOT MATERIALIZED lets DuckDB 1.4 inline it and drop the columns the engine's reduction
-- never reads (sex, age); materialised, it read them all (issue #17; 0.28 -> 0.20 CPU s per indicator at scale 1)
WITH stays AS NOT MATERIALIZED (
    SELECT contact_id, patient_id, provider_org, residence_municipality, sex, age, discharge_date
    FROM npr_mh_contact
    WHERE care_level = '1' AND sector = CAST($care_sector AS VARCHAR)
      AND discharge_date >= CAST($period_start AS DATE) AND discharge_date < CAST($period_end AS DATE)
),
later AS (
    -- the contacts a discharge of the period can meet: the bound lets the scan skip other years
    SELECT contact_id, patient_id, contact_date, care_level, direct
    FROM npr_mh_contact
    WHERE contact_date >= CAST($period_start AS DATE)
      AND contact_date < CAST($period_end AS DATE) + CAST($window_days AS INTEGER)
),
met AS (
    SELECT s.contact_id,
           bool_or(l.care_level = '1' AND l.contact_date = s.discharge_date) AS transferred,
           bool_or((l.direct OR l.care_level = '1') AND l.contact_date > s.discharge_date
                   AND list_contains(string_split(CAST($outcome_care_levels AS VARCHAR), ' '), l.care_level)) AS outcome
    FROM stays s
    JOIN later l ON l.patient_id = s.patient_id AND l.contact_id <> s.contact_id
        AND l.contact_date >= s.discharge_date AND l.contact_date <= s.discharge_date + CAST($window_days AS INTEGER)
    GROUP BY s.contact_id
)
SELECT s.discharge_date AS event_date,
       s.provider_org,
       s.residence_municipality,
       CAST(NULL AS VARCHAR) AS residence_county,
       CAST(NULL AS VARCHAR) AS central_id,
       s.sex,
       s.age,
       CASE WHEN coalesce(m.outcome, false) THEN 1.0 ELSE 0.0 END AS numerator,
       1.0 AS denominator,
       CAST(NULL AS DOUBLE) AS value
FROM stays s
LEFT JOIN met m ON m.contact_id = s.contact_id
WHERE NOT coalesce(m.transferred, false)
