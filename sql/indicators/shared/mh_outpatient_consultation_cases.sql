-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: outpatient_consultations_per_patient_phv_adults,
--   outpatient_consultations_per_patient_phv_children, outpatient_consultations_per_patient_tsb.
-- $care_sector VARCHAR: the care sector of the index stay or of the consultations: PHV_V adults, PHV_BU
--     children and adolescents, TSB substance-use treatment
--     defaults: outpatient_consultations_per_patient_phv_adults 'PHV_V',
--       outpatient_consultations_per_patient_phv_children 'PHV_BU',
--       outpatient_consultations_per_patient_tsb 'TSB'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Outpatient consultations per patient in mental health care or TSB (issue #16): one row per patient, treating
-- organisation and calendar year with at least one direct outpatient consultation (npr_mh_contact, care level 3,
-- direct) of the sector care_sector dated in [period_start, period_end); value: the number of those consultations
-- in the year and period, placed on the first of them, with the residence, sex and age at it. Indirect contacts
-- (meetings about the patient without the patient), day contacts and admissions are not consultations.
-- Two consultations on the first date: the lower contact id's residence, sex and age (so the row does not depend
-- on the order the store holds the rows in).
SELECT min(contact_date) AS event_date,
       provider_org,
       arg_min(residence_municipality, (contact_date, contact_id)) AS residence_municipality,
       CAST(NULL AS VARCHAR) AS residence_county,
       CAST(NULL AS VARCHAR) AS central_id,
       arg_min(sex, (contact_date, contact_id)) AS sex,
       arg_min(age, (contact_date, contact_id)) AS age,
       1.0 AS numerator,
       1.0 AS denominator,
       CAST(count(*) AS DOUBLE) AS value
FROM npr_mh_contact
WHERE care_level = '3' AND direct AND sector = $care_sector
  AND contact_date >= CAST($period_start AS DATE) AND contact_date < CAST($period_end AS DATE)
GROUP BY patient_id, provider_org, year(contact_date)
