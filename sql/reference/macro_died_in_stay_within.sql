-- Died in the stay within `days` of admission: the stay ends with discharge status dead ('9') from
-- the admission date up to the admission date + days (a discharge dated before the admission never
-- counts). Null when the status or discharge time is missing.
CREATE OR REPLACE MACRO died_in_stay_within(discharge_status, discharge_time, admission_time, days) AS
    discharge_status = '9' AND CAST(discharge_time AS DATE) >= CAST(admission_time AS DATE)
        AND CAST(discharge_time AS DATE) <= CAST(admission_time AS DATE) + days
