-- The date `d` lies in the `months` months up to and including `on_day` (after on_day - months, on
-- or before on_day); false when d is missing.
CREATE OR REPLACE MACRO within_months_before(d, on_day, months) AS
    coalesce(d > on_day - to_months(months) AND d <= on_day, false)
