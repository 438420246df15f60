-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $lookback_days INTEGER = 365: a new cancer patient has no episode with a pathway cancer main diagnosis in
--     this many days before
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $inclusion_window_days INTEGER = 60: a pathway start counts from this many days before to this many days
--     after the new patient's first episode
-- end of kvik parameters
-- New cancer patients included in a cancer patient pathway (NKI S19). A new cancer patient is a patient
-- with an episode whose main diagnosis belongs to an organ-specific pathway type with a code list
-- (ref_cancer_pathways.icd10_prefixes, a prefix covering its subcodes) and who had no such episode in the
-- $lookback_days days before; the case is placed on that episode's admission date in
-- [period_start, period_end) and attributed to its site and the patient's residence. Numerator: a pathway
-- start (OA) of any organ-specific type registered for the patient from $inclusion_window_days days before
-- to $inclusion_window_days days after that date.
WITH cancer_prefixes AS (
    SELECT DISTINCT unnest(string_split(trim(p.icd10_prefixes), ' ')) AS prefix
    FROM ref_cancer_pathways p
    WHERE coalesce(trim(p.icd10_prefixes), '') <> ''
),
cancer_episodes AS (
    SELECT s.patient_id, s.episode_id, s.provider_org, s.residence_municipality, s.sex, s.age,
           CAST(s.admission_time AS DATE) AS diagnosis_date,
           lag(CAST(s.admission_time AS DATE)) OVER (PARTITION BY s.patient_id
                                                     ORDER BY s.admission_time, s.episode_id) AS previous_date
    FROM npr_somatic s
    -- the look-back is the only earlier data the rule needs: this bound lets the scan skip older years
    WHERE s.admission_time >= CAST($period_start AS DATE) - CAST($lookback_days AS INTEGER)
      AND s.admission_time < CAST($period_end AS DATE)
      -- every prefix is a C code of 3 or 4 characters: a cheap first-letter test, then equality with the code's
      -- leading characters (no per-row comparison with each prefix). The first letter is tested on the raw bytes
      -- before the trimmed and upper-cased one (issue #17: upper(left(ltrim(…))) on every one of the 13 M episodes
      -- of seven scale-1 years was a seventh of the query): ltrim strips spaces, U+0020 and the non-ASCII Unicode
      -- spaces, so a code whose first letter after them is C begins with C, c, a space or a non-ASCII character
      AND (s.main_diagnosis LIKE 'C%' OR s.main_diagnosis LIKE 'c%' OR s.main_diagnosis LIKE ' %'
           OR s.main_diagnosis >= chr(128))
      AND upper(left(ltrim(s.main_diagnosis), 1)) = 'C'
      AND (left(upper(replace(trim(s.main_diagnosis), '.', '')), 3) IN (SELECT prefix FROM cancer_prefixes)
           OR left(upper(replace(trim(s.main_diagnosis), '.', '')), 4) IN (SELECT prefix FROM cancer_prefixes))
),
new_patients AS (
    SELECT *
    FROM cancer_episodes e
    WHERE e.diagnosis_date >= CAST($period_start AS DATE) AND e.diagnosis_date < CAST($period_end AS DATE)
      AND (e.previous_date IS NULL OR e.previous_date < e.diagnosis_date - CAST($lookback_days AS INTEGER))
),
pathway_starts AS (
    SELECT DISTINCT s.patient_id, s.pathway_start_date
    FROM npr_somatic s
    WHERE s.cancer_pathway IS NOT NULL AND s.pathway_start_date IS NOT NULL
      -- an episode carrying a pathway start is not admitted before it: this bound lets the scan skip older years
      AND s.admission_time >= CAST($period_start AS DATE) - CAST($inclusion_window_days AS INTEGER)
      AND s.pathway_start_date >= CAST($period_start AS DATE) - CAST($inclusion_window_days AS INTEGER)
      AND s.pathway_start_date < CAST($period_end AS DATE) + CAST($inclusion_window_days AS INTEGER)
),
-- the new patients with a pathway start in their window, each once
in_pathway AS (
    SELECT DISTINCT n.patient_id, n.diagnosis_date
    FROM new_patients n
    JOIN pathway_starts p ON p.patient_id = n.patient_id
    WHERE p.pathway_start_date >= n.diagnosis_date - CAST($inclusion_window_days AS INTEGER)
      AND p.pathway_start_date <= n.diagnosis_date + CAST($inclusion_window_days AS INTEGER)
)
SELECT
    n.diagnosis_date AS event_date,
    n.provider_org,
    n.residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    n.sex,
    n.age,
    CAST(i.patient_id IS NOT NULL AS DOUBLE) AS numerator,
    CAST(1 AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM new_patients n
LEFT JOIN in_pathway i ON i.patient_id = n.patient_id AND i.diagnosis_date = n.diagnosis_date
