-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 3 indicators: dq_reporting_private_specialists_share, dq_reporting_units_mental_share,
--   dq_reporting_units_somatic_share.
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $registry VARCHAR: the extract whose expected reporters are counted (npr_somatic, npr_mental or
--     npr_private_specialist) / the extract whose expected reporters are counted (npr_somatic or npr_mental)
--     defaults: dq_reporting_private_specialists_share 'npr_private_specialist',
--       dq_reporting_units_mental_share 'npr_mental', dq_reporting_units_somatic_share 'npr_somatic'
-- end of kvik parameters
-- Reporting rate (NPR practice): one row per expected reporter of the registry extract $registry
-- (ref_npr_expected_reporters or ref_npr_private_specialists, valid on the tertial's first day) and tertial, placed at the reporter's
-- organisation on the tertial's first day; the numerator is 1 when the store holds at least one delivered
-- record (npr_somatic_all, npr_mental_all or npr_private_specialist_all: flagged rows count, they were delivered)
-- of that organisation dated in the tertial (somatic: discharge day; mental: start of the episode; private
-- specialists: day of the contact). Only whole tertials inside
-- [$period_start, $period_end) and within the span of the extract's delivered records (its first to its last
-- record date, over all units) are counted: beyond that no unit could have reported.
-- The tertials: tertials_within in sql/reference/calendar_tertials.sql.
WITH tertials AS (
    SELECT tertial_start, tertial_end FROM tertials_within($period_start, $period_end)
),
records AS (
    SELECT provider_org, CAST(coalesce(discharge_time, admission_time) AS DATE) AS d
    FROM npr_somatic_all WHERE $registry = 'npr_somatic'
    UNION ALL
    SELECT provider_org, start_date AS d
    FROM npr_mental_all WHERE $registry = 'npr_mental'
    UNION ALL
    SELECT provider_org, contact_date AS d
    FROM npr_private_specialist_all WHERE $registry = 'npr_private_specialist'
),
-- the expected reporters: hospitals and trusts (ref_npr_expected_reporters), and the private specialists with
-- agreements (ref_npr_private_specialists, placed at the RHF of their agreement by ref_level_provider)
reporters AS (
    SELECT reporter_orgnr, registry, valid_from, valid_to FROM ref_npr_expected_reporters
    UNION ALL
    SELECT reporter_orgnr, 'npr_private_specialist', valid_from, valid_to FROM ref_npr_private_specialists
),
-- the days each unit has records on, in one pass over the records (issue #17 dqepi: the span and the deliveries
-- each read the records, so all 13 M of six scale-1 years were kept; now a few per unit and day, and the tertial is
-- found for each such day)
unit_days AS (
    SELECT DISTINCT provider_org, d FROM records
),
span AS (
    SELECT min(d) AS first_day, max(d) AS last_day FROM unit_days
),
expected AS (
    SELECT e.reporter_orgnr, t.tertial_start, t.tertial_end
    FROM reporters e, tertials t, span s
    WHERE e.registry = $registry
      AND t.tertial_start <= s.last_day AND t.tertial_end > s.first_day
      AND CAST(e.valid_from AS DATE) <= t.tertial_start
      AND (nullif(e.valid_to, '') IS NULL OR CAST(e.valid_to AS DATE) > t.tertial_start)
),
delivered AS (
    SELECT DISTINCT provider_org,
           make_date(year(d), 1 + 4 * ((month(d) - 1) // 4), 1) AS tertial_start
    FROM unit_days
    WHERE d >= CAST($period_start AS DATE) AND d < CAST($period_end AS DATE) AND provider_org IS NOT NULL
)
SELECT
    e.tertial_start AS event_date,
    e.reporter_orgnr AS provider_org,
    CAST(NULL AS VARCHAR) AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    CAST(NULL AS VARCHAR) AS sex,
    CAST(NULL AS INTEGER) AS age,
    CASE WHEN d.provider_org IS NULL THEN 0.0 ELSE 1.0 END AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM expected e
LEFT JOIN delivered d ON d.provider_org = e.reporter_orgnr AND d.tertial_start = e.tertial_start
