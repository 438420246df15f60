-- Specialty (fagområde) of a somatic episode, told from its ICD-10 main diagnosis chapter, for the waiting-time
-- and deadline-breach indicators by specialty. NPR records the specialty of the treating unit, which the
-- npr_somatic extract does not carry; the chapters below are kvik's reading of which specialty treats them
-- (inferred): ORTHOPAEDICS musculoskeletal diseases M00-M99 and injuries S00-T14; EYE H00-H59; ENT ear
-- H60-H95 and nose and sinuses J30-J39; DIGESTIVE K20-K93 (oral cavity K00-K14 left out). Other chapters and a
-- NULL diagnosis give NULL. Codes are compared upper-cased, without dot and blanks.
-- The code is normalised once per row, as the one element of a list a lambda reads: written out in each branch it
-- was normalised up to eight times per episode, each time through the usable view's error check (issue #17).
CREATE OR REPLACE MACRO somatic_specialty(diagnosis) AS
    list_transform([upper(replace(trim(diagnosis), '.', ''))], lambda code:
        CASE
            WHEN code IS NULL THEN NULL
            WHEN left(code, 1) = 'M' OR left(code, 1) = 'S' OR left(code, 3) BETWEEN 'T00' AND 'T14' THEN 'ORTHOPAEDICS'
            WHEN left(code, 3) BETWEEN 'H00' AND 'H59' THEN 'EYE'
            WHEN left(code, 3) BETWEEN 'H60' AND 'H95' OR left(code, 3) BETWEEN 'J30' AND 'J39' THEN 'ENT'
            WHEN left(code, 3) BETWEEN 'K20' AND 'K93' THEN 'DIGESTIVE'
            ELSE NULL
        END)[1]
