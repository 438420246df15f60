-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- Shared by 5 indicators: day_activity_wait_within_15d, home_services_wait_within_15d,
--   nursing_home_place_wait_within_15d, physio_wait_within_15d, support_contact_wait_within_15d.
-- $service_types VARCHAR: the KPR service types whose decisions count, space-separated
--     defaults: day_activity_wait_within_15d 'DAY_ACTIVITY', home_services_wait_within_15d 'HOME_NURSING
--       PHYSIO', nursing_home_place_wait_within_15d 'NURSING_HOME', physio_wait_within_15d 'PHYSIO',
--       support_contact_wait_within_15d 'SUPPORT_CONTACT'
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_days INTEGER = 15: service received no more than this many days after the decision
-- end of kvik parameters
-- Waiting time for a municipal health and care service, received in time (NKI; KPR). Decisions
-- (vedtak) on the services listed in service_types (space-separated), made in [period_start, period_end)
-- whose service has started, placed on the decision date. Waiting time: days from the decision to the
-- service first being received (a start before the decision counts as 0 days). Numerator: received
-- within within_days days; value carries the days. Decisions not yet started are outside the
-- denominator (their waiting time is unknown).
-- The rule: home_service_wait_cases in sql/reference/table_home_service_wait_cases.sql.
SELECT *
FROM home_service_wait_cases(string_split($service_types, ' '), $period_start, $period_end, $within_days)
