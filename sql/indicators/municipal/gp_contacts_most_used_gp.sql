-- Continuity with the most-used GP (NKI GP continuity, secondary measure): per patient and
-- calendar year, the share of their GP contacts in [period_start, period_end) that were with the
-- GP they saw most. One cell per patient and year with at least min_contacts contacts: numerator
-- contacts with the most-used GP, denominator all contacts; placed on the last contact date of
-- the year, in that contact's practice municipality.
WITH params AS (
    SELECT CAST($period_start AS DATE) AS period_start,
           CAST($period_end AS DATE) AS period_end,
           CAST($min_contacts AS INTEGER) AS min_contacts
),
contacts AS (
    SELECT c.*, year(c.contact_date) AS contact_year
    FROM kpr_gp_contact c
    CROSS JOIN params p
    WHERE c.contact_date >= p.period_start AND c.contact_date < p.period_end
),
per_gp AS (
    -- contacts per patient, year and GP, with the last of them (latest date, then highest contact id)
    SELECT patient_id, contact_year, count(*) AS contacts_with_gp,
           arg_max(struct_pack(contact_date, contact_id, municipality, sex, age), (contact_date, contact_id)) AS last_contact
    FROM contacts
    GROUP BY patient_id, contact_year, gp_id
),
per_patient AS (
    SELECT patient_id, contact_year,
           max(contacts_with_gp) AS most_used_gp_contacts, sum(contacts_with_gp) AS all_contacts,
           arg_max(last_contact, (last_contact.contact_date, last_contact.contact_id)) AS l
    FROM per_gp
    GROUP BY patient_id, contact_year
)
SELECT
    pp.l.contact_date AS event_date,
    CAST(NULL AS VARCHAR) AS provider_org,
    pp.l.municipality AS residence_municipality,
    CAST(NULL AS VARCHAR) AS residence_county,
    CAST(NULL AS VARCHAR) AS central_id,
    pp.l.sex,
    pp.l.age,
    CAST(pp.most_used_gp_contacts AS DOUBLE) AS numerator,
    CAST(pp.all_contacts AS DOUBLE) AS denominator,
    CAST(NULL AS DOUBLE) AS value
FROM per_patient pp
CROSS JOIN params p
WHERE pp.all_contacts >= p.min_contacts
