#!/usr/bin/env Rscript
# An analyst's R data.table + glm version of three kvik indicators, for `kvik bench-peers` (see README.md).
# usage: Rscript peer_r.R INDICATOR EXTRACTS_DIR REPO_DIR YEAR OUT_CSV REPEATS
# Prints one line of JSON timings: load_s (read + contract rules), first_s (the first computation), compute_s (median
# of the later ones, on the loaded data), repeat_s (the later ones' total).
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
indicator <- args[1]; extracts <- args[2]; repo <- args[3]; year <- as.integer(args[4]); out <- args[5]
repeats <- as.integer(args[6])

read_years <- function(prefix, sep, enc, years) {
  files <- file.path(extracts, sprintf("%s_%d.csv", prefix, years))
  files <- files[file.exists(files)]
  rbindlist(lapply(files, function(f) {
    d <- fread(f, sep = sep, encoding = enc, colClasses = "character", na.strings = "")
    d[, file_year := as.integer(substr(f, nchar(f) - 7, nchar(f) - 4))]
  }))
}
# a repeated primary key within a delivery: the first occurrence stays, later copies are flagged
first_of_key <- function(d, key) d[!duplicated(d, by = c(key, "file_year"))]
ref <- file.path(repo, "data", "reference")
orgs <- fread(file.path(ref, "behandlingssteder_skde_behandler.csv"), colClasses = "character")$orgnr
icd <- fread(file.path(ref, "icd10_subsets_for_indicators.csv"), colClasses = "character")
icd[, icd10_code := toupper(gsub(".", "", trimws(icd10_code), fixed = TRUE))]
charlson <- fread(file.path(ref, "charlson_quan2005_icd10.csv"), colClasses = c(icd10_code_prefix = "character"))

load_somatic <- function(years) {
  s <- first_of_key(read_years("npr_somatic", ";", "Latin-1", years), "episode_id")
  # required fields; a missing provider, diagnosis, residence or age only nulls the value (onInvalid: value)
  s <- s[!is.na(episode_id) & !is.na(patient_id) & !is.na(admission_time) & !is.na(discharge_time) &
         care_level %in% c("1", "2", "3") & urgency %in% c("1", "4") &
         sex %in% c("1", "2") & discharge_status %in% c("1", "2", "3", "9")]
  s[, admission_time := as.POSIXct(admission_time, format = "%Y-%m-%d %H:%M", tz = "UTC")]
  s[, discharge_time := as.POSIXct(discharge_time, format = "%Y-%m-%d %H:%M", tz = "UTC")]
  s <- s[!(discharge_time < admission_time)]
  s <- s[as.Date(discharge_time) <= as.Date(sprintf("%d-12-31", file_year)) + 31]
  # fields whose invalid value only nulls the value: unknown organisation, impossible age
  s[!(provider_org %in% orgs), provider_org := NA]
  s[, age := suppressWarnings(as.integer(age))]
  s[!(age >= 0 & age <= 110), age := NA]
  s[, main_diagnosis := toupper(gsub(".", "", trimws(main_diagnosis), fixed = TRUE))]
  s
}

charlson_index <- function(diagnoses) {
  parts <- strsplit(toupper(gsub(".", "", trimws(fifelse(is.na(diagnoses), "", diagnoses)), fixed = TRUE)), " ")
  codes <- unique(data.table(row = rep(seq_along(parts), lengths(parts)), code = unlist(parts))[code != ""])
  if (nrow(codes) == 0) return(numeric(length(diagnoses)))
  prefixes <- codes[, .(prefix = substring(code, 1, seq_len(nchar(code)))), by = .(row, code)]
  m <- merge(prefixes, charlson, by.x = "prefix", by.y = "icd10_code_prefix")
  g <- m[, .(w = max(as.integer(weight))), by = .(row, condition_group)][, .(w = sum(w)), by = row]
  out <- numeric(length(diagnoses)); out[g$row] <- g$w; out
}

age_band <- function(age) as.character(cut(age, c(-1, 49, 59, 69, 79, 89, 1000),
                                          labels = c("00-49", "50-59", "60-69", "70-79", "80-89", "90+")))

# A level with only events or no events (separation) goes into its neighbour towards the reference level in sorted
# (C locale) order, repeatedly, as kvik's risk model does (engine/docs/statistics.md).
merge_separated <- function(v, event, reference) {
  levels <- sort(unique(v), method = "radix")
  n <- vapply(levels, function(l) sum(v == l), 0); e <- vapply(levels, function(l) sum(event[v == l]), 0)
  if (is.null(reference) || !(reference %in% levels)) reference <- levels[order(-n, levels, method = "radix")][1]
  into <- character(0)
  repeat {
    if (length(levels) < 2) break
    sep <- which(levels != reference & (e == 0 | e == n))
    if (length(sep) == 0) break
    i <- sep[1]; target <- if (i < which(levels == reference)) i + 1 else i - 1
    n[target] <- n[target] + n[i]; e[target] <- e[target] + e[i]
    into[levels[i]] <- levels[target]
    into[into == levels[i]] <- levels[target]
    levels <- levels[-i]; n <- n[-i]; e <- e[-i]
  }
  if (length(into) > 0) { hit <- v %in% names(into); v[hit] <- into[v[hit]] }
  v
}

expected <- function(cases, event, covariates, references) {
  d <- data.frame(y = event)
  for (c in covariates) {
    v <- cases[[c]]
    if (c == "cov_charlson") { d[[c]] <- as.numeric(v); next }
    v <- ifelse(is.na(v), "missing", as.character(v))
    v <- merge_separated(v, event, references[[c]])
    counts <- table(v)
    ref <- if (!is.null(references[[c]])) references[[c]] else names(counts)[order(-counts, names(counts))][1]
    if (length(counts) < 2) next  # a constant covariate carries no case mix
    d[[c]] <- relevel(factor(v), ref = ref)
  }
  fit <- glm(y ~ ., data = d, family = binomial(), control = glm.control(epsilon = 1e-12, maxit = 50))
  fitted(fit)
}

by_unit <- function(cases) cases[!is.na(provider_org), .(numerator = sum(numerator), denominator = sum(denominator),
                                                          expected = sum(expected)), keyby = .(unit = provider_org)]

ami <- function(data) {
  s <- data$somatic
  codes <- icd[code_set == "AMI_30d_survival", icd10_code]
  start <- as.POSIXct(sprintf("%d-01-01", year), tz = "UTC"); end <- as.POSIXct(sprintf("%d-01-01", year + 1), tz = "UTC")
  stays <- s[care_level == "1" & main_diagnosis %in% codes & admission_time >= start - 365 * 86400 & admission_time < end]
  # first-time: the latest stay strictly earlier than the admission decides (365 days look-back)
  earlier <- stays[, .(patient_id, earlier_time = admission_time, t = admission_time)]
  setkey(earlier, patient_id, t)
  stays[, t := admission_time - 0.5]
  stays[, earlier_time := earlier[stays, earlier_time, on = .(patient_id, t), roll = Inf]]
  stays[, t := NULL]
  cases <- stays[(is.na(earlier_time) | earlier_time < admission_time - 365 * 86400) & admission_time >= start &
                 admission_time < end & !is.na(age) & age >= 18]
  cases <- merge(cases, data$death, by = "patient_id", all.x = TRUE)
  adm <- as.Date(cases$admission_time); dis <- as.Date(cases$discharge_time)
  died <- (!is.na(cases$death_date) & cases$death_date >= adm & cases$death_date <= adm + 30) |
    (cases$discharge_status == "9" & dis >= adm & dis <= adm + 30)
  cases[, `:=`(numerator = as.numeric(!died), denominator = 1, cov_age_band = age_band(age), cov_sex = sex,
               cov_charlson = charlson_index(secondary_diagnoses),
               cov_transfer = ifelse(discharge_status == "2", "true", "false"))]
  cases[, expected := expected(cases, as.numeric(died), c("cov_age_band", "cov_sex", "cov_charlson", "cov_transfer"),
                               list(cov_age_band = "70-79", cov_sex = "1", cov_transfer = "false"))]
  by_unit(cases)
}

readmission <- function(data) {
  s <- data$somatic
  groups <- icd[startsWith(code_set, "READM67_"), .(group = min(code_set)), by = icd10_code]
  start <- as.POSIXct(sprintf("%d-01-01", year), tz = "UTC"); end <- as.POSIXct(sprintf("%d-01-01", year + 1), tz = "UTC")
  idx <- s[care_level == "1" & !is.na(age) & age >= 67 & discharge_time >= start & discharge_time < end &
           !(discharge_status %in% c("2", "9"))]
  idx[, cov_diagnosis_group := groups[idx, group, on = .(icd10_code = main_diagnosis)]]
  idx <- idx[!is.na(cov_diagnosis_group)]
  idx[, i := .I]
  acute <- s[care_level == "1" & urgency == "1", .(patient_id, admission_time)]
  pairs <- merge(idx[, .(i, patient_id, discharge_time)], acute, by = "patient_id", allow.cartesian = TRUE)
  hit <- pairs[admission_time >= discharge_time + 8 * 3600 & admission_time <= discharge_time + 30 * 86400, unique(i)]
  idx[, `:=`(numerator = as.numeric(i %in% hit), denominator = 1, cov_age_band = age_band(age), cov_sex = sex,
             cov_charlson = charlson_index(secondary_diagnoses), cov_acute = ifelse(urgency == "1", "true", "false"))]
  idx[, expected := expected(idx, numerator, c("cov_age_band", "cov_sex", "cov_charlson", "cov_acute", "cov_diagnosis_group"),
                             list(cov_age_band = "70-79", cov_sex = "1", cov_acute = "true"))]
  by_unit(idx)
}

antibiotics <- function(data) {
  p <- data$prescription
  atc <- toupper(trimws(p$atc))
  users <- p[startsWith(atc, "J01") & !startsWith(atc, "J01XX05") &
             dispensing_date >= as.Date(sprintf("%d-01-01", year)) & dispensing_date < as.Date(sprintf("%d-01-01", year + 1))]
  setorder(users, patient_id, dispensing_date, dispensing_id)
  users <- users[!duplicated(patient_id)]
  num <- users[!is.na(residence_municipality), .(numerator = as.numeric(.N)), by = .(unit = residence_municipality)]
  den <- data$population[year == get("year", envir = globalenv()), .(denominator = as.numeric(sum(persons))), by = .(unit = municipality)]
  out <- merge(num, den, by = "unit", all = TRUE)
  out[is.na(numerator), numerator := 0][is.na(denominator), denominator := 0]
  out[, expected := NA_real_]
  setorder(out, unit)
  out
}

t0 <- Sys.time()
if (indicator == "antibiotic_users_share") {
  # late deliveries: a dispensing of the year can lie in the next year's file
  p <- first_of_key(read_years("prescription", ";", "Latin-1", c(year - 1, year, year + 1)), "dispensing_id")
  # a missing residence only nulls the value (onInvalid: value): the row stays, counted for the nation
  p <- p[!is.na(dispensing_id) & !is.na(patient_id) & !is.na(dispensing_date) & !is.na(atc) & !is.na(ddd) &
         grepl("^[A-Z][0-9]{2}[A-Z]{0,2}[0-9]{0,2}$", atc) & sex %in% c("1", "2") &
         prescriber_category %in% c("GP", "HOSPITAL", "DENTIST", "OTHER")]
  p[, age := suppressWarnings(as.integer(age))]
  p <- p[!is.na(age) & age >= 0 & age <= 110]
  p[, dispensing_date := as.Date(dispensing_date)]
  pop <- read_years("population", ",", "UTF-8", year)
  pop[, `:=`(year = as.integer(year), persons = as.numeric(persons))]
  data <- list(prescription = p, population = pop)
} else {
  # a delivery holds the rows of its year column (discharge): a stay admitted in the year can lie in the next file
  years <- c(year - 1, year, year + 1)
  data <- list(somatic = load_somatic(years))
  if (indicator == "ami_30d_survival") {
    d <- read_years("death", ",", "UTF-8", c(year, year + 1))
    d <- first_of_key(d[!is.na(patient_id) & !is.na(death_date)], "patient_id")
    data$death <- d[, .(patient_id, death_date = as.Date(death_date))]
  }
}
load_s <- as.numeric(Sys.time() - t0, units = "secs")
f <- switch(indicator, ami_30d_survival = ami, readmission_67_30d = readmission, antibiotic_users_share = antibiotics)
times <- numeric(repeats)
for (k in seq_len(repeats)) { t <- Sys.time(); result <- f(data); times[k] <- as.numeric(Sys.time() - t, units = "secs") }
fwrite(result, out)
# compute_s: the median of the runs after the first (data loaded and warm); repeat_s: their total, which a caller
# subtracts from the process's wall time to get the time from the extracts to the first result
warm <- if (repeats > 1) times[-1] else times
cat(sprintf('{"load_s": %.6f, "first_s": %.6f, "compute_s": %.6f, "repeat_s": %.6f}\n', load_s, times[1], median(warm),
            sum(times[-1])))
