package no.kvik.oecd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a delivery must pass before it is exported. Pure functions of the template rows, the count cubes
 * (with the engine's own counts) and the coverage findings; each returns one message per failing cell.
 */
public final class DeliveryChecks {
    public static final String COVERAGE = "year_coverage";
    public static final String COUNTS_VALID = "counts_valid";
    public static final String SEX_TOTALS = "sex_totals";
    public static final String AGE_TOTALS = "age_totals";
    public static final String RATES_IN_RANGE = "rates_in_range";
    public static final String ENGINE_COUNTS = "engine_counts";
    public static final String AGES_IN_RANGE = "ages_in_range";
    public static final String STD_WITHIN_STRATA = "std_within_strata";
    public static final String SAME_COHORT = "same_cohort";
    public static final String NESTED_WINDOWS = "nested_windows";
    public static final String LINKED_AT_LEAST_IN_HOSPITAL = "linked_at_least_in_hospital";
    public static final String MEDICATION_LINKED = "medication_linked";
    /** Cohort size (T, all ages) from which a medication indicator with no dispensing at all fails medication_linked. */
    static final double MIN_COHORT_FOR_LINKAGE = 20;
    /** Counts are sums of 0/1 case rows; anything further off an integer than this is a fault. */
    private static final double EPS = 1e-9;

    private DeliveryChecks() {
    }

    /** Every check in order; {@code coverage} holds the problems found by the coverage queries. */
    public static List<CheckResult> all(List<DeliveryRow> rows, List<IndicatorCounts> counts, List<String> coverage) {
        return List.of(
                new CheckResult(COVERAGE, "the year and its 30-day follow-up have data in every extract needed",
                        coverage),
                countsValid(rows, counts),
                sexTotals(rows),
                ageTotals(rows),
                ratesInRange(rows),
                engineCounts(rows, counts),
                agesInRange(rows, counts),
                stdWithinStrata(rows, counts),
                sameCohort(rows, counts),
                linkedAtLeastInHospital(rows, counts),
                nestedWindows(rows, counts),
                medicationLinked(rows, counts));
    }

    /** Every indicator has each template cell exactly once; counts are present, whole and ≥ 0; deaths ≤ cases. */
    public static CheckResult countsValid(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        for (IndicatorCounts c : counts) {
            for (StratumCounts s : c.cells()) {
                boolean sexKnown = Strata.SEX_ROWS.contains(s.sex());
                boolean ageKnown = s.ageGroup() != null
                        && (Strata.AGE_GROUPS.contains(s.ageGroup()) || Strata.ALL_AGES.equals(s.ageGroup()));
                if (!sexKnown || !ageKnown) {
                    f.add(c.indicator().id() + " " + c.year() + ", sex " + s.sex() + ", age group " + s.ageGroup() + ": "
                            + fmt(s.cases()) + " case(s) the template has no place for ("
                            + (!sexKnown ? "sex is not 1 or 2" : "no OECD age group") + ")");
                }
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (DeliveryRow r : rows) {
            seen.merge(key(r.indicatorId(), r.year(), r.sex(), r.ageGroup()), 1, Integer::sum);
            count(f, r, "cases", r.cases());
            count(f, r, "deaths", r.deaths());
            if (r.cases() != null && r.deaths() != null && r.deaths() > r.cases()) {
                f.add(r.where() + ": deaths " + fmt(r.deaths()) + " exceed cases " + fmt(r.cases()));
            }
        }
        Set<IndicatorYear> indicatorYears = new LinkedHashSet<>();
        for (DeliveryRow r : rows) indicatorYears.add(new IndicatorYear(r.indicatorId(), r.year()));
        for (IndicatorYear iy : indicatorYears) {
            for (String sex : Strata.SEX_ROWS) {
                for (String age : ages()) {
                    int n = seen.getOrDefault(key(iy.id(), iy.year(), sex, age), 0);
                    if (n != 1) {
                        f.add(iy.id() + " " + iy.year() + ", sex " + sex + ", age group " + age + ": row present "
                                + n + " times, expected once");
                    }
                }
            }
        }
        return new CheckResult(COUNTS_VALID, "each template cell once; counts present, whole, >= 0; deaths <= cases", f);
    }

    /** M + F = T for cases and deaths in every age group and in total. */
    public static CheckResult sexTotals(List<DeliveryRow> rows) {
        List<String> f = new ArrayList<>();
        Map<String, DeliveryRow> idx = index(rows);
        for (DeliveryRow t : rows) {
            if (!Strata.BOTH.equals(t.sex())) continue;
            DeliveryRow m = idx.get(key(t.indicatorId(), t.year(), Strata.MALE, t.ageGroup()));
            DeliveryRow w = idx.get(key(t.indicatorId(), t.year(), Strata.FEMALE, t.ageGroup()));
            if (m == null || w == null) continue; // reported by counts_valid
            compare(f, t, "cases", m.cases(), w.cases(), t.cases(), "M", "F");
            compare(f, t, "deaths", m.deaths(), w.deaths(), t.deaths(), "M", "F");
        }
        return new CheckResult(SEX_TOTALS, "M + F = T for cases and deaths in every age group and in total", f);
    }

    /** The age groups of each sex add up to its total, for cases and deaths. */
    public static CheckResult ageTotals(List<DeliveryRow> rows) {
        List<String> f = new ArrayList<>();
        Map<String, DeliveryRow> idx = index(rows);
        for (DeliveryRow total : rows) {
            if (!Strata.ALL_AGES.equals(total.ageGroup())) continue;
            double cases = 0;
            double deaths = 0;
            for (String age : Strata.AGE_GROUPS) {
                DeliveryRow r = idx.get(key(total.indicatorId(), total.year(), total.sex(), age));
                if (r == null || r.cases() == null || r.deaths() == null) continue; // reported by counts_valid
                cases += r.cases();
                deaths += r.deaths();
            }
            if (total.cases() != null && Math.abs(cases - total.cases()) > EPS) {
                f.add(total.where() + ": cases of the age groups sum to " + fmt(cases) + " but the total is "
                        + fmt(total.cases()));
            }
            if (total.deaths() != null && Math.abs(deaths - total.deaths()) > EPS) {
                f.add(total.where() + ": deaths of the age groups sum to " + fmt(deaths) + " but the total is "
                        + fmt(total.deaths()));
            }
        }
        return new CheckResult(AGE_TOTALS, "the age groups of each sex add up to its total", f);
    }

    /** Crude and standardised rates are proportions in [0, 1]. */
    public static CheckResult ratesInRange(List<DeliveryRow> rows) {
        List<String> f = new ArrayList<>();
        for (DeliveryRow r : rows) {
            rate(f, r, "crude rate", r.crudeRate());
            rate(f, r, "standardised rate", r.stdRate());
        }
        return new CheckResult(RATES_IN_RANGE, "crude and standardised rates within [0, 1]", f);
    }

    /** The T/total row equals the engine's own nation-level result of the same indicator and year. */
    public static CheckResult engineCounts(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, DeliveryRow> idx = index(rows);
        for (IndicatorCounts c : counts) {
            DeliveryRow t = idx.get(key(c.indicator().id(), c.year(), Strata.BOTH, Strata.ALL_AGES));
            if (t == null) continue; // reported by counts_valid
            if (t.cases() == null || Math.abs(t.cases() - c.engine().cases()) > EPS) {
                f.add(t.where() + ": cases " + fmt(t.cases()) + " but the engine's nation result has denominator "
                        + fmt(c.engine().cases()));
            }
            if (t.deaths() == null || Math.abs(t.deaths() - c.engine().deaths()) > EPS) {
                f.add(t.where() + ": deaths " + fmt(t.deaths()) + " but the engine's nation result has numerator "
                        + fmt(c.engine().deaths()));
            }
        }
        return new CheckResult(ENGINE_COUNTS, "T/total counts equal the engine's nation-level indicator result", f);
    }

    /** Age groups below an indicator's youngest age (hip fracture: 65) have no cases and no events. */
    public static CheckResult agesInRange(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, AcuteIndicator> byId = indicators(counts);
        for (DeliveryRow r : rows) {
            AcuteIndicator a = byId.get(r.indicatorId());
            if (a == null || Strata.ALL_AGES.equals(r.ageGroup()) || a.ageGroups().contains(r.ageGroup())) continue;
            if ((r.cases() != null && r.cases() != 0) || (r.deaths() != null && r.deaths() != 0)) {
                f.add(r.where() + ": " + fmt(r.cases()) + " case(s) below the indicator's youngest age " + a.minAge());
            }
        }
        return new CheckResult(AGES_IN_RANGE, "no cases in age groups below an indicator's youngest age", f);
    }

    /**
     * A directly standardised rate is a weighted mean of its strata's rates (Breslow & Day 1987, vol. II §2.1),
     * so it lies between the lowest and highest crude rate of the strata it was computed over.
     */
    public static CheckResult stdWithinStrata(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, AcuteIndicator> byId = indicators(counts);
        Map<String, DeliveryRow> idx = index(rows);
        for (DeliveryRow t : rows) {
            AcuteIndicator a = byId.get(t.indicatorId());
            if (a == null || t.stdRate() == null || !Strata.ALL_AGES.equals(t.ageGroup())) continue;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (String sex : Strata.BOTH.equals(t.sex()) ? Strata.SEXES : List.of(t.sex())) {
                for (String age : a.ageGroups()) {
                    DeliveryRow r = idx.get(key(t.indicatorId(), t.year(), sex, age));
                    if (r == null || r.crudeRate() == null) continue;
                    low = Math.min(low, r.crudeRate());
                    high = Math.max(high, r.crudeRate());
                }
            }
            if (!(t.stdRate() >= low - EPS && t.stdRate() <= high + EPS)) {
                f.add(t.where() + ": standardised rate " + t.stdRate() + " outside the range of its strata's crude rates ["
                        + low + ", " + high + "]");
            }
        }
        return new CheckResult(STD_WITHIN_STRATA,
                "each standardised rate lies between the lowest and highest crude rate of its strata", f);
    }

    /**
     * Indicators of one cohort count the same cases (hip fracture: the in-hospital mortality and the
     * surgery-within-2-days indicator count the same admissions; the integrated-care pilot's CHF indicators the
     * same discharges), so their cases agree in every cell.
     */
    public static CheckResult sameCohort(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, AcuteIndicator> byId = indicators(counts);
        Map<String, DeliveryRow> first = new HashMap<>();
        for (DeliveryRow r : rows) {
            AcuteIndicator a = byId.get(r.indicatorId());
            if (a == null || a.cohort() == null) continue;
            String cell = a.cohort() + "|" + r.year() + "|" + r.sex() + "|" + r.ageGroup();
            DeliveryRow other = first.putIfAbsent(cell, r);
            if (other == null || r.cases() == null || other.cases() == null) continue;
            if (Math.abs(r.cases() - other.cases()) > EPS) {
                f.add(r.where() + ": cases " + fmt(r.cases()) + " but " + other.indicatorId() + " has "
                        + fmt(other.cases()) + " in the same cell (both count the " + a.cohort() + ")");
            }
        }
        return new CheckResult(SAME_COHORT, "indicators of one cohort have the same cases in every cell", f);
    }

    /** Nested outcome windows (30 days within 1 year, 7 within 30 days): the wider numerator is not smaller. */
    public static CheckResult nestedWindows(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, DeliveryRow> idx = index(rows);
        Map<String, AcuteIndicator> byId = indicators(counts);
        for (List<String> pair : AcuteIndicator.NESTED_WINDOWS) {
            if (!byId.containsKey(pair.get(0)) || !byId.containsKey(pair.get(1))) continue;
            for (DeliveryRow narrow : rows) {
                if (!narrow.indicatorId().equals(pair.get(0))) continue;
                DeliveryRow wide = idx.get(key(pair.get(1), narrow.year(), narrow.sex(), narrow.ageGroup()));
                if (wide == null || wide.deaths() == null || narrow.deaths() == null) continue; // counts_valid
                if (wide.deaths() < narrow.deaths() - EPS) {
                    f.add(narrow.where() + ": numerator " + fmt(narrow.deaths()) + " exceeds the wider window's "
                            + fmt(wide.deaths()) + " (" + pair.get(1) + ")");
                }
            }
        }
        return new CheckResult(NESTED_WINDOWS, "an outcome within a wider window is counted at least as often", f);
    }

    /**
     * Plausibility: the patient-based (linked) 30-day mortality of a condition, which sees deaths anywhere, is not
     * below its admission-based (in-hospital) one in the T/total row. Not an identity (a death in a readmission
     * more than 30 days after the first admission counts only in-hospital), so a failure asks for a look at the
     * linkage (death registry, patient ids) before delivery.
     */
    public static CheckResult linkedAtLeastInHospital(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, AcuteIndicator> byId = indicators(counts);
        Map<String, DeliveryRow> inHospital = new HashMap<>();
        Map<String, DeliveryRow> linked = new LinkedHashMap<>();
        for (DeliveryRow r : rows) {
            AcuteIndicator a = byId.get(r.indicatorId());
            if (a == null || !a.isMortality() || !Strata.BOTH.equals(r.sex()) || !Strata.ALL_AGES.equals(r.ageGroup())) {
                continue;
            }
            String k = a.condition() + "|" + r.year();
            (AcuteIndicator.PATIENT_BASED.equals(a.dataType()) ? linked : inHospital).put(k, r);
        }
        for (Map.Entry<String, DeliveryRow> e : linked.entrySet()) {
            DeliveryRow l = e.getValue();
            DeliveryRow h = inHospital.get(e.getKey());
            if (h == null || l.crudeRate() == null || h.crudeRate() == null) continue;
            if (l.crudeRate() < h.crudeRate() - EPS) {
                f.add(l.where() + ": linked crude rate " + l.crudeRate() + " is below the in-hospital one "
                        + h.crudeRate() + " (" + h.indicatorId() + "): deaths outside hospital missing from the linkage?");
            }
        }
        return new CheckResult(LINKED_AT_LEAST_IN_HOSPITAL,
                "linked 30-day mortality (T, all ages) is not below the in-hospital one of the same condition", f);
    }

    /**
     * Plausibility: a medication indicator of the integrated-care cohorts (drugs the guidelines recommend for most
     * patients after a heart attack or heart failure) has at least one dispensing when its cohort (T, all ages) holds
     * {@link #MIN_COHORT_FOR_LINKAGE} patients or more. Even at a share of 30 %, none of 20 patients happens with
     * probability 0.7^20 < 0.001 (binomial), so none means the prescription registry is not linked to the cohort
     * (patient ids, or the follow-up year's dispensings missing): the CHF pilot's 0 % on the synthetic data was that.
     */
    public static CheckResult medicationLinked(List<DeliveryRow> rows, List<IndicatorCounts> counts) {
        List<String> f = new ArrayList<>();
        Map<String, AcuteIndicator> byId = indicators(counts);
        for (DeliveryRow t : rows) {
            AcuteIndicator a = byId.get(t.indicatorId());
            if (a == null || !a.isMedication() || !Strata.BOTH.equals(t.sex()) || !Strata.ALL_AGES.equals(t.ageGroup())) {
                continue;
            }
            if (t.cases() == null || t.deaths() == null) continue; // reported by counts_valid
            if (t.cases() >= MIN_COHORT_FOR_LINKAGE && t.deaths() == 0) {
                f.add(t.where() + ": no dispensing for any of " + fmt(t.cases()) + " patients (" + a.cohort()
                        + "): is the prescription registry linked to the cohort (patient ids, the follow-up year)?");
            }
        }
        return new CheckResult(MEDICATION_LINKED, "a medication indicator of a cohort of " + fmt(MIN_COHORT_FOR_LINKAGE)
                + " or more (T, all ages) has at least one dispensing", f);
    }

    private static Map<String, AcuteIndicator> indicators(List<IndicatorCounts> counts) {
        Map<String, AcuteIndicator> byId = new HashMap<>();
        for (IndicatorCounts c : counts) byId.put(c.indicator().id(), c.indicator());
        return byId;
    }

    private static void compare(List<String> f, DeliveryRow t, String what, Double a, Double b, Double total,
                                String la, String lb) {
        if (a == null || b == null || total == null) return; // reported by counts_valid
        if (Math.abs(a + b - total) > EPS) {
            f.add(t.indicatorId() + " " + t.year() + ", age group " + t.ageGroup() + ": " + what + " " + la + " "
                    + fmt(a) + " + " + lb + " " + fmt(b) + " = " + fmt(a + b) + " but T " + fmt(total));
        }
    }

    private static List<String> ages() {
        List<String> ages = new ArrayList<>(Strata.AGE_GROUPS);
        ages.add(Strata.ALL_AGES);
        return ages;
    }

    private record IndicatorYear(String id, int year) {
    }

    private static Map<String, DeliveryRow> index(List<DeliveryRow> rows) {
        Map<String, DeliveryRow> idx = new HashMap<>();
        for (DeliveryRow r : rows) idx.put(key(r.indicatorId(), r.year(), r.sex(), r.ageGroup()), r);
        return idx;
    }

    private static String key(String id, int year, String sex, String age) {
        return id + "|" + year + "|" + sex + "|" + age;
    }

    /** Whole counts print without a decimal point. */
    static String fmt(Double v) {
        if (v == null) return "missing";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) (double) v) : Double.toString(v);
    }

    private static void count(List<String> f, DeliveryRow r, String what, Double v) {
        if (v == null || Double.isNaN(v)) {
            f.add(r.where() + ": " + what + " missing");
        } else if (v < 0 || Math.abs(v - Math.rint(v)) > EPS) {
            f.add(r.where() + ": " + what + " " + v + " is not a whole number >= 0");
        }
    }

    private static void rate(List<String> f, DeliveryRow r, String what, Double v) {
        if (v != null && !(v >= 0 && v <= 1)) f.add(r.where() + ": " + what + " " + v + " is outside [0, 1]");
    }
}
