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
-- The longest chain wins; when the longest chains of a number end in two numbers (a municipality split, listed as
-- a change to each part) no one municipality is right, and picking one would depend on the order DuckDB meets the
-- rows in: the tables are refused instead, with the rows that branch (the error names the file and the rows as
-- aar,gml_komnr,ny_komnr; keep the row of the part the old number's residents are to be counted in).
CREATE OR REPLACE TABLE ref_municipality_forward AS
WITH RECURSIVE edges AS (
    SELECT lpad(gml_komnr, 4, '0') AS old_nr, lpad(ny_komnr, 4, '0') AS new_nr,
           concat_ws(',', aar, gml_komnr, ny_komnr) AS source_row
    FROM ref_kommunenummer_endringer_skde
    WHERE gml_komnr IS NOT NULL AND ny_komnr IS NOT NULL AND gml_komnr <> ny_komnr
),
chain(registered_nr, nr, depth, source_rows) AS (
    SELECT old_nr, new_nr, 1, [source_row] FROM edges
    UNION ALL
    SELECT c.registered_nr, e.new_nr, c.depth + 1, list_append(c.source_rows, e.source_row)
    FROM chain c JOIN edges e ON e.old_nr = c.nr
    WHERE c.depth < 20
),
longest AS (
    SELECT registered_nr, nr, depth, source_rows
    FROM chain
    WHERE registered_nr NOT IN (SELECT kommunenummer FROM ref_kommuner_2025)
    QUALIFY depth = max(depth) OVER (PARTITION BY registered_nr)
)
SELECT registered_nr,
       CASE WHEN count(DISTINCT nr) = 1 THEN min(nr)
            ELSE error('data/reference/kommunenummer_endringer_skde.csv: municipality number ' || registered_nr
                || ' leads to ' || count(DISTINCT nr) || ' numbers (' || string_agg(DISTINCT nr, ', ' ORDER BY nr)
                || ') by chains of the same length (' || max(depth) || ' change(s)), so it cannot be followed to one '
                || 'municipality in force; rows (aar,gml_komnr,ny_komnr): '
                || string_agg(DISTINCT array_to_string(source_rows, ' then '), '; ' ORDER BY array_to_string(source_rows, ' then '))
                || '. Keep the row of the municipality its residents are to be counted in')
       END AS current_nr
FROM longest
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
