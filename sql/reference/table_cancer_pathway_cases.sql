-- Cancer patient pathways completed within the standard lead time (NKI). One pathway per patient,
-- pathway type and pathway start (OA), of type `only_pathway` (NULL: every type); it is completed by
-- the start of the first treatment (OF), placed on that date in [period_start, period_end) and
-- attributed to the site that started the treatment. Numerator: days from pathway start to first
-- treatment within the pathway's standard lead time (ref_cancer_pathways.standard_lead_time_days);
-- value carries the days.
-- The cohort alone: every pathway type's completed pathways, with the type, so that the engine can build it once
-- for the 27 indicators that read it (engine.SharedCohorts, issue #17 pathfam; each type's rows used to be scanned
-- and ranked anew per indicator). The type is a key of the ranking's partition, so filtering the cohort by type
-- gives the rows the type's own ranking gave.
CREATE OR REPLACE MACRO cancer_pathway_cohort(period_start, period_end) AS TABLE
WITH treatment_starts AS (
    SELECT s.*,
           row_number() OVER (PARTITION BY s.patient_id, s.cancer_pathway, s.pathway_start_date
                              ORDER BY s.pathway_treatment_date, s.admission_time, s.episode_id) AS rank_in_pathway
    FROM npr_somatic s
    WHERE s.pathway_start_date IS NOT NULL
      AND s.pathway_treatment_date IS NOT NULL
)
SELECT
    t.cancer_pathway,
    t.pathway_treatment_date AS event_date,
    t.provider_org,
    t.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    t.sex,
    t.age,
    CAST(t.pathway_treatment_date - t.pathway_start_date <= CAST(c.standard_lead_time_days AS INTEGER) AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(t.pathway_treatment_date - t.pathway_start_date AS DOUBLE) AS value
FROM treatment_starts t
JOIN ref_cancer_pathways c ON c.pathway = t.cancer_pathway
WHERE t.rank_in_pathway = 1
  AND t.pathway_treatment_date >= CAST(period_start AS DATE) AND t.pathway_treatment_date < CAST(period_end AS DATE);

CREATE OR REPLACE MACRO cancer_pathway_cases(only_pathway, period_start, period_end) AS TABLE
SELECT p.event_date, p.provider_org, p.residence_municipality, p.residence_county, p.central_id, p.sex, p.age,
       p.numerator, p.denominator, p.value
FROM cancer_pathway_cohort(period_start, period_end) p
WHERE CAST(only_pathway AS VARCHAR) IS NULL OR p.cancer_pathway = CAST(only_pathway AS VARCHAR)
