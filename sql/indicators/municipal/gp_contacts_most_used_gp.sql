-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)
-- $period_start DATE: first day of the period, inclusive (given by the run)
-- $period_end DATE: day after the period, exclusive (given by the run)
-- $min_contacts INTEGER = 2: patients with fewer contacts in the period are left out (continuity needs more
--     than one contact)
-- end of kvik parameters
-- Continuity with the most-used GP (NKI GP continuity, secondary measure): per patient and
-- calendar year, the share of their GP contacts in [period_start, period_end) that were with the
-- GP they saw most. One cell per patient and year with at least min_contacts contacts: numerator
-- contacts with the most-used GP, denominator all contacts; placed on the last contact date of
-- the year, in that contact's practice municipality.
WITH contacts AS (
    SELECT c.patient_id, year(c.contact_date) AS contact_year, c.gp_id, c.contact_date
    FROM kpr_gp_contact c
    WHERE c.contact_date >= CAST($period_start AS DATE) AND c.contact_date < CAST($period_end AS DATE)
),
per_patient AS (
    -- contacts with each GP, then per patient and year: the most-used GP's count, all contacts, last date
    SELECT patient_id, contact_year,
           max(contacts_with_gp) AS most_used_gp_contacts, sum(contacts_with_gp) AS all_contacts,
           max(last_date) AS last_date
    FROM (
        SELECT patient_id, contact_year, count(*) AS contacts_with_gp, max(contact_date) AS last_date
        FROM contacts
        GROUP BY patient_id, contact_year, gp_id
    )
    GROUP BY patient_id, contact_year
    HAVING sum(contacts_with_gp) >= CAST($min_contacts AS INTEGER)
),
last_contact AS (
    -- the last contact: on the last date, the highest contact id (only that day's contacts are compared,
    -- which costs far less than carrying every contact's details through the grouping above). The date
    -- lies in the period and the year, so the registry view is read again rather than keeping every
    -- contact of the period in memory for a second use
    SELECT pp.patient_id, pp.contact_year, pp.most_used_gp_contacts, pp.all_contacts,
           arg_max(struct_pack(c.contact_date, c.municipality, c.sex, c.age), c.contact_id) AS l
    FROM per_patient pp
    JOIN kpr_gp_contact c ON c.patient_id = pp.patient_id AND c.contact_date = pp.last_date
    GROUP BY pp.patient_id, pp.contact_year, pp.most_used_gp_contacts, pp.all_contacts
)
SELECT
    lc.l.contact_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    lc.l.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    lc.l.sex,
    lc.l.age,
    CAST(lc.most_used_gp_contacts AS DOUBLE) AS numerator,
    CAST(lc.all_contacts AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM last_contact lc
