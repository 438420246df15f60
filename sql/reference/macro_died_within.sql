-- Died from any cause within `days` of admission, wherever it happened: a cause-of-death registry
-- date on or before the admission date + days, or a stay ending in death by then (even without a
-- registry row). Never null.
CREATE OR REPLACE MACRO died_within(death_date, discharge_status, discharge_time, admission_time, days) AS
    CASE
        WHEN death_date <= CAST(admission_time AS DATE) + days THEN true
        WHEN died_in_stay_within(discharge_status, discharge_time, admission_time, days) THEN true
        ELSE false
    END
