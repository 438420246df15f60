-- True when an ATC code falls under any entry of the named code set of atc_code_sets (prefix match).
-- The set's prefixes are read once as a list and each code is tested against that list: a correlated
-- EXISTS here was planned as a join per call, three times the cost over millions of dispensings.
CREATE OR REPLACE MACRO atc_in_set(atc, set_name) AS
    coalesce(len(list_filter((SELECT list(s.atc_prefix) FROM atc_code_sets s WHERE s.code_set = set_name),
                             lambda prefix: starts_with(upper(trim(atc)), prefix))) > 0, false)
