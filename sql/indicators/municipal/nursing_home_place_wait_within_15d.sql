-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $within_days INTEGER = 15: service received no more than this many days after the decision
-- end of kvik parameters
-- Waiting time for a nursing-home place, received within 15 days (inferred NKI; KPR). Decisions
-- (vedtak) on long-term nursing-home places made in [period_start, period_end) whose place has been
-- received, placed on the decision date. Waiting time: days from the decision to the service first being received (a
-- start before the decision counts as 0 days). Numerator: received within within_days days;
-- value carries the days. Decisions not yet started are outside the denominator (their waiting
-- time is unknown).
-- Shared with the other home-service waiting-time indicators: home_service_wait_cases in
-- sql/reference/table_home_service_wait_cases.sql.
SELECT *
FROM home_service_wait_cases(['NURSING_HOME'], $period_start, $period_end, $within_days)
