-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: death_place_home_share, death_place_hospital_share, death_place_nursing_home_share.
-- $place VARCHAR: the place of death counted in the numerator (HOSPITAL, NURSING_HOME, HOME, OTHER, UNKNOWN)
--     defaults: death_place_home_share 'HOME', death_place_hospital_share 'HOSPITAL',
--       death_place_nursing_home_share 'NURSING_HOME'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Place of death from the cause of death registry's aggregates (DÅR): one cell per municipality of
-- residence, year and place of death, placed on 31 December of the year. Numerator: the deaths at
-- `place` (0 for the other places); denominator: all deaths, unknown places included, so the shares of
-- the places of a unit sum to 1 with UNKNOWN. Municipality numbers pass through as registered.
SELECT
    make_date(d.year, 12, 31) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    d.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(CASE WHEN d.place = $place THEN d.deaths ELSE 0 END AS DOUBLE) AS numerator,
    CAST(d.deaths AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM place_of_death d
WHERE make_date(d.year, 12, 31) >= CAST($period_start AS DATE) AND make_date(d.year, 12, 31) < CAST($period_end AS DATE)
