-- Died from any cause within `days` of admission, wherever it happened: a cause-of-death registry
-- date from the admission date up to the admission date + days, or a stay ending in death by then
-- (even without a registry row). Bounded on both sides: a death dated before the admission (a
-- registry error, or another person's row) never counts. Never null.
CREATE OR REPLACE MACRO died_within(death_date, discharge_status, discharge_time, admission_time, days) AS
    CASE
        WHEN death_date >= CAST(admission_time AS DATE)
             AND death_date <= CAST(admission_time AS DATE) + days THEN true
        WHEN died_in_stay_within(discharge_status, discharge_time, admission_time, days) THEN true
        ELSE false
    END
