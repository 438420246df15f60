-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- end of kvik parameters
-- Files rejected for a wrong message version (NPR practice): one row per reporting unit and tertial in which the
-- unit delivered at least one NPR file (npr_somatic or npr_mental); numerator = files of the unit and tertial
-- rejected because their name names a message version the contract does not accept, denominator = files of the
-- unit and tertial delivered (accepted or so rejected).
-- A unit delivered an accepted file in a tertial when the file holds at least one of its records dated in it
-- (somatic: discharge day; mental: start of the episode; flagged rows count, they were delivered): so a yearly
-- extract of all units counts once for every unit and tertial it covers. A rejected file was never read: its unit
-- and tertial are what its name says (ingest_files); one naming a year counts in each of the year's tertials, one
-- naming no unit at the unit unknown (NULL). Only whole tertials inside [$period_start, $period_end) count.
-- The tertials: tertials_within in sql/reference/calendar_tertials.sql (as the reporting-unit indicators count).
WITH tertials AS (
    SELECT tertial_start, tertial_end FROM tertials_within($period_start, $period_end)
),
accepted_records AS (
    SELECT 'npr_somatic' AS contract_id, _source_file AS source_file, provider_org,
           CAST(coalesce(discharge_time, admission_time) AS DATE) AS d
    FROM npr_somatic_all
    UNION ALL
    SELECT 'npr_mental', _source_file, provider_org, start_date
    FROM npr_mental_all
),
-- the days each file holds records of each unit on, first (a few per file, unit and day): the tertial is then
-- found for each such day rather than for each of the 13 M records of six scale-1 years (issue #17 dqepi)
accepted_days AS (
    SELECT DISTINCT contract_id, source_file, provider_org, d
    FROM accepted_records
),
accepted AS (
    SELECT DISTINCT r.contract_id, r.source_file, r.provider_org, t.tertial_start, false AS rejected
    FROM accepted_days r
    -- the one tertial holding d (tertials do not overlap), found by its start: an equality join instead of a range
    -- join of every record against every tertial (issue #17)
    JOIN tertials t ON t.tertial_start = make_date(year(r.d), CASE WHEN month(r.d) < 5 THEN 1 WHEN month(r.d) < 9 THEN 5
                                                                   ELSE 9 END, 1)
),
rejected AS (
    SELECT DISTINCT f.contract_id, f.source_file, f.reporting_unit AS provider_org, t.tertial_start, true AS rejected
    FROM ingest_files f
    JOIN tertials t ON f.period_start < t.tertial_end AND f.period_end > t.tertial_start
    WHERE f.rejected AND f.contract_id IN ('npr_somatic', 'npr_mental')
),
files AS (
    SELECT * FROM accepted
    UNION ALL
    SELECT * FROM rejected
)
SELECT
    tertial_start AS event_date,
    provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CAST(count(*) FILTER (WHERE rejected) AS DOUBLE) AS numerator,
    CAST(count(*) AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM files
GROUP BY tertial_start, provider_org
