-- Specialty (fagområde) of a somatic episode, told from its ICD-10 main diagnosis chapter, for the waiting-time
-- and deadline-breach indicators by specialty. NPR records the specialty of the treating unit, which the
-- npr_somatic extract does not carry; the chapters below are kvik's reading of which specialty treats them
-- (inferred): ORTHOPAEDICS musculoskeletal diseases M00-M99 and injuries S00-T14; EYE H00-H59; ENT ear
-- H60-H95 and nose and sinuses J30-J39; DIGESTIVE K20-K93 (oral cavity K00-K14 left out). Other chapters and a
-- NULL diagnosis give NULL. Codes are compared upper-cased, without dot and blanks, by their first three characters
-- (compared as text: a shorter code such as 'T1' compares below 'T14').
-- Why this form (issue #17, waitlist): the code is normalised and cut to its first three characters once per row, as
-- the one element of a list a lambda reads (written out in each branch it was normalised up to eight times per
-- episode); the branches then test that prefix alone, by starts_with and BETWEEN, not by a left() of the code each
-- (nine left() calls per row were two thirds of this macro's cost: 3.7 → 2.5 CPU s for six scale-1 years of an
-- orthopaedic fristbrudd filter). left(code, 1) = 'M' and starts_with(left(code, 3), 'M') are the same test.
CREATE OR REPLACE MACRO somatic_specialty(diagnosis) AS
    list_transform([left(upper(replace(trim(diagnosis), '.', '')), 3)], lambda chapter:
        CASE
            WHEN chapter IS NULL THEN NULL
            WHEN starts_with(chapter, 'M') OR starts_with(chapter, 'S') OR chapter BETWEEN 'T00' AND 'T14' THEN 'ORTHOPAEDICS'
            WHEN chapter BETWEEN 'H00' AND 'H59' THEN 'EYE'
            WHEN chapter BETWEEN 'H60' AND 'H95' OR chapter BETWEEN 'J30' AND 'J39' THEN 'ENT'
            WHEN chapter BETWEEN 'K20' AND 'K93' THEN 'DIGESTIVE'
            ELSE NULL
        END)[1]
