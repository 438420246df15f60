-- True when an ATC code falls under any entry of the named code set of atc_code_sets (prefix match).
CREATE OR REPLACE MACRO atc_in_set(atc, set_name) AS
    EXISTS (SELECT 1 FROM atc_code_sets s
            WHERE s.code_set = set_name AND starts_with(upper(trim(atc)), s.atc_prefix))
