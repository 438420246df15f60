-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_age INTEGER = 18: youngest age included
-- end of kvik parameters
-- Registration of interruptions in TSB (NKI, current definition "registrering av avbrudd"):
-- share of ended inpatient stays without a reported avslutningstype (end reason).
-- Stays: inpatient TSB episodes of patients aged min_age or more; contiguous episodes (the next
-- starts on or before the day the previous ended, also across units) are one stay, ending with
-- the last episode's end date and avslutningstype. Ended stays with the end date in
-- [period_start, period_end), placed on the end date and attributed to the unit of the last
-- episode.
-- The stays are shared with the other TSB stay indicators: tsb_ended_inpatient_stays in
-- sql/reference/rows_tsb_ended_inpatient_stays.sql.
SELECT
    s.end_date AS event_date,
    s.provider_org,
    s.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    s.sex,
    s.age,
    CAST(s.end_reason IS NULL AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM tsb_ended_inpatient_stays($period_start, $period_end, $min_age) s
