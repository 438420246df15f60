-- Reporting-level mappings used by the engine. Each maps a code as it appears in the case rows to the
-- reporting units it belongs to; codes that map nowhere are reported by the engine as 'unknown'.
-- Built once as small tables: as views they would redo the window functions and the recursive chain
-- on every query.

-- Provider-based levels: treating site organisation number -> hospital (behsh) -> HF (behhf) -> RHF (behrhf),
-- SKDE codes as unit ids.
-- The source spells some unit names in two ways: one canonical name per code (the smallest).
CREATE OR REPLACE TABLE ref_level_provider AS
SELECT b.orgnr                                            AS provider_org,
       b.behsh                                            AS hospital_id,
       min(b.behsh_navn) OVER (PARTITION BY b.behsh)      AS hospital_name,
       b.behhf                                            AS hf_id,
       min(b.behhf_navn) OVER (PARTITION BY b.behhf)      AS hf_name,
       b.behrhf                                           AS rhf_id,
       min(b.behrhf_navn) OVER (PARTITION BY b.behrhf)    AS rhf_name
FROM ref_behandlingssteder_skde_behandler b
WHERE b.orgnr IS NOT NULL
-- private specialists with agreements (avtalespesialister, issue #16): each its own hospital-level unit, under one
-- unit per RHF for them ('specialists_<rhf id>'; private hospitals with agreements are 'private_<rhf id>', see
-- levels_published.sql), under the RHF of the agreement
UNION ALL
SELECT p.reporter_orgnr, p.reporter_orgnr, p.reporter_name,
       'specialists_' || p.agreement_rhf_id, p.agreement_rhf_name || ' avtalespesialister',
       p.agreement_rhf_id, p.agreement_rhf_name
FROM ref_npr_private_specialists p;

-- Municipality numbers as registered in any year -> the municipality in force at publication
-- (ref_kommuner_2025), following chains of number changes (gml_komnr/ny_komnr are stored without
-- leading zeros). A number in force maps to itself even if it was once used for another municipality.
CREATE OR REPLACE TABLE ref_municipality_forward AS
WITH RECURSIVE edges AS (
    SELECT lpad(gml_komnr, 4, '0') AS old_nr, lpad(ny_komnr, 4, '0') AS new_nr
    FROM ref_kommunenummer_endringer_skde
    WHERE gml_komnr IS NOT NULL AND ny_komnr IS NOT NULL AND gml_komnr <> ny_komnr
),
chain(registered_nr, nr, depth) AS (
    SELECT old_nr, new_nr, 1 FROM edges
    UNION ALL
    SELECT c.registered_nr, e.new_nr, c.depth + 1
    FROM chain c JOIN edges e ON e.old_nr = c.nr
    WHERE c.depth < 20
)
SELECT registered_nr, arg_max(nr, depth) AS current_nr
FROM chain
WHERE registered_nr NOT IN (SELECT kommunenummer FROM ref_kommuner_2025)
GROUP BY registered_nr;

-- Residence-based levels: registered municipality number -> municipality in force -> county in force.
CREATE OR REPLACE TABLE ref_level_municipality AS
SELECT k.kommunenummer AS registered_nr,
       k.kommunenummer AS municipality_id,
       k.kommunenavn   AS municipality_name,
       k.fylkesnummer  AS county_id,
       k.fylkesnavn    AS county_name
FROM ref_kommuner_2025 k
UNION ALL
SELECT f.registered_nr, k.kommunenummer, k.kommunenavn, k.fylkesnummer, k.fylkesnavn
FROM ref_municipality_forward f
JOIN ref_kommuner_2025 k ON k.kommunenummer = f.current_nr;

-- Counties in force, for rows where only the county of residence is known.
CREATE OR REPLACE TABLE ref_level_county AS
SELECT fylkesnummer AS county_id, fylkesnavn AS county_name
FROM ref_fylker_2025;

-- Emergency centrals (AMK and 116117 out-of-hours centrals).
CREATE OR REPLACE TABLE ref_level_central AS
SELECT central_id, name AS central_name
FROM ref_emergency_centrals;
