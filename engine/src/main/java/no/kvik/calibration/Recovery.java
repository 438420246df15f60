package no.kvik.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.sql.DuckDb;
import no.kvik.variation.IndicatorKind;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Scores a run's results against the synthetic generator's truth.json: for every planted unit effect, the pooled
 * window's flag (right side, wrong side, none) and the power the plant had at its unit's size; the false-flag rate
 * among units without a plant, per indicator kind, level and period length; whether the deteriorating hospital got
 * its trend alert. Units that contain a plant (the HF and RHF of a planted hospital, the county of a planted
 * municipality) are neither planted nor unplanted at their level; the case-mix catchment's units are left out of the
 * unplanted units of crude (not risk-adjusted) indicators at provider levels, where they are rightly worse.
 */
public final class Recovery {
    /** truth.json outcome → indicator whose funnel should find it, and the unit level. */
    static final Map<String, String> INDICATOR = Map.ofEntries(
            Map.entry("mortality_30d_ami", "ami_30d_survival"),
            Map.entry("mortality_30d_stroke", "stroke_30d_survival"),
            Map.entry("mortality_30d_hip_fracture", "hip_fracture_30d_survival"),
            Map.entry("readmission_30d_67plus", "readmission_67_30d"),
            Map.entry("epicrisis_within_1_day", "epicrisis_somatic_1d"),
            Map.entry("hip_fracture_surgery_within_48h", "hip_fracture_surgery_48h"),
            Map.entry("antibiotic_prescriptions_per_1000", "antibiotic_prescriptions_per_1000"),
            Map.entry("nursing_home_physician_assessment_12m", "nursing_home_physician_assessed_12m"));

    /**
     * Other indicators a plant moves at the same unit (the generator draws them from the same planted quantity): the
     * mortality plants act on every 30-day death after AMI, stroke or hip fracture, the readmission plant on every
     * 67+ readmission, the epicrisis plant on the send time itself, the slow-surgery plant on the time to surgery, the
     * antibiotic multiplier on every prescription. There the unit holding the plant is neither planted nor unplanted.
     */
    static final Map<String, List<String>> ALSO_MOVED = Map.of(
            "mortality_30d_ami", List.of("all_cause_30d_survival", "oecd_ami_30d_mortality_in_hospital", "oecd_ami_30d_mortality_linked"),
            "mortality_30d_stroke", List.of("all_cause_30d_survival", "oecd_haemorrhagic_stroke_30d_mortality_in_hospital",
                    "oecd_haemorrhagic_stroke_30d_mortality_linked", "oecd_ischaemic_stroke_30d_mortality_in_hospital",
                    "oecd_ischaemic_stroke_30d_mortality_linked"),
            "mortality_30d_hip_fracture", List.of("all_cause_30d_survival"),
            "readmission_30d_67plus", List.of("readmission_67_30d_copd_asthma", "readmission_67_30d_fracture", "readmission_67_30d_pneumonia"),
            "epicrisis_within_1_day", List.of("epicrisis_somatic_7d"),
            "hip_fracture_surgery_within_48h", List.of("hip_fracture_surgery_24h"),
            "antibiotic_prescriptions_per_1000", List.of("antibiotic_users_share", "respiratory_antibiotic_users_share_10_79",
                    "uti_antibiotic_users_share_women_20_79"));

    /** Indicator → the truth.json "overdispersion" entry of the generator's random unit effect that drives it. */
    static final Map<String, String> RANDOM_EFFECT = Map.ofEntries(
            Map.entry("ami_30d_survival", "mortality_30d_log_odds_sd"),
            Map.entry("stroke_30d_survival", "mortality_30d_log_odds_sd"),
            Map.entry("hip_fracture_30d_survival", "mortality_30d_log_odds_sd"),
            Map.entry("all_cause_30d_survival", "mortality_30d_log_odds_sd"),
            Map.entry("readmission_67_30d", "readmission_log_odds_sd"),
            Map.entry("readmission_67_30d_copd_asthma", "readmission_log_odds_sd"),
            Map.entry("readmission_67_30d_fracture", "readmission_log_odds_sd"),
            Map.entry("readmission_67_30d_pneumonia", "readmission_log_odds_sd"),
            Map.entry("epicrisis_somatic_1d", "epicrisis_1day_logit_sd"),
            Map.entry("epicrisis_somatic_7d", "epicrisis_1day_logit_sd"),
            Map.entry("stroke_unit_treated", "stroke_unit_logit_sd"),
            Map.entry("stroke_thrombolysis_40min", "thrombolysis_40min_logit_sd"),
            Map.entry("nstemi_invasive_72h", "nstemi_invasive_72h_logit_sd"),
            Map.entry("hip_fracture_surgery_24h", "waiting_and_time_to_surgery_log_factor_sd_per_trust"),
            Map.entry("hip_fracture_surgery_48h", "waiting_and_time_to_surgery_log_factor_sd_per_trust"),
            Map.entry("fristbrudd_somatic", "waiting_and_time_to_surgery_log_factor_sd_per_trust"),
            Map.entry("antibiotic_prescriptions_per_1000", "antibiotic_rate_log_sd_per_municipality"),
            Map.entry("antibiotic_users_share", "antibiotic_rate_log_sd_per_municipality"),
            Map.entry("respiratory_antibiotic_users_share_10_79", "antibiotic_rate_log_sd_per_municipality"),
            Map.entry("uti_antibiotic_users_share_women_20_79", "antibiotic_rate_log_sd_per_municipality"),
            Map.entry("nursing_home_physician_assessed_12m", "nursing_home_assessment_logit_sd_per_municipality"),
            Map.entry("gp_consultations_own_gp", "own_gp_share_per_county_and_municipality"));

    private Recovery() {
    }

    /** One result row, the columns recovery needs. */
    public record Row(String indicator, LocalDate start, LocalDate end, String period, String level, String unitId,
                      String unitName, Double numerator, Double denominator, Double value, Double expected, Double oE,
                      Double z, String funnelFlag, String trendFlag, String suppressed) {
        /** tertial, half_year, year or window (two years or more). */
        public String periodType() {
            long months = ChronoUnit.MONTHS.between(start, end);
            return months <= 4 ? "tertial" : months <= 6 ? "half_year" : months <= 12 ? "year" : "window";
        }

        double funnelValue() {
            return oE != null ? oE : value;
        }

        double funnelSize() {
            return oE != null ? expected : denominator;
        }
    }

    /** A plant scored on its pooled window (or the longest period reported for its unit). */
    public record PlantResult(Plant plant, IndicatorKind kind, String period, double size, double national,
                              double plantedValue, double tau2, double power95, double power998, String flag,
                              String found) {
    }

    /**
     * False flags among unplanted units of a kind, level and period type, with the unit counts and flags per
     * indicator ({units, flagged at 95 %, beyond 99.8 %}).
     */
    public record FalseFlags(IndicatorKind kind, String level, String periodType, long units, long inner, long outer,
                             Map<String, long[]> byIndicator) {
        public FalseFlags(IndicatorKind kind, String level, String periodType, long units, long inner, long outer) {
            this(kind, level, periodType, units, inner, outer, Map.of());
        }

        /** Binomial Monte Carlo SE of a rate over these units, sqrt(r(1 − r)/units) (units taken as independent). */
        public static double standardError(long flagged, long units) {
            if (units == 0) return Double.NaN;
            double r = (double) flagged / units;
            return Math.sqrt(r * (1 - r) / units);
        }

        /**
         * One-sided exact binomial p-value of "the rate beyond 99.8 % exceeds {@code limit}": P(X ≥ outer) for
         * X ~ Binomial(units, limit), the exact upper tail (R: binom.test(outer, units, limit, "greater")).
         */
        public double outerAbove(double limit) {
            if (outer == 0) return 1;
            return BinomialDistribution.of((int) units, limit).survivalProbability((int) outer - 1);
        }
    }

    /**
     * Where residents go to hospital, from truth.json: planted hospital id → the municipalities (4 digits) it is the
     * local hospital of (its "catchment_municipalities"), and the case-mix catchment's municipalities.
     */
    public record Catchments(Map<String, Set<String>> municipalitiesOfHospital, Set<String> caseMixMunicipalities) {
        public static Catchments of(JsonNode truth, Map<String, ProviderUnits> providers) {
            Map<String, Set<String>> byHospital = new HashMap<>();
            for (JsonNode e : truth.path("hospital_effects")) {
                ProviderUnits u = providers.get(e.path("provider_org").asText());
                if (u == null) continue;
                for (JsonNode m : e.path("catchment_municipalities")) {
                    byHospital.computeIfAbsent(u.hospital(), k -> new HashSet<>()).add(m.asText());
                }
            }
            Set<String> caseMix = new HashSet<>();
            for (JsonNode m : truth.path("case_mix").path("municipalities")) caseMix.add(m.asText());
            return new Catchments(byHospital, caseMix);
        }
    }

    /**
     * The trend alert of a planted deteriorating hospital.
     *
     * @param power probability that the trend test flags the plant over the latest 3 years' periods at 5 %/m, m the
     *              level's units (the Benjamini–Hochberg cut-off when the plant is the only discovery): from the
     *              unit's expected deaths per year ({@link Power#trend}), or for a proportion from its cases and shares
     *              per period ({@link #proportionTrendPower}); NaN when they are not published
     */
    public record TrendCheck(Plant plant, String period, String trendFlag, double power) {
        public boolean alerted() {
            return "deteriorating".equals(trendFlag);
        }
    }

    /**
     * @param randomEffects indicator → the generator's random unit effect behind it ("epicrisis_1day_logit_sd 0.4"),
     *                      for indicators with false flags: real between-unit variation, not a fault of the funnel
     */
    public record Report(List<PlantResult> plants, List<FalseFlags> falseFlags, List<TrendCheck> trends,
                         List<String> notes, Map<String, String> randomEffects) {
    }

    /** Provider organisation → hospital, HF and RHF ids (SKDE codes, as the engine's provider levels). */
    public record ProviderUnits(String hospital, String hf, String rhf) {
    }

    public static Report score(JsonNode truth, List<Row> rows, Map<String, IndicatorKind> kinds,
                               Map<String, ProviderUnits> providers) {
        Catchments catchments = Catchments.of(truth, providers);
        List<String> notes = new ArrayList<>();
        List<Plant> plants = plants(truth, providers, notes);
        // units containing a plant, per indicator and level: at provider levels the planted hospital's HF and RHF, at
        // residence levels the municipalities whose residents it serves (its catchment) and their counties; for the
        // plant's own indicator and every other indicator the planted quantity moves (ALSO_MOVED)
        Map<String, Set<String>> containing = new HashMap<>();
        for (Plant p : plants) {
            List<String> moved = new ArrayList<>(List.of(p.indicator()));
            moved.addAll(ALSO_MOVED.getOrDefault(p.outcome(), List.of()));
            for (String indicator : moved) {
                containing.computeIfAbsent(indicator + "|" + p.level(), k -> new HashSet<>()).add(p.unitId());
                if (p.level().equals("hospital")) {
                    ProviderUnits u = providerOfHospital(providers, p.unitId());
                    if (u != null) {
                        containing.computeIfAbsent(indicator + "|hf", k -> new HashSet<>()).add(u.hf());
                        containing.computeIfAbsent(indicator + "|rhf", k -> new HashSet<>()).add(u.rhf());
                    }
                    for (String m : catchments.municipalitiesOfHospital().getOrDefault(p.unitId(), Set.of())) {
                        containing.computeIfAbsent(indicator + "|municipality", k -> new HashSet<>()).add(m);
                        containing.computeIfAbsent(indicator + "|county", k -> new HashSet<>()).add(m.substring(0, 2));
                    }
                } else if (p.level().equals("municipality")) {
                    containing.computeIfAbsent(indicator + "|county", k -> new HashSet<>()).add(p.unitId().substring(0, 2));
                }
            }
        }
        Set<String> caseMix = new HashSet<>();
        for (JsonNode org : truth.path("case_mix").path("local_hospital_orgs")) {
            ProviderUnits u = providers.get(org.asText());
            if (u != null) {
                caseMix.add("hospital|" + u.hospital());
                caseMix.add("hf|" + u.hf());
            }
        }
        // the catchment's residents are older and sicker: crude figures of their municipalities and counties differ rightly
        for (String m : catchments.caseMixMunicipalities()) {
            caseMix.add("municipality|" + m);
            caseMix.add("county|" + m.substring(0, 2));
        }
        Map<String, Row> national = new HashMap<>();
        Map<String, Row> byUnit = new HashMap<>();
        for (Row r : rows) {
            if (r.level().equals("nation")) national.put(r.indicator() + "|" + r.period(), r);
            byUnit.put(r.indicator() + "|" + r.period() + "|" + r.level() + "|" + r.unitId(), r);
        }

        List<PlantResult> results = new ArrayList<>();
        List<TrendCheck> trends = new ArrayList<>();
        for (Plant p : plants) {
            IndicatorKind kind = kinds.get(p.indicator());
            List<Row> unitRows = rows.stream().filter(r -> r.indicator().equals(p.indicator()) && r.level().equals(p.level())
                    && r.unitId().equals(p.unitId())).toList();
            if (p.trend()) {
                String flag = unitRows.stream().filter(r -> r.trendFlag() != null && !r.trendFlag().isEmpty())
                        .map(r -> r.period() + ": " + r.trendFlag()).reduce((a, b) -> a + ", " + b).orElse("");
                String period = unitRows.stream().filter(r -> "deteriorating".equals(r.trendFlag())).map(Row::period).findFirst().orElse("");
                // the analysis holds the false discovery rate over the level's units: alone among them, a plant is
                // flagged when p ≤ 5 %/m (Benjamini–Hochberg with one discovery), the level at which its power is given
                LocalDate latestEnd = rows.stream().filter(r -> r.indicator().equals(p.indicator()))
                        .map(Row::end).max(LocalDate::compareTo).orElse(null);
                long units = rows.stream().filter(r -> r.indicator().equals(p.indicator()) && r.level().equals(p.level())
                        && r.end().equals(latestEnd) && !r.periodType().equals("window")).map(Row::unitId).distinct().count();
                trends.add(new TrendCheck(p, period, flag.contains("deteriorating") ? "deteriorating" : flag,
                        trendPower(p, unitRows, national, AnalysisOptions.defaults().trendAlpha() / Math.max(1, units))));
                continue;
            }
            // the longest (pooled) period published for the unit, latest first among equals
            Row best = null;
            for (Row r : unitRows) {
                if (r.funnelFlag() == null) continue;
                if (best == null || ChronoUnit.DAYS.between(r.start(), r.end()) > ChronoUnit.DAYS.between(best.start(), best.end())
                        || (ChronoUnit.DAYS.between(r.start(), r.end()) == ChronoUnit.DAYS.between(best.start(), best.end())
                        && r.end().isAfter(best.end()))) {
                    best = r;
                }
            }
            if (best == null || kind == null) {
                results.add(new PlantResult(p, kind, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        "", "not published"));
                continue;
            }
            Row nat = national.get(p.indicator() + "|" + best.period());
            double theta0 = nat == null ? Double.NaN : nat.funnelValue();
            Plant.Effect effect = p.effect();
            if (effect instanceof Plant.OddsRatioOnRatio o && nat != null) {
                // the event is what O counts: deaths for survival indicators (value = survival), else the numerator
                double eventRate = p.indicator().endsWith("_survival") ? 1 - nat.value() : nat.value();
                effect = new Plant.OddsRatioOnRatio(o.logOddsRatio(), eventRate);
            }
            double theta1 = effect.planted(theta0);
            double size = best.funnelSize();
            double tau2 = Power.tau2FromRow(kind, theta0, best.funnelValue(), best.z(), size);
            boolean high = p.side().equals("high");
            double p95 = Power.of(kind, theta0, theta1, size, tau2, 0.95, high);
            double p998 = Power.of(kind, theta0, theta1, size, tau2, 0.998, high);
            String flag = best.funnelFlag();
            String found = flag.equals("as_expected") ? "not flagged"
                    : flag.startsWith(p.side()) ? (flag.endsWith("outer") ? "right side 99.8" : "right side 95") : "wrong side";
            results.add(new PlantResult(p, kind, best.period(), size, theta0, theta1, tau2, p95, p998, flag, found));
        }

        Map<String, long[]> ff = new TreeMap<>();
        Map<String, FalseFlags> meta = new HashMap<>();
        Map<String, Map<String, long[]>> perIndicator = new HashMap<>();
        for (Row r : rows) {
            if (r.funnelFlag() == null || r.suppressed() != null || r.level().equals("nation")) continue;
            IndicatorKind kind = kinds.get(r.indicator());
            if (kind == null) continue;
            Set<String> planted = containing.getOrDefault(r.indicator() + "|" + r.level(), Set.of());
            if (planted.contains(r.unitId())) continue;
            if (r.oE() == null && caseMix.contains(r.level() + "|" + r.unitId())) continue;
            String key = kind + "|" + r.level() + "|" + r.periodType();
            long[] t = ff.computeIfAbsent(key, k -> new long[3]);
            t[0]++;
            if (!r.funnelFlag().equals("as_expected")) t[1]++;
            if (r.funnelFlag().endsWith("outer")) t[2]++;
            long[] ti = perIndicator.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(r.indicator(), k -> new long[3]);
            ti[0]++;
            if (!r.funnelFlag().equals("as_expected")) ti[1]++;
            if (r.funnelFlag().endsWith("outer")) ti[2]++;
            meta.putIfAbsent(key, new FalseFlags(kind, r.level(), r.periodType(), 0, 0, 0));
        }
        List<FalseFlags> falseFlags = new ArrayList<>();
        Map<String, String> randomEffects = new TreeMap<>();
        JsonNode od = truth.path("overdispersion");
        for (Map.Entry<String, long[]> e : ff.entrySet()) {
            FalseFlags m = meta.get(e.getKey());
            falseFlags.add(new FalseFlags(m.kind(), m.level(), m.periodType(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                    perIndicator.get(e.getKey())));
            for (String indicator : perIndicator.get(e.getKey()).keySet()) {
                String name = RANDOM_EFFECT.get(indicator);
                if (name != null && od.has(name)) randomEffects.put(indicator, name + " " + od.get(name).asText());
            }
        }
        return new Report(results, falseFlags, trends, notes, randomEffects);
    }

    /**
     * Power of the trend test for a deteriorating plant: expected deaths per year from the unit's latest three
     * published years, or its latest published window's E spread evenly over its years when the years are hidden;
     * the log odds slope taken onto the log O/E scale by the factor 1 − m (d log m / d logit m), m the national
     * event rate of that period.
     */
    static double trendPower(Plant p, List<Row> unitRows, Map<String, Row> national, double alpha) {
        if (!(p.effect() instanceof Plant.Trend t)) return Double.NaN;
        if (unitRows.stream().noneMatch(r -> r.expected() != null)) return proportionTrendPower(t, unitRows, alpha);
        List<Row> years = unitRows.stream().filter(r -> r.periodType().equals("year") && r.expected() != null)
                .sorted(java.util.Comparator.comparing(Row::start)).toList();
        double[] expected;
        Row basis;
        if (years.size() >= 3) {
            years = years.subList(years.size() - 3, years.size());
            expected = years.stream().mapToDouble(Row::expected).toArray();
            basis = years.get(years.size() - 1);
        } else {
            basis = unitRows.stream().filter(r -> r.periodType().equals("window") && r.expected() != null)
                    .max(java.util.Comparator.comparing(Row::end)).orElse(null);
            if (basis == null) return Double.NaN;
            int n = (int) ChronoUnit.YEARS.between(basis.start(), basis.end());
            expected = new double[n];
            java.util.Arrays.fill(expected, basis.expected() / n);
        }
        Row nat = national.get(p.indicator() + "|" + basis.period());
        if (nat == null || nat.value() == null) return Double.NaN;
        double eventRate = p.indicator().endsWith("_survival") ? 1 - nat.value() : nat.value();
        return Power.trend(t.logOddsPerYear() * (1 - eventRate), expected, alpha);
    }

    /**
     * Power of the logistic trend test for a deteriorating plant on a proportion (a logit shift of slope per discharge
     * year, 0 in the first year): over the unit's periods of the run's frequency (its shortest non-window rows) in the
     * latest 3 years, as the analysis tests them, with working weights n·p(1−p) at the unit's published shares and the
     * plant's shift stepping once a year ({@link Power#trend(double[], double[], double)}). NaN when a period of the
     * series is not published (suppressed or pooled): its counts are not in the results.
     */
    static double proportionTrendPower(Plant.Trend t, List<Row> unitRows, double alpha) {
        List<Row> periods = unitRows.stream().filter(r -> !r.periodType().equals("window")).toList();
        if (periods.isEmpty()) return Double.NaN;
        long shortest = periods.stream().mapToLong(r -> ChronoUnit.MONTHS.between(r.start(), r.end())).min().orElseThrow();
        LocalDate last = periods.stream().map(Row::end).max(LocalDate::compareTo).orElseThrow();
        List<Row> series = periods.stream().filter(r -> ChronoUnit.MONTHS.between(r.start(), r.end()) == shortest
                && !r.start().isBefore(last.minusYears(3))).sorted(java.util.Comparator.comparing(Row::start)).toList();
        if (series.size() < 3) return Double.NaN;
        double[] shift = new double[series.size()];
        double[] weights = new double[series.size()];
        int firstYear = series.get(0).start().getYear();
        for (int i = 0; i < shift.length; i++) {
            Row r = series.get(i);
            if (r.value() == null || r.denominator() == null) return Double.NaN;
            shift[i] = t.logOddsPerYear() * (r.start().getYear() - firstYear);
            weights[i] = r.denominator() * r.value() * (1 - r.value());
        }
        return Power.trend(shift, weights, alpha);
    }

    private static ProviderUnits providerOfHospital(Map<String, ProviderUnits> providers, String hospital) {
        for (ProviderUnits u : providers.values()) if (u.hospital().equals(hospital)) return u;
        return null;
    }

    /** The plants of truth.json, mapped to the indicator, level and unit where the analysis should find them. */
    static List<Plant> plants(JsonNode truth, Map<String, ProviderUnits> providers, List<String> notes) {
        List<Plant> out = new ArrayList<>();
        for (JsonNode e : truth.path("hospital_effects")) {
            String outcome = e.path("outcome").asText();
            String indicator = INDICATOR.get(outcome);
            ProviderUnits u = providers.get(e.path("provider_org").asText());
            if (indicator == null || u == null) {
                notes.add("hospital effect on " + outcome + " at " + e.path("provider_org").asText() + " not scored: "
                        + (indicator == null ? "no indicator for it" : "organisation not in the provider reference"));
                continue;
            }
            double lor = e.path("log_odds_ratio").asDouble();
            double trend = e.path("trend_log_odds_per_year").asDouble();
            String name = e.path("name").asText();
            if (trend != 0) {
                // a rising log odds of death or readmission is a high O/E; a falling epicrisis share a low value
                out.add(new Plant(outcome, indicator, "hospital", u.hospital(), name, trend > 0 ? "high" : "low",
                        new Plant.Trend(trend), e.path("note").asText(), true));
                continue;
            }
            Plant.Effect effect;
            String side;
            if (outcome.startsWith("mortality_30d") || outcome.startsWith("readmission")) {
                // O/E of events: more deaths or readmissions than expected is a high ratio
                effect = new Plant.OddsRatioOnRatio(lor, Double.NaN);
                side = lor > 0 ? "high" : "low";
            } else if (outcome.equals("hip_fracture_surgery_within_48h")) {
                effect = new Plant.NotOnScale("time-to-surgery median multiplied, not a shift of the 48 h share");
                side = "low";
            } else {
                effect = new Plant.LogitShift(lor);
                side = lor > 0 ? "high" : "low";
            }
            out.add(new Plant(outcome, indicator, "hospital", u.hospital(), name, side, effect, e.path("note").asText(), false));
        }
        for (JsonNode e : truth.path("municipality_effects")) {
            String outcome = e.path("outcome").asText();
            String indicator = INDICATOR.get(outcome);
            if (indicator == null) {
                notes.add("municipality effect on " + outcome + " not scored: no indicator for it");
                continue;
            }
            double m = e.path("multiplier").asDouble();
            Plant.Effect effect = outcome.startsWith("antibiotic") ? new Plant.RateMultiplier(m) : new Plant.LogitShift(Math.log(m));
            out.add(new Plant(outcome, indicator, "municipality", e.path("municipality").asText(), e.path("name").asText(),
                    m > 1 ? "high" : "low", effect, "multiplier " + m, false));
        }
        return out;
    }

    /** Reads truth.json. */
    public static JsonNode truth(Path extracts) throws IOException {
        Path file = extracts.resolve("truth.json");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no truth.json in " + extracts + " (written by kvik synth)");
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Reads results.parquet (or results.csv) of kvik run. */
    public static List<Row> results(Path dir) throws SQLException {
        Path parquet = dir.resolve("results.parquet");
        Path csv = dir.resolve("results.csv");
        String source;
        if (Files.isRegularFile(parquet)) source = "read_parquet('" + parquet.toString().replace("'", "''") + "')";
        else if (Files.isRegularFile(csv)) source = "read_csv('" + csv.toString().replace("'", "''") + "', header = true, all_varchar = true)";
        else throw new IllegalArgumentException("no results.parquet or results.csv in " + dir + " (written by kvik run)");
        List<Row> out = new ArrayList<>();
        try (Connection c = DuckDb.open();
             PreparedStatement ps = c.prepareStatement("SELECT indicator_id, CAST(period_start AS DATE), CAST(period_end AS DATE), "
                     + "period_label, level, CAST(unit_id AS VARCHAR), unit_name, CAST(numerator AS DOUBLE), "
                     + "CAST(denominator AS DOUBLE), CAST(value AS DOUBLE), CAST(expected AS DOUBLE), CAST(o_e AS DOUBLE), "
                     + "CAST(z AS DOUBLE), nullif(funnel_flag, ''), nullif(trend_flag, ''), nullif(suppressed, '') FROM " + source);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11),
                        dbl(rs, 12), dbl(rs, 13), rs.getString(14), rs.getString(15), rs.getString(16)));
            }
        }
        return out;
    }

    /** Provider organisation numbers → hospital, HF and RHF (SKDE behsh, behhf, behrhf) from the reference table. */
    public static Map<String, ProviderUnits> providers(Path referenceDir) throws SQLException {
        Path file = referenceDir.resolve("behandlingssteder_skde_behandler.csv");
        Map<String, ProviderUnits> out = new LinkedHashMap<>();
        try (Connection c = DuckDb.open();
             PreparedStatement ps = c.prepareStatement("SELECT orgnr, behsh, behhf, behrhf FROM read_csv('"
                     + file.toString().replace("'", "''") + "', header = true, all_varchar = true)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // a site without a hospital code maps to no provider unit (the engine reports it as 'unknown')
                if (rs.getString(2) != null) out.put(rs.getString(1), new ProviderUnits(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}
