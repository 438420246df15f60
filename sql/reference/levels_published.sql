-- Reporting-level mappings for the further levels NKI publishes (issue #16), beside those of levels.sql
-- (which sorts before this file and whose ref_level_municipality this one reads). Small tables, as there.

-- Emergency centrals by type: `amk` (113 AMK centrals) and `legevakt` (116117 legevakt centrals) are levels
-- of their own; a central of the other type is 'unknown' at a level.
CREATE OR REPLACE TABLE ref_level_central_typed AS
SELECT central_id,
       CASE type WHEN 'AMK' THEN 'amk' WHEN 'LVS' THEN 'legevakt' END AS central_type,
       name AS central_name
FROM ref_emergency_centrals;

-- Residence (catchment) levels: registered municipality number -> municipality in force -> its catchment
-- health trust (bo-HF) and RHF (bo-RHF) in SKDE's opptaksområder. The whole-municipality row (no bydel) is
-- used: the case rows carry municipalities, not city districts, so Oslo is SKDE's aggregate 'Oslo' (30).
CREATE OR REPLACE TABLE ref_level_catchment AS
SELECT lm.registered_nr,
       o.bohf      AS hf_residence_id,
       o.bohf_navn AS hf_residence_name,
       o.borhf     AS rhf_residence_id,
       o.borhf_navn AS rhf_residence_name
FROM ref_level_municipality lm
JOIN ref_opptaksomrader_skde_boomr o
  ON lpad(o.komnr, 4, '0') = lm.municipality_id AND (o.bydel IS NULL OR o.bydel = '');

-- Municipality size groups of the municipality of residence, by its population (kommuner_2025.folketall,
-- 1 January 2024): SSB's size classes for municipalities, under 5,000 / 5,000-19,999 / 20,000 and over.
CREATE OR REPLACE TABLE ref_level_municipality_group AS
SELECT lm.registered_nr,
       CASE WHEN CAST(k.folketall AS INTEGER) < 5000 THEN 'small'
            WHEN CAST(k.folketall AS INTEGER) < 20000 THEN 'medium'
            ELSE 'large' END AS municipality_group_id,
       CASE WHEN CAST(k.folketall AS INTEGER) < 5000 THEN 'Under 5 000 innbyggere'
            WHEN CAST(k.folketall AS INTEGER) < 20000 THEN '5 000-19 999 innbyggere'
            ELSE '20 000 innbyggere og over' END AS municipality_group_name
FROM ref_level_municipality lm
JOIN ref_kommuner_2025 k ON k.kommunenummer = lm.municipality_id;

-- Centrality of the municipality of residence: SSB's classes 1 (most central, index 925-1000) to 6 (least central,
-- under 565) of its centrality index (Standard for sentralitet, KLASS 128), by the municipality in force
-- (sentralitet_ssb_klass128.csv has the 357 of 2024), so an earlier number falls in the class of its successor.
CREATE OR REPLACE TABLE ref_level_municipality_centrality AS
SELECT lm.registered_nr,
       s.sentralitet AS municipality_centrality_id,
       'Sentralitet ' || s.sentralitet || CASE s.sentralitet WHEN '1' THEN ' (mest sentrale)'
                                                             WHEN '6' THEN ' (minst sentrale)' ELSE '' END
           AS municipality_centrality_name
FROM ref_level_municipality lm
JOIN ref_sentralitet_ssb_klass128 s ON s.kommunenummer = lm.municipality_id;

-- Private providers with agreements, as NKI shows them: one unit per RHF ("Helse Sør-Øst RHF private") at the
-- HF level, under the RHF of the agreement, each provider its own unit at the hospital level. The behandler
-- table puts every private provider under RHF 5 "Private sykehus" (HF 27, hospital 300); a provider listed in
-- private_provider_regions.csv moves to its agreement RHF, the others stay there.
UPDATE ref_level_provider p
SET rhf_id        = a.agreement_rhf,
    rhf_name      = (SELECT min(q.rhf_name) FROM ref_level_provider q WHERE q.rhf_id = a.agreement_rhf),
    hf_id         = 'private_' || a.agreement_rhf,
    hf_name       = (SELECT min(q.rhf_name) FROM ref_level_provider q WHERE q.rhf_id = a.agreement_rhf) || ' private',
    hospital_id   = p.provider_org,
    hospital_name = a.org_navn
FROM ref_private_provider_regions a
WHERE a.orgnr = p.provider_org AND p.rhf_id = '5';
