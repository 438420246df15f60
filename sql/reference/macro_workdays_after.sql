-- Working days (Monday-Friday) after from_day up to and including to_day: 5 per whole week plus the
-- weekdays among the remaining days; 0 when to_day <= from_day, NULL when either is missing. Public
-- holidays are not excluded. Computed per row: counting the days of a correlated generate_series
-- gave wrong counts in DuckDB 1.4.1 for spans of more than a few weeks (53 working days where there were 195).
CREATE OR REPLACE MACRO workdays_after(from_day, to_day) AS
    CASE WHEN CAST(to_day AS DATE) <= CAST(from_day AS DATE) THEN 0
         ELSE 5 * ((CAST(to_day AS DATE) - CAST(from_day AS DATE)) // 7)
              + len(list_filter(range(1, (CAST(to_day AS DATE) - CAST(from_day AS DATE)) % 7 + 1),
                                lambda i: (isodow(CAST(from_day AS DATE)) - 1 + i) % 7 < 5)) END
