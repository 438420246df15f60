-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $lookback_months INTEGER = 12: the latest assessment must be within this many months before the census day
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Nursing-home residents assessed by dental personnel in the last 12 months (NKI; KPR). Census:
-- 31 December of every year in [period_start, period_end), up to the last year the extract has
-- any date in (so an open-ended run makes no census of future years).
-- Residents: long-term stays (type 21) present on the census day; residents who left before or
-- on that day are not counted. One row per resident and census day (their latest long-term
-- stay), placed on the census day in the municipality providing the stay. Numerator: assessed by
-- dental personnel within lookback_months before the census day; "assessed more than 12 months
-- ago" and "missing" are both outside the numerator.
-- The census and its residents are shared with the other nursing-home indicators:
-- nursing_home_census_residents in sql/reference/rows_nursing_home_census_residents.sql.
SELECT
    r.census_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    r.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    r.sex,
    r.age,
    CAST(within_months_before(r.dental_assessment_date, r.census_date, CAST($lookback_months AS INTEGER)) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM nursing_home_census_residents($period_start, $period_end, NULL) r
