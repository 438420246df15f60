-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 4 indicators: vaccination_dtp_2y, vaccination_influenza_65plus, vaccination_mmr_2y,
--   vaccination_pcv_2y.
-- $vaccine VARCHAR: the SYSVAK vaccine counted (MMR, DTP_IPV_HIB, PCV, INFLUENZA)
--     defaults: vaccination_dtp_2y 'DTP_IPV_HIB', vaccination_influenza_65plus 'INFLUENZA',
--       vaccination_mmr_2y 'MMR', vaccination_pcv_2y 'PCV'
-- $target_group VARCHAR: the SYSVAK target group (AGE_2: children who turned 2 in the year; AGE_65_PLUS)
--     defaults: vaccination_dtp_2y 'AGE_2', vaccination_influenza_65plus 'AGE_65_PLUS',
--       vaccination_mmr_2y 'AGE_2', vaccination_pcv_2y 'AGE_2'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Vaccination coverage from SYSVAK aggregates: one cell per municipality of residence and year for the
-- vaccine `vaccine` and the target group `target_group` (AGE_2: the children who turned 2 in the year;
-- AGE_65_PLUS: residents aged 65 and over in the influenza season starting in the year), placed on 31
-- December of the year. Numerator: persons in the group fully vaccinated; denominator: persons in the
-- group (a group of 0 persons is a cell with denominator 0). Municipality numbers pass through as
-- reported; the engine maps merged numbers forward.
SELECT
    make_date(v.year, 12, 31) AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    v.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(v.vaccinated AS DOUBLE) AS numerator,
    CAST(v.persons AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM sysvak v
WHERE v.vaccine = $vaccine AND v.target_group = $target_group
  AND make_date(v.year, 12, 31) >= CAST($period_start AS DATE) AND make_date(v.year, 12, 31) < CAST($period_end AS DATE)
