-- Charlson comorbidity index of a space-separated ICD-10 diagnosis list (npr_somatic.secondary_diagnoses),
-- using the Quan et al. 2005 ICD-10 coding algorithm (Med Care 2005;43:1130-9) with the original
-- Charlson weights, shipped as data in data/reference/charlson_quan2005_icd10.csv.
-- Each condition counts once however many of its codes occur. Within a condition_group only the
-- heaviest condition counts (the usual hierarchy: diabetes with complications over diabetes without,
-- moderate/severe over mild liver disease, metastatic solid tumour over any malignancy).
-- An empty or null list scores 0.
CREATE OR REPLACE MACRO charlson_index(diagnoses) AS (
    SELECT CAST(coalesce(sum(group_weight), 0) AS INTEGER)
    FROM (
        SELECT max(CAST(c.weight AS INTEGER)) AS group_weight
        FROM (
            -- every leading part of every code, matched by equality: a hash join instead of comparing each
            -- code with each of the 289 prefixes
            SELECT left(code, unnest(range(1, length(code) + 1))) AS code_prefix
            FROM (SELECT DISTINCT upper(replace(unnest(string_split(trim(coalesce(diagnoses, '')), ' ')), '.', '')) AS code)
            WHERE code <> ''
        ) d
        JOIN ref_charlson_quan2005_icd10 c ON c.icd10_code_prefix = d.code_prefix
        GROUP BY c.condition_group
    ) g
)
