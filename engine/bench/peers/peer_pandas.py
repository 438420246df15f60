#!/usr/bin/env python3
"""An analyst's pandas + statsmodels version of three kvik indicators, for `kvik bench-peers`.

Reads the same synthetic extracts as `kvik ingest`, applies the contract rules that decide which rows an
indicator sees (see README.md), and writes per unit: numerator, denominator and expected (risk model).

usage: peer_pandas.py INDICATOR EXTRACTS_DIR REPO_DIR YEAR OUT_CSV REPEATS
INDICATOR: ami_30d_survival | readmission_67_30d | antibiotic_users_share
Prints one line of JSON timings: load_s (read + contract rules), first_s (the first computation), compute_s
(median of the later ones, on the loaded frames), repeat_s (the later ones' total).
"""
import glob
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm


def read(extracts, pattern, sep, encoding, years, decimal="."):
    files = sorted(f for f in glob.glob(os.path.join(extracts, pattern))
                   if any(f.endswith("_%d.csv" % y) for y in years))
    frames = []
    for f in files:
        d = pd.read_csv(f, sep=sep, encoding=encoding, dtype=str, keep_default_na=False, na_values=[""],
                        decimal=decimal)
        d["_file_year"] = int(f[-8:-4])
        frames.append(d)
    return pd.concat(frames, ignore_index=True)


def first_of_key(d, key):
    # a repeated primary key within a delivery: the first occurrence in file order stays, later copies are flagged
    return d[~d.duplicated(subset=[key, "_file_year"], keep="first")]


def reference(repo):
    ref = os.path.join(repo, "data", "reference")
    orgs = set(pd.read_csv(os.path.join(ref, "behandlingssteder_skde_behandler.csv"), dtype=str)["orgnr"].dropna())
    # municipality numbers are checked too, but an unknown one only nulls the value (the row stays)
    municipalities = None
    icd = pd.read_csv(os.path.join(ref, "icd10_subsets_for_indicators.csv"), dtype=str)
    icd["icd10_code"] = icd["icd10_code"].str.strip().str.replace(".", "", regex=False).str.upper()
    charlson = pd.read_csv(os.path.join(ref, "charlson_quan2005_icd10.csv"), dtype={"icd10_code_prefix": str})
    return orgs, municipalities, icd, charlson


def load_somatic(extracts, years, orgs, municipalities):
    s = read(extracts, "npr_somatic_*.csv", ";", "ISO-8859-1", years)
    s = first_of_key(s, "episode_id")
    # required fields; a missing provider, diagnosis, residence or age only nulls the value (onInvalid: value)
    required = ["episode_id", "patient_id", "admission_time", "discharge_time", "care_level", "urgency", "sex",
                "discharge_status"]
    s = s.dropna(subset=required)
    s = s[s.care_level.isin(["1", "2", "3"]) & s.urgency.isin(["1", "4"]) & s.sex.isin(["1", "2"])
          & s.discharge_status.isin(["1", "2", "3", "9"])]
    s = s.assign(admission_time=pd.to_datetime(s.admission_time, format="%Y-%m-%d %H:%M"),
                 discharge_time=pd.to_datetime(s.discharge_time, format="%Y-%m-%d %H:%M"))
    s = s[~(s.discharge_time < s.admission_time)]
    s = s[s.discharge_time.dt.normalize() <= pd.to_datetime(s._file_year.astype(str) + "-12-31") + pd.Timedelta(days=31)]
    # fields whose invalid value only nulls the value: unknown organisation, impossible age
    s.loc[~s.provider_org.isin(orgs), "provider_org"] = None
    age = pd.to_numeric(s.age, errors="coerce")
    s["age"] = age.where((age >= 0) & (age <= 110))
    s["main_diagnosis"] = s.main_diagnosis.str.strip().str.replace(".", "", regex=False).str.upper()
    return s.reset_index(drop=True)


def charlson_index(diagnoses, charlson):
    d = diagnoses.fillna("").str.strip().str.upper().str.replace(".", "", regex=False).str.split(" ")
    codes = d.explode().dropna()
    codes = codes[codes != ""]
    codes = codes.reset_index().drop_duplicates()
    codes.columns = ["row", "code"]
    parts = []
    for n in range(1, int(codes.code.str.len().max() or 0) + 1):
        c = codes[codes.code.str.len() >= n]
        parts.append(pd.DataFrame({"row": c.row.values, "prefix": c.code.str[:n].values}))
    prefixes = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["row", "prefix"])
    m = prefixes.merge(charlson, left_on="prefix", right_on="icd10_code_prefix")
    g = m.groupby(["row", "condition_group"]).weight.max().groupby("row").sum()
    return g.reindex(diagnoses.index, fill_value=0).astype(float)


def age_band(age):
    bands = pd.cut(age, [-1, 49, 59, 69, 79, 89, 1000], labels=["00-49", "50-59", "60-69", "70-79", "80-89", "90+"])
    return bands.astype(object).where(age.notna(), None)


def merge_separated(v, event, reference):
    """A level with only events or no events (separation) goes into its neighbour towards the reference level in
    sorted order, repeatedly, as kvik's risk model does (engine/docs/statistics.md)."""
    stats = {l: [float((v == l).sum()), float(event[v == l].sum())] for l in v.unique()}
    if reference not in stats:
        reference = sorted(stats, key=lambda l: (-stats[l][0], l))[0]
    into = {}
    while len(stats) > 1:
        levels = sorted(stats)
        separated = next((l for l in levels if l != reference and stats[l][1] in (0, stats[l][0])), None)
        if separated is None:
            break
        i = levels.index(separated)
        target = levels[i + 1 if i < levels.index(reference) else i - 1]
        a = stats.pop(separated)
        stats[target] = [stats[target][0] + a[0], stats[target][1] + a[1]]
        into[separated] = target
        for k in into:
            if into[k] == separated:
                into[k] = target
    return v.map(lambda l: into.get(l, l))


def expected(cases, event, covariates, references, charlson_name="cov_charlson"):
    """Logistic regression of the event on the covariates (categorical with a reference level; missing -> own level)."""
    x = pd.DataFrame(index=cases.index)
    for c in covariates:
        if c == charlson_name:
            x[c] = cases[c].astype(float)
            continue
        v = cases[c].astype(object).where(cases[c].notna(), "missing").astype(str)
        v = merge_separated(v, event.astype(float), references.get(c))
        ref = references.get(c) or v.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
        levels = sorted(l for l in v.unique() if l != ref)
        if not levels:
            continue  # a constant covariate carries no case mix
        for l in levels:
            x[c + "=" + l] = (v == l).astype(float)
    x = sm.add_constant(x, has_constant="add")
    fit = sm.GLM(event.astype(float), x, family=sm.families.Binomial()).fit(tol=1e-10)
    return fit.predict(x)


def ami(data, year):
    s, icd, charlson = data["somatic"], data["icd"], data["charlson"]
    codes = set(icd.loc[icd.code_set == "AMI_30d_survival", "icd10_code"])
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
    stays = s[(s.care_level == "1") & s.main_diagnosis.isin(codes)
              & (s.admission_time >= start - pd.Timedelta(days=365)) & (s.admission_time < end)]
    # first-time: no stay of the set in the 365 days before (the latest stay strictly earlier decides)
    stays = stays.sort_values("admission_time")
    earlier = stays[["patient_id", "admission_time"]].rename(columns={"admission_time": "earlier_time"})
    stays = pd.merge_asof(stays, earlier, left_on="admission_time", right_on="earlier_time", by="patient_id",
                          allow_exact_matches=False)
    t = stays.admission_time
    first = stays.earlier_time.isna() | (stays.earlier_time < t - pd.Timedelta(days=365))
    cases = stays[first & (t >= start) & (t < end) & (stays.age >= 18)].copy()
    deaths = data["death"]
    cases = cases.merge(deaths, on="patient_id", how="left")
    adm = cases.admission_time.dt.normalize()
    dis = cases.discharge_time.dt.normalize()
    died = ((cases.death_date >= adm) & (cases.death_date <= adm + pd.Timedelta(days=30))) | (
        (cases.discharge_status == "9") & (dis >= adm) & (dis <= adm + pd.Timedelta(days=30)))
    cases["numerator"] = (~died).astype(float)
    cases["denominator"] = 1.0
    cases["cov_age_band"] = age_band(cases.age)
    cases["cov_sex"] = cases.sex
    cases["cov_charlson"] = charlson_index(cases.secondary_diagnoses, charlson)
    cases["cov_transfer"] = (cases.discharge_status == "2").map({True: "true", False: "false"})
    cases["expected"] = expected(cases, died, ["cov_age_band", "cov_sex", "cov_charlson", "cov_transfer"],
                                 {"cov_age_band": "70-79", "cov_sex": "1", "cov_transfer": "false"})
    return by_unit(cases, "provider_org")


def readmission(data, year):
    s, icd, charlson = data["somatic"], data["icd"], data["charlson"]
    groups = icd[icd.code_set.str.startswith("READM67_")].groupby("icd10_code").code_set.min()
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
    idx = s[(s.care_level == "1") & (s.age >= 67) & (s.discharge_time >= start) & (s.discharge_time < end)
            & ~s.discharge_status.isin(["2", "9"])].copy()
    idx["cov_diagnosis_group"] = idx.main_diagnosis.map(groups)
    idx = idx[idx.cov_diagnosis_group.notna()]
    idx["_i"] = np.arange(len(idx))
    acute = s[(s.care_level == "1") & (s.urgency == "1")][["patient_id", "admission_time"]]
    pairs = idx[["_i", "patient_id", "discharge_time"]].merge(acute, on="patient_id")
    hit = pairs[(pairs.admission_time >= pairs.discharge_time + pd.Timedelta(hours=8))
                & (pairs.admission_time <= pairs.discharge_time + pd.Timedelta(days=30))]._i.unique()
    idx["numerator"] = idx._i.isin(hit).astype(float)
    idx["denominator"] = 1.0
    idx["cov_age_band"] = age_band(idx.age)
    idx["cov_sex"] = idx.sex
    idx["cov_charlson"] = charlson_index(idx.secondary_diagnoses, charlson)
    idx["cov_acute"] = (idx.urgency == "1").map({True: "true", False: "false"})
    idx["expected"] = expected(idx, idx.numerator, ["cov_age_band", "cov_sex", "cov_charlson", "cov_acute",
                                                    "cov_diagnosis_group"],
                               {"cov_age_band": "70-79", "cov_sex": "1", "cov_acute": "true"})
    return by_unit(idx, "provider_org")


def antibiotics(data, year):
    p, pop = data["prescription"], data["population"]
    atc = p.atc.str.strip().str.upper()
    users = p[atc.str.startswith("J01") & ~atc.str.startswith("J01XX05") & (p.age >= 0) & (p.age <= 110)
              & (p.dispensing_date >= pd.Timestamp(year, 1, 1)) & (p.dispensing_date < pd.Timestamp(year + 1, 1, 1))]
    users = users.sort_values(["patient_id", "dispensing_date", "dispensing_id"]).drop_duplicates("patient_id")
    num = users.groupby("residence_municipality").size().astype(float)
    cells = pop[pop.year == year]
    den = cells.groupby("municipality").persons.sum().astype(float)
    out = pd.DataFrame({"numerator": num, "denominator": den}).fillna(0.0)
    out["expected"] = np.nan
    out.index.name = "unit"
    return out.reset_index()


def by_unit(cases, unit):
    c = cases[cases[unit].notna()]
    out = c.groupby(unit).agg(numerator=("numerator", "sum"), denominator=("denominator", "sum"),
                              expected=("expected", "sum"))
    out.index.name = "unit"
    return out.reset_index()


def load(indicator, extracts, repo, year):
    orgs, municipalities, icd, charlson = reference(repo)
    if indicator == "antibiotic_users_share":
        # late deliveries: a dispensing of the year can lie in the next year's file
        p = read(extracts, "prescription_*.csv", ";", "ISO-8859-1", [year - 1, year, year + 1])
        p = first_of_key(p, "dispensing_id")
        # a missing residence only nulls the value (onInvalid: value): the row stays, counted for the nation
        p = p.dropna(subset=["dispensing_id", "patient_id", "dispensing_date", "atc", "ddd", "prescriber_category",
                             "age", "sex"])
        p = p[p.atc.str.fullmatch(r"[A-Z][0-9]{2}[A-Z]{0,2}[0-9]{0,2}") & p.sex.isin(["1", "2"])
              & p.prescriber_category.isin(["GP", "HOSPITAL", "DENTIST", "OTHER"])
]
        age = pd.to_numeric(p.age, errors="coerce")
        p = p.assign(age=age, dispensing_date=pd.to_datetime(p.dispensing_date, format="%Y-%m-%d"))
        p = p[(p.age >= 0) & (p.age <= 110)]
        pop = read(extracts, "population_*.csv", ",", "UTF-8", [year])
        pop = pop.assign(year=pd.to_numeric(pop.year), persons=pd.to_numeric(pop.persons), age=pd.to_numeric(pop.age))
        return {"prescription": p, "population": pop}
    # a delivery holds the rows of its year column (discharge): a stay admitted in the year can lie in the next file
    years = [year - 1, year, year + 1]
    data = {"somatic": load_somatic(extracts, years, orgs, municipalities), "icd": icd, "charlson": charlson}
    if indicator == "ami_30d_survival":
        d = read(extracts, "death_*.csv", ",", "UTF-8", [year, year + 1])
        d = first_of_key(d.dropna(subset=["patient_id", "death_date"]), "patient_id")
        data["death"] = d.assign(death_date=pd.to_datetime(d.death_date, format="%Y-%m-%d"))[["patient_id", "death_date"]]
    return data


COMPUTE = {"ami_30d_survival": ami, "readmission_67_30d": readmission, "antibiotic_users_share": antibiotics}


def main():
    indicator, extracts, repo, year, out, repeats = sys.argv[1:7]
    year, repeats = int(year), int(repeats)
    t0 = time.perf_counter()
    data = load(indicator, extracts, repo, year)
    load_s = time.perf_counter() - t0
    times = []
    result = None
    for _ in range(repeats):
        t = time.perf_counter()
        result = COMPUTE[indicator](data, year)
        times.append(time.perf_counter() - t)
    result.to_csv(out, index=False)
    # compute_s: the median of the runs after the first (data loaded and warm); repeat_s: their total, which a
    # caller subtracts from the process's wall time to get the time from the extracts to the first result
    warm = times[1:] or times
    print(json.dumps({"load_s": load_s, "first_s": times[0], "compute_s": float(np.median(warm)),
                      "repeat_s": float(sum(times[1:]))}))


if __name__ == "__main__":
    main()
