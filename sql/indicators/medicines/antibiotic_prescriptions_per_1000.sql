-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $atc_prefix VARCHAR = 'J01': ATC group counted
-- $excluded_atc VARCHAR = 'J01XX05': ATC code left out (methenamine, a prophylactic urinary antiseptic)
-- end of kvik parameters
-- Antibiotic prescriptions per 1000 inhabitants (L01): dispensings of ATC group $atc_prefix (J01)
-- except $excluded_atc (methenamine), over the population on 1 January. Dispensings are cases
-- (numerator 1, denominator 0); population cells add the denominator (numerator 0) so that one sum
-- per unit gives the rate. Residence numbers pass through as registered: the engine maps them forward.
SELECT
    dispensing_date                      AS event_date,
    CAST(NULL AS VARCHAR)                AS provider_org,
    residence_municipality,
    CAST(NULL AS VARCHAR)                AS residence_county,
    CAST(NULL AS VARCHAR)                AS central_id,
    sex,
    age,
    1.0                                  AS numerator,
    0.0                                  AS denominator,
    CAST(NULL AS DOUBLE)                 AS value
FROM prescription
WHERE dispensing_date >= $period_start
  AND dispensing_date < $period_end
  AND starts_with(atc, $atc_prefix)
  AND atc <> $excluded_atc
UNION ALL
SELECT
    make_date(year, 1, 1)                AS event_date,
    CAST(NULL AS VARCHAR)                AS provider_org,
    municipality                         AS residence_municipality,
    CAST(NULL AS VARCHAR)                AS residence_county,
    CAST(NULL AS VARCHAR)                AS central_id,
    sex,
    age,
    0.0                                  AS numerator,
    CAST(persons AS DOUBLE)              AS denominator,
    CAST(NULL AS DOUBLE)                 AS value
FROM population
WHERE make_date(year, 1, 1) >= $period_start
  AND make_date(year, 1, 1) < $period_end
